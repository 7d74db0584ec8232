import Foundation
import Logging
import MSNCore
import MSNServer
import ServiceLifecycle

/// A whole network running in-process on `127.0.0.1`, every listener on port 0, with a fresh
/// store in its own temporary data directory. For tests:
///
/// ```swift
/// try await TestNetwork.withRunning { network in
///     try await network.createAccount(email: "alice@example.com", password: "test1234")
///     let client = try await LineClient.connect(to: network.dispatchAddress)
///     try await client.send("VER 1 MSNP13 CVR0")
///     …
/// }
/// ```
/// The network is shut down gracefully, the store closed and the directory removed when the
/// closure returns or throws.
public final class TestNetwork: Sendable {
    /// The running network.
    public let network: MessengerNetwork
    /// The accounts.
    public let store: SQLiteMessengerStore
    /// The temporary directory holding the database.
    public let dataDirectory: URL
    /// The HTTP services' port.
    public let httpPort: Int

    init(network: MessengerNetwork, store: SQLiteMessengerStore, dataDirectory: URL, httpPort: Int) {
        self.network = network
        self.store = store
        self.dataDirectory = dataDirectory
        self.httpPort = httpPort
    }

    /// The dispatch server's `host:port`.
    public var dispatchAddress: String { network.dispatchAddress }
    /// The notification server's `host:port`.
    public var notificationAddress: String { network.notificationAddress }
    /// The switchboard's `host:port`.
    public var switchboardAddress: String { network.switchboardAddress }
    /// The HTTP services' base URL, `http://127.0.0.1:<port>`.
    public var httpBaseURL: String { "http://127.0.0.1:\(httpPort)" }
    /// The signed-in sessions.
    public var registry: SessionRegistry { network.registry }
    /// Issued Passport tickets.
    public var tickets: TicketStore { network.tickets }

    /// Creates an account directly in the store.
    @discardableResult
    public func createAccount(email: String, password: String, displayName: String? = nil,
                              legacyMD5: Bool = false) async throws -> Account {
        try await store.createAccount(email: email, displayName: displayName, password: password,
                                      legacyMD5: legacyMD5)
    }

    /// Starts a network, runs `body` with it, then shuts it down.
    ///
    /// - Parameters:
    ///   - configure: adjusts the configuration (ports stay 0 unless changed here).
    ///   - authenticator: replaces the store-backed check of `USR … S` proofs.
    ///   - cryptography: replaces the real salts, nonces and challenges.
    ///   - tickets: replaces the default ticket store (e.g. with a short ticket lifetime).
    ///   - passwordIterations: PBKDF2 iterations of new accounts (low, for speed).
    ///   - startTimeout: how long the HTTP service may take to start.
    public static func withRunning<Result>(
        configure: (inout MessengerNetworkConfiguration) -> Void = { _ in },
        authenticator: (any NotificationAuthenticator)? = nil,
        cryptography: (any LoginCryptography)? = nil,
        tickets: TicketStore? = nil,
        passwordIterations: Int = 1_000,
        startTimeout: Duration = .seconds(20),
        logger: Logger = Logger(label: "msn.test", factory: { _ in SwiftLogNoOpLogHandler() }),
        _ body: (TestNetwork) async throws -> Result
    ) async throws -> Result {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("msn-test-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        var configuration = MessengerNetworkConfiguration.ephemeral
        configuration.dataDirectory = directory.path
        configure(&configuration)
        let store = try SQLiteMessengerStore(
            configuration: .init(directory: configuration.dataDirectory, passwordIterations: passwordIterations),
            logger: logger)
        defer { try? store.close() }
        let network = try await MessengerNetwork.bind(
            configuration: configuration, store: store, tickets: tickets ?? TicketStore(), authenticator: authenticator,
            cryptography: cryptography ?? StandardLoginCryptography(), logger: logger)
        let serviceGroup = ServiceGroup(services: network.services, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await serviceGroup.run() }
            do {
                let port = try await waitForPort(network.httpPort, timeout: startTimeout)
                let result = try await body(TestNetwork(network: network, store: store, dataDirectory: directory,
                                                        httpPort: port))
                await serviceGroup.triggerGracefulShutdown()
                try await group.waitForAll()
                return result
            } catch {
                await serviceGroup.triggerGracefulShutdown()
                try? await group.waitForAll()
                throw error
            }
        }
    }

    /// Why a test network did not start.
    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    private static func waitForPort(_ port: BoundPort, timeout: Duration) async throws -> Int {
        try await withThrowingTaskGroup(of: Int?.self) { group in
            group.addTask { await port.wait() }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let port = first else {
                throw StartError(description: "the HTTP service did not start within \(timeout)")
            }
            return port
        }
    }
}
