import ArgumentParser
import Foundation
import MSNAuth
import MSNClient
import MSNCore

/// `msn bench SCENARIO`: the load generator.
///
/// ```
/// $ msn bench login --clients 50 --duration 20 --dialect MSNP11
/// $ msn bench login --server 127.0.0.1:1863 --http http://127.0.0.1:8080 \
///       --email-pattern 'bench{n}@example.com' --password secret --accounts 50
/// ```
/// Without `--server` the whole network runs in this process (`--embedded`) on free loopback
/// ports with its own accounts. Progress goes to standard error, the report to standard
/// output; the exit status is 1 when any operation failed.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure an MSN network under load (scenarios: login, idle, mixed, presence, sync, relay).")

    @Argument(help: "The scenario: \(BenchScenarioKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var scenario: BenchScenarioKind

    @Option(help: ArgumentHelp("Drive this dispatch (or notification) server instead of an embedded network.",
                               valueName: "host:port"))
    var server: String?

    @Option(help: ArgumentHelp("The HTTP services of --server (Nexus, Passport, RST).", valueName: "url"))
    var http: String?

    @Option(name: .customLong("ns"), help: ArgumentHelp(
        "The notification server of --server (default: where the dispatch server redirects).", valueName: "host:port"))
    var notificationServer: String?

    @Flag(help: "Run the whole network in this process (the default without --server).")
    var embedded = false

    @Option(help: "Concurrent clients (relay: conversations; default 50, relay 100).")
    var clients: Int?

    @Option(help: ArgumentHelp("Seconds each phase runs (default 10 unless --count is given).", valueName: "seconds"))
    var duration: Double?

    @Option(help: ArgumentHelp("Operations each phase runs (then at most 600 s unless --duration).", valueName: "n"))
    var count: Int?

    @Option(help: "The dialect the clients speak, MSNP8–MSNP18.")
    var dialect = "MSNP11"

    @Option(name: .customLong("password-iterations"), help: ArgumentHelp(
        "PBKDF2 iterations of embedded accounts and of the hash phase (default: the server's).", valueName: "n"))
    var passwordIterations = PasswordHash.defaultIterations

    @Option(name: .customLong("hash-samples"), help: "Hashes timed in the password-hash phase.")
    var hashSamples = 20

    @Option(name: .customLong("accounts-file"), help: ArgumentHelp(
        "With --server: one 'email password' per line.", valueName: "path"))
    var accountsFile: String?

    @Option(name: .customLong("email-pattern"), help: ArgumentHelp(
        "With --server: account addresses, {n} replaced by 1, 2, … (e.g. bench{n}@example.com).", valueName: "pattern"))
    var emailPattern: String?

    @Option(help: "With --email-pattern: the accounts' password.")
    var password: String?

    @Option(help: "With --email-pattern: how many accounts (default: --clients).")
    var accounts: Int?

    @Option(name: .customLong("server-pid"), help: ArgumentHelp(
        "With --server on this machine: the server's process id, for its resident memory.", valueName: "pid"))
    var serverPID: Int32?

    @OptionGroup var mixedRates: MixedRateOptions

    @Option(name: .customLong("paced-rate"), help: ArgumentHelp(
        "relay: messages/s of the paced (latency) phase, over all conversations (default: half the measured peak).",
        valueName: "msg/s"))
    var pacedRate: Double?

    @Option(name: .customLong("pace-period"), help: ArgumentHelp(
        "relay: milliseconds between two writes of one paced sender (default 1): what is due is written together.",
        valueName: "ms"))
    var pacePeriod: Double = 1

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Flag(help: "No progress line on standard error.")
    var quiet = false

    /// `--clients`, or the scenario's default.
    private var clientCount: Int { clients ?? (scenario == .relay ? 100 : 50) }

    func validate() throws {
        if let clients, clients < 1 || clients > 10_000 { throw ValidationError("--clients must be 1…10000") }
        if let count, count < 1 { throw ValidationError("--count must be at least 1") }
        if let duration, !(duration > 0) { throw ValidationError("--duration must be positive") }
        if let pacedRate, !(pacedRate > 0) { throw ValidationError("--paced-rate must be positive") }
        if !(pacePeriod >= 0.01 && pacePeriod <= 1_000) { throw ValidationError("--pace-period must be 0.01…1000 ms") }
        guard Self.parseDialect(dialect) != nil else { throw ValidationError("unknown dialect \(dialect) (MSNP8 … MSNP18)") }
        if embedded, server != nil { throw ValidationError("--embedded and --server exclude each other") }
        if server != nil, http == nil { throw ValidationError("--server needs --http") }
        if server != nil, accountsFile == nil, emailPattern == nil || password == nil {
            throw ValidationError("--server needs --accounts-file, or --email-pattern and --password")
        }
    }

    func run() async throws {
        let settings = BenchSettings(
            clients: clientCount,
            limits: LoadLimits(count: count,
                               duration: .milliseconds(Int64(((duration ?? (count == nil ? 10 : 600)) * 1_000).rounded()))),
            dialect: Self.parseDialect(dialect) ?? .msnp11,
            passwordIterations: passwordIterations,
            hashSamples: hashSamples,
            showsProgress: !quiet, serverPID: serverPID, mixed: mixedRates.rates(clients: clientCount),
            relayPacedRate: pacedRate, relayPacePeriod: .microseconds(Int64((pacePeriod * 1_000).rounded())))
        let report: BenchReport
        do {
            report = try await Self.runScenario(scenario.scenario, settings: settings, remote: try remoteTarget())
        } catch {
            FileHandle.standardError.write(Data("msn: bench failed: \(error)\n".utf8))
            throw ExitCode(2)
        }
        print(json ? try BenchReportPrinter.json(report) : BenchReportPrinter.table(report), terminator: "")
        if report.totalFailures > 0 {
            FileHandle.standardError.write(Data("msn: \(report.totalFailures) operations failed\n".utf8))
            throw ExitCode(1)
        }
    }

    /// Runs `scenario` against `remote`, or against an embedded network when `remote` is `nil`.
    static func runScenario(_ scenario: any BenchScenario, settings: BenchSettings,
                            remote: BenchTarget?) async throws -> BenchReport {
        if let remote { return try await scenario.run(on: remote, settings: settings) }
        if let hosted = scenario as? any SelfHostedBenchScenario { return try await hosted.runOwnServer(settings: settings) }
        return try await EmbeddedNetwork.withRunning(accounts: scenario.embeddedAccounts(settings: settings),
                                                     passwordIterations: scenario.embeddedPasswordIterations(settings: settings)) { target in
            try await scenario.run(on: target, settings: settings)
        }
    }

    /// The `--server` target, or `nil` for an embedded network.
    private func remoteTarget() throws -> BenchTarget? {
        guard let server, let http else { return nil }
        guard let address = ServerAddress(server) else { throw BenchError("not a host:port: \(server)") }
        var notification: ServerAddress?
        if let notificationServer {
            guard let parsed = ServerAddress(notificationServer) else { throw BenchError("not a host:port: \(notificationServer)") }
            notification = parsed
        }
        return BenchTarget(server: address, notificationServer: notification, httpBaseURL: http,
                           accounts: try loadAccounts(), label: server)
    }

    private func loadAccounts() throws -> [BenchAccount] {
        if let accountsFile {
            let text = try String(contentsOfFile: accountsFile, encoding: .utf8)
            let accounts = text.split(whereSeparator: \.isNewline).compactMap { line -> BenchAccount? in
                let fields = line.split(whereSeparator: \.isWhitespace)
                guard fields.count >= 2, !line.hasPrefix("#") else { return nil }
                return BenchAccount(email: String(fields[0]), password: String(fields[1]))
            }
            guard !accounts.isEmpty else { throw BenchError("no 'email password' lines in \(accountsFile)") }
            return accounts
        }
        guard let emailPattern, let password else { throw BenchError("no accounts given") }
        return (1...max(1, accounts ?? (scenario == .relay ? 2 * clientCount : clientCount))).map {
            BenchAccount(email: emailPattern.replacingOccurrences(of: "{n}", with: String($0)), password: password)
        }
    }

    static func parseDialect(_ text: String) -> Dialect? {
        Dialect(token: text.uppercased()) ?? Int(text).flatMap(Dialect.init(version:))
    }
}
