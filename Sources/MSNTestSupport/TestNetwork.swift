import Foundation
import Logging
import MSNCore
import MSNServer
import ServiceLifecycle

/// A whole network running in-process on `127.0.0.1`, every listener on port 0, with its own
/// temporary data directory. For tests:
///
/// ```swift
/// try await TestNetwork.withRunning { network in
///     let client = try await LineClient.connect(to: network.dispatchAddress)
///     try await client.send("VER 1 MSNP13 CVR0")
///     …
/// }
/// ```
/// The network is shut down gracefully, and its directory removed, when the closure returns
/// or throws.
public final class TestNetwork: Sendable {
    /// The bound listeners.
    public let network: MessengerNetwork
    /// The temporary directory holding the database.
    public let dataDirectory: URL

    init(network: MessengerNetwork, dataDirectory: URL) {
        self.network = network
        self.dataDirectory = dataDirectory
    }

    /// The dispatch server's `host:port`.
    public var dispatchAddress: String { network.dispatchAddress }
    /// The notification server's `host:port`.
    public var notificationAddress: String { network.notificationAddress }
    /// The signed-in sessions.
    public var registry: SessionRegistry { network.registry }

    /// Starts a network, runs `body` with it, then shuts it down.
    ///
    /// - Parameters:
    ///   - configure: adjusts the configuration (ports stay 0 unless changed here).
    ///   - authenticator: checks `USR … S` proofs.
    ///   - cryptography: salts, nonces and challenges.
    public static func withRunning<Result>(
        configure: (inout MessengerNetworkConfiguration) -> Void = { _ in },
        authenticator: any NotificationAuthenticator,
        cryptography: any LoginCryptography,
        logger: Logger = Logger(label: "msn.test", factory: { _ in SwiftLogNoOpLogHandler() }),
        _ body: (TestNetwork) async throws -> Result
    ) async throws -> Result {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("msn-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        var configuration = MessengerNetworkConfiguration.ephemeral
        configuration.dataDirectory = directory.path
        configure(&configuration)
        let network = try await MessengerNetwork.bind(configuration: configuration, authenticator: authenticator,
                                                      cryptography: cryptography, logger: logger)
        let test = TestNetwork(network: network, dataDirectory: directory)
        let serviceGroup = ServiceGroup(services: network.services, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await serviceGroup.run() }
            do {
                let result = try await body(test)
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
}
