import Foundation
import Logging
import MSNClient
import MSNServer
import ServiceLifecycle

/// A whole network started in-process for a benchmark: every listener on a free loopback
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
        let logger = Logger(label: "msn.bench", factory: { _ in SwiftLogNoOpLogHandler() })
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("msn-bench-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        var configuration = MessengerNetworkConfiguration.ephemeral
        configuration.dataDirectory = directory.path
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
                var accounts: [BenchAccount] = []
                for index in 1...max(1, count) {
                    let account = BenchAccount(email: email(index), password: password)
                    _ = try await store.createAccount(email: account.email, displayName: nil, password: account.password,
                                                  legacyMD5: false)
                    accounts.append(account)
                }
                let target = BenchTarget(server: dispatch, notificationServer: notification,
                                         httpBaseURL: "http://127.0.0.1:\(httpPort)", accounts: accounts,
                                         label: "embedded", embedded: Handles(network: network, store: store))
                let result = try await body(target)
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
