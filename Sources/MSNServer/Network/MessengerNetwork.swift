import Logging
import MSNCore
import NIOCore
import NIOPosix
import ServiceLifecycle

/// A whole MSN network in one process: the HTTP services and the bound dispatch,
/// notification and switchboard listeners, ready to run as services in one `ServiceGroup`.
///
/// ```swift
/// let store = try SQLiteMessengerStore(configuration: .init(directory: "./msn-data"))
/// let network = try await MessengerNetwork.bind(configuration: .init(), store: store, logger: logger)
/// print(network.dispatchAddress)             // 127.0.0.1:1863
/// try await ServiceGroup(services: network.services, logger: logger).run()
/// ```
///
/// The TCP listeners are bound before anything runs, so their ports are known (and the
/// dispatch server already redirects to the notification server's real port) before the
/// service group starts; the HTTP port is known once it runs (``httpPort``).
public final class MessengerNetwork: Sendable {
    public let configuration: MessengerNetworkConfiguration
    /// Accounts.
    public let store: any MessengerStore
    /// Passport tickets issued over HTTP and redeemed by the notification server.
    public let tickets: TicketStore
    /// The dispatch server's listener.
    public let dispatch: TCPListener<DispatchServer>
    /// The notification server's listener.
    public let notification: TCPListener<NotificationServer>
    /// The switchboard's listener.
    public let switchboard: TCPListener<SwitchboardServer>
    /// Nexus, Passport 1.4, RST and RST2, the address book and sharing services.
    public let http: MessengerHTTPService
    /// The HTTP port, once the HTTP service runs.
    public let httpPort: BoundPort

    init(configuration: MessengerNetworkConfiguration, store: any MessengerStore, tickets: TicketStore,
         dispatch: TCPListener<DispatchServer>, notification: TCPListener<NotificationServer>,
         switchboard: TCPListener<SwitchboardServer>, http: MessengerHTTPService, httpPort: BoundPort) {
        self.configuration = configuration
        self.store = store
        self.tickets = tickets
        self.dispatch = dispatch
        self.notification = notification
        self.switchboard = switchboard
        self.http = http
        self.httpPort = httpPort
    }

    /// Binds the dispatch, notification and switchboard servers and prepares the HTTP services.
    ///
    /// - Parameters:
    ///   - store: the accounts; the caller opens and closes it.
    ///   - tickets: where the HTTP services record tickets and the NS checks them.
    ///   - authenticator: checks `USR … S` proofs; by default against `store` and `tickets`.
    ///   - cryptography: salts, nonces and challenges; by default ``StandardLoginCryptography``.
    public static func bind(configuration: MessengerNetworkConfiguration,
                            store: any MessengerStore,
                            tickets: TicketStore = TicketStore(),
                            authenticator: (any NotificationAuthenticator)? = nil,
                            cryptography: any LoginCryptography = StandardLoginCryptography(),
                            group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                            logger: Logger) async throws -> MessengerNetwork {
        let registry = SessionRegistry()
        let hub = SwitchboardHub(configuration: configuration.switchboard, registry: registry, store: store, logger: logger)
        // A participant may only listen for as long as the conversation lives: the
        // conversation's idle timeout, not the connection's, ends quiet switchboard connections.
        var switchboardSettings = configuration.connection
        switchboardSettings.idleTimeout = .seconds(24 * 3600)
        let switchboard = try await TCPListener.bind(host: configuration.host, port: configuration.switchboardPort,
                                                     factory: SwitchboardServer(hub: hub), settings: switchboardSettings,
                                                     group: group, logger: logger)
        hub.setAddress(referralAddress(configuration.advertisedHost, switchboard.localAddress, port: switchboard.port))
        let notificationServer = NotificationServer(
            configuration: configuration.notification,
            authenticator: authenticator ?? StoreAuthenticator(store: store, tickets: tickets),
            cryptography: cryptography, store: store, registry: registry, switchboard: hub, logger: logger)
        let notification: TCPListener<NotificationServer>
        do {
            notification = try await TCPListener.bind(host: configuration.host, port: configuration.notificationPort,
                                                      factory: notificationServer, settings: configuration.connection,
                                                      group: group, logger: logger)
        } catch {
            try? await switchboard.close()
            throw error
        }
        let dispatchServer = DispatchServer(handshake: configuration.notification.handshake)
        let dispatch: TCPListener<DispatchServer>
        do {
            dispatch = try await TCPListener.bind(host: configuration.host, port: configuration.dispatchPort,
                                                  factory: dispatchServer, settings: configuration.connection,
                                                  group: group, logger: logger)
        } catch {
            try? await notification.close()
            try? await switchboard.close()
            throw error
        }
        let advertised = configuration.advertisedHost
        dispatchServer.setAddresses(
            notificationServer: referralAddress(advertised, notification.localAddress, port: notification.port),
            currentServer: referralAddress(advertised, dispatch.localAddress, port: dispatch.port))

        let httpPort = BoundPort()
        var httpLogger = logger
        httpLogger[metadataKey: "service"] = "http"
        let httpConfiguration = MessengerHTTPService.Configuration(
            host: configuration.host, port: configuration.httpPort, advertisedLoginBase: configuration.advertisedLoginBase)
        let addressBook = AddressBookRoutes(configuration: httpConfiguration, tickets: tickets,
                                            contacts: notificationServer.contacts, logger: httpLogger)
        let http = MessengerHTTPService(
            configuration: httpConfiguration,
            store: store, tickets: tickets, logger: httpLogger,
            additionalRoutes: { router in addressBook.register(on: router) },
            onServerRunning: { port in httpPort.set(port) })
        return MessengerNetwork(configuration: configuration, store: store, tickets: tickets, dispatch: dispatch,
                                notification: notification, switchboard: switchboard, http: http, httpPort: httpPort)
    }

    /// The dispatch server's bound `host:port` (`[::1]:1863` on IPv6).
    public var dispatchAddress: String { HostAndPort.format(host: dispatch.localAddress.ipAddress ?? "127.0.0.1", port: dispatch.port) }
    /// The notification server's bound `host:port` (`[::1]:1866` on IPv6).
    public var notificationAddress: String {
        HostAndPort.format(host: notification.localAddress.ipAddress ?? "127.0.0.1", port: notification.port)
    }
    /// The switchboard's `host:port` as written into `XFR … SB` and `RNG`.
    public var switchboardAddress: String { switchboardHub.address }
    /// The signed-in sessions.
    public var registry: SessionRegistry { notification.factory.registry }
    /// The switchboard's cookies and conversations.
    public var switchboardHub: SwitchboardHub { switchboard.factory.hub }

    /// Everything to run, in start order (a service group stops them in reverse: the
    /// switchboard says its `BYE`s after the notification server's `OUT SSD`).
    public var services: [any Service] { [http, switchboardHub, switchboard, notification, dispatch] }
}
