import Logging
import MSNCore
import NIOCore
import NIOPosix
import ServiceLifecycle

/// A whole MSN network in one process: the bound listeners, ready to run as services.
///
/// ```swift
/// let network = try await MessengerNetwork.bind(configuration: .ephemeral,
///                                               authenticator: authenticator,
///                                               cryptography: cryptography, logger: logger)
/// print(network.dispatchAddress)             // 127.0.0.1:40213
/// let group = ServiceGroup(services: network.services, logger: logger)
/// try await group.run()
/// ```
///
/// Binding happens before anything runs, so every port is known (and the dispatch server
/// already redirects to the notification server's real port) before the service group starts.
public final class MessengerNetwork: Sendable {
    public let configuration: MessengerNetworkConfiguration
    /// The dispatch server's listener.
    public let dispatch: TCPListener<DispatchServer>
    /// The notification server's listener.
    public let notification: TCPListener<NotificationServer>
    /// Other services run alongside the listeners (the HTTP services).
    public let companions: [any Service]

    init(configuration: MessengerNetworkConfiguration, dispatch: TCPListener<DispatchServer>,
         notification: TCPListener<NotificationServer>, companions: [any Service]) {
        self.configuration = configuration
        self.dispatch = dispatch
        self.notification = notification
        self.companions = companions
    }

    /// Binds the dispatch and notification servers.
    ///
    /// - Parameters:
    ///   - authenticator: checks `USR … S` proofs.
    ///   - cryptography: salts, nonces, challenges.
    ///   - companions: further services to run in the same group (the HTTP services).
    public static func bind(configuration: MessengerNetworkConfiguration,
                            authenticator: any NotificationAuthenticator,
                            cryptography: any LoginCryptography,
                            companions: [any Service] = [],
                            group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                            logger: Logger) async throws -> MessengerNetwork {
        let notificationServer = NotificationServer(configuration: configuration.notification,
                                                    authenticator: authenticator, cryptography: cryptography)
        let notification = try await TCPListener.bind(host: configuration.host, port: configuration.notificationPort,
                                                      factory: notificationServer, settings: configuration.connection,
                                                      group: group, logger: logger)
        let dispatchServer = DispatchServer(handshake: configuration.notification.handshake)
        let dispatch: TCPListener<DispatchServer>
        do {
            dispatch = try await TCPListener.bind(host: configuration.host, port: configuration.dispatchPort,
                                                  factory: dispatchServer, settings: configuration.connection,
                                                  group: group, logger: logger)
        } catch {
            try? await notification.close()
            throw error
        }
        let advertised = configuration.advertisedHost
        dispatchServer.setAddresses(
            notificationServer: advertised.map { "\($0):\(notification.port)" } ?? notification.hostAndPort,
            currentServer: advertised.map { "\($0):\(dispatch.port)" } ?? dispatch.hostAndPort)
        return MessengerNetwork(configuration: configuration, dispatch: dispatch, notification: notification,
                                companions: companions)
    }

    /// The dispatch server's `host:port`.
    public var dispatchAddress: String { dispatch.hostAndPort }
    /// The notification server's `host:port`.
    public var notificationAddress: String { notification.hostAndPort }
    /// The signed-in sessions.
    public var registry: SessionRegistry { notification.factory.registry }

    /// Everything to run, in start order (a service group stops them in reverse).
    public var services: [any Service] { companions + [notification, dispatch] }
}
