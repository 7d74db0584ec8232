import ArgumentParser
import Logging
import MSNAuth
import MSNServer
import ServiceLifecycle

/// `msn serve`: a whole MSN network in one process.
///
/// ```
/// $ msn serve --data ./msn-data
/// … info msn.server : [service=http] HTTP services listening port=8080
/// … info msn.server : dispatch server listening on 127.0.0.1:1863
/// … info msn.server : notification server listening on 127.0.0.1:1866
/// ```
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run a whole MSN network: dispatch, notification and HTTP services.")

    @Option(name: .long, help: ArgumentHelp("The server's data directory.", valueName: "dir"))
    var data: String = "./msn-data"

    @Option(name: .long, help: "The address every listener binds.")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "The dispatch server's port (0: any free port).")
    var port: Int = 1863

    @Option(name: .customLong("ns-port"), help: "The notification server's port.")
    var nsPort: Int = 1866

    @Option(name: .customLong("sb-port"), help: "The switchboard's port.")
    var sbPort: Int = 1864

    @Option(name: .customLong("http-port"), help: "The HTTP services' port (Nexus, Passport, RST).")
    var httpPort: Int = 8080

    @Option(name: .customLong("advertise"), help: ArgumentHelp(
        "The host written into redirects, when clients reach the server by another name.", valueName: "host"))
    var advertisedHost: String?

    @Option(name: .customLong("login-timeout"), help: ArgumentHelp(
        "Seconds a connection has to sign in.", valueName: "seconds"))
    var loginTimeout: Int = 60

    @Option(name: .customLong("idle-timeout"), help: ArgumentHelp(
        "Seconds without a byte from the client before its connection is closed.", valueName: "seconds"))
    var idleTimeout: Int = 180

    @Option(name: .customLong("max-connections-per-address"), help: ArgumentHelp(
        "Connections one IP address may hold open on each listener; more are closed at once (0: no limit).",
        valueName: "n"))
    var maxConnectionsPerAddress: Int = 256

    @Option(name: .customLong("max-changes-per-second"), help: ArgumentHelp(
        "Status, personal-message and name changes a session may make per second, after a burst of six times "
            + "as many; beyond, 800 (changing too rapidly) (0: no limit).",
        valueName: "n"))
    var maxChangesPerSecond: Double = ChangeRateLimit.default.perSecond

    @OptionGroup(title: "Switchboard")
    var switchboard: SwitchboardOptions

    @Flag(name: .long, help: "Log every frame in both directions.")
    var trace = false

    @Option(name: .customLong("log-level"), help: ArgumentHelp(
        "Least severe messages logged: trace, debug, info, notice, warning, error, critical.", valueName: "level"))
    var logLevel: Logger.Level = .info

    @Option(name: .customLong("password-iterations"), help: ArgumentHelp(
        "PBKDF2 iterations of new and upgraded password hashes (default: \(PasswordHash.defaultIterations)).",
        valueName: "n"))
    var passwordIterations: Int?

    @Flag(name: .customLong("print-ports"), help: ArgumentHelp(
        "Once every listener is up, print one JSON line with the bound ports on standard output "
            + "(for scripts and `msn bench`; use with port 0)."))
    var printPorts = false

    @Option(name: .customLong("parent-pid"), help: ArgumentHelp(
        "Stop (as on SIGTERM) once process <pid> is gone "
            + "(for `msn bench` and tests, so that a crashed parent leaves no server behind).",
        valueName: "pid"))
    var parentPID: Int32?

    /// The network these options describe.
    var networkConfiguration: MessengerNetworkConfiguration {
        var configuration = MessengerNetworkConfiguration(
            host: host, dispatchPort: port, notificationPort: nsPort, switchboardPort: sbPort,
            httpPort: httpPort, advertisedHost: advertisedHost, dataDirectory: data)
        configuration.connection.traceFrames = trace
        configuration.connection.loginTimeout = .seconds(max(1, loginTimeout))
        configuration.connection.idleTimeout = .seconds(max(1, idleTimeout))
        configuration.connection.maximumConnectionsPerAddress = maxConnectionsPerAddress > 0 ? maxConnectionsPerAddress : nil
        configuration.notification.changeRateLimit = maxChangesPerSecond > 0
            ? ChangeRateLimit(burst: Int((maxChangesPerSecond * 6).rounded(.up)), perSecond: maxChangesPerSecond) : nil
        configuration.switchboard = switchboard.configuration
        return configuration
    }

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = logLevel
            return handler
        }
        let logger = Logger(label: "msn.server")

        let configuration = networkConfiguration

        let store = try SQLiteMessengerStore(
            configuration: .init(directory: data, passwordIterations: passwordIterations ?? PasswordHash.defaultIterations),
            logger: logger)
        defer { try? store.close() }
        let network = try await MessengerNetwork.bind(configuration: configuration, store: store, logger: logger)
        logger.info("dispatch server listening on \(network.dispatchAddress)")
        logger.info("notification server listening on \(network.notificationAddress)")
        logger.info("switchboard listening on \(network.switchboardAddress)")
        logger.info("data directory \(data)")

        let group = ServiceGroup(configuration: .init(
            services: network.services,
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        let announcement = printPorts ? Task { await ServeReadyLine.print(network: network) } : nil
        defer { announcement?.cancel() }
        let watch = parentPID.map { parent in Task { await ParentWatch.signalWhenOrphaned(from: parent) } }
        defer { watch?.cancel() }
        try await group.run()
        logger.info("stopped")
    }
}
