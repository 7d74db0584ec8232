import Foundation
import Logging
import MSNClient
import MSNServer
import ServiceLifecycle

/// A whole network started in-process (for a benchmark, or `msn demo`): every listener on a free loopback
/// port, a fresh store in a temporary directory, `accounts` accounts created with the
/// server's real password hashing.
///
/// ```swift
/// try await EmbeddedNetwork.withRunning(accounts: 50) { target in … }
/// ```
/// The network is shut down and the directory removed when `body` returns or throws.
enum EmbeddedNetwork {
    /// What a scenario may reach inside an embedded network.
    struct Handles: Sendable {
        var network: MessengerNetwork
        var store: SQLiteMessengerStore
    }

    /// The password of every account created here.
    static let password = "bench-password"

    /// The e-mail address of account `index` (`bench0001@bench.invalid`).
    static func email(_ index: Int) -> String {
        let digits = String(index)
        return "bench" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "@bench.invalid"
    }

    /// Starts the network, creates the accounts, runs `body`, shuts down.
    ///
    /// - Parameters:
    ///   - accounts: how many accounts to create.
    ///   - passwordIterations: PBKDF2 iterations of the accounts (the server's default unless told).
    static func withRunning<Result: Sendable>(
        accounts count: Int, passwordIterations: Int,
        _ body: (BenchTarget) async throws -> Result
    ) async throws -> Result {
        try await withNetwork(passwordIterations: passwordIterations) { running in
            var accounts: [BenchAccount] = []
            for index in 1...max(1, count) {
                let account = BenchAccount(email: email(index), password: password)
                _ = try await running.store.createAccount(email: account.email, displayName: nil,
                                                          password: account.password, legacyMD5: false)
                accounts.append(account)
            }
            let target = BenchTarget(server: running.dispatch, notificationServer: running.notification,
                                     httpBaseURL: running.httpBaseURL, accounts: accounts, label: "embedded",
                                     embedded: Handles(network: running.network, store: running.store))
            return try await body(target)
        }
    }

    /// A network started by ``withNetwork(passwordIterations:logger:_:)``.
    struct Running: Sendable {
        /// The servers.
        var network: MessengerNetwork
        /// The accounts and contact lists.
        var store: SQLiteMessengerStore
        /// The dispatch server (`127.0.0.1:<port>`).
        var dispatch: ServerAddress
        /// The notification server.
        var notification: ServerAddress
        /// The switchboard's `host:port`.
        var switchboard: String
        /// `http://127.0.0.1:<port>`.
        var httpBaseURL: String
        /// The temporary data directory (removed afterwards).
        var dataDirectory: URL
    }

    /// Starts the network with no accounts, runs `body`, shuts down and removes the data directory.
    static func withNetwork<Result: Sendable>(
        passwordIterations: Int,
        logger: Logger = Logger(label: "msn.embedded", factory: { _ in SwiftLogNoOpLogHandler() }),
        _ body: (Running) async throws -> Result
    ) async throws -> Result {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("msn-embedded-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        var configuration = MessengerNetworkConfiguration.ephemeral
        configuration.dataDirectory = directory.path
        configuration.connection.maximumConnectionsPerAddress = nil   // every bench client is 127.0.0.1
        configuration.notification.changeRateLimit = nil              // presence changes status 100 times a second
        let store = try SQLiteMessengerStore(
            configuration: .init(directory: directory.path, passwordIterations: passwordIterations), logger: logger)
        defer { try? store.close() }
        let network = try await MessengerNetwork.bind(configuration: configuration, store: store, logger: logger)
        let services = ServiceGroup(services: network.services, logger: logger)

        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            do {
                guard let httpPort = await network.httpPort.wait(),
                      let dispatch = ServerAddress(network.dispatchAddress),
                      let notification = ServerAddress(network.notificationAddress)
                else { throw BenchError("the embedded network did not start") }
                let running = Running(network: network, store: store, dispatch: dispatch, notification: notification,
                                      switchboard: network.switchboardAddress,
                                      httpBaseURL: "http://127.0.0.1:\(httpPort)", dataDirectory: directory)
                let result = try await body(running)
                await services.triggerGracefulShutdown()
                try await group.waitForAll()
                return result
            } catch {
                await services.triggerGracefulShutdown()
                try? await group.waitForAll()
                throw error
            }
        }
    }
}

/// A benchmark that could not run (bad options, a network that did not start).
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
