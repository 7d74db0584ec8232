import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle

/// The server's HTTP side, as one `Service` for a `ServiceGroup`: Nexus and Passport 1.4
/// (`PassportRoutes`), RST/RST2 (`SecurityTokenRoutes`), and whatever other routes the
/// caller adds (the address book SOAP services, later).
///
/// ```swift
/// let http = MessengerHTTPService(
///     configuration: .init(host: "127.0.0.1", port: 0),
///     store: store, tickets: tickets, logger: logger,
///     onServerRunning: { port in print("HTTP on \(port)") })
/// let group = ServiceGroup(services: [http], logger: logger)
/// try await group.run()
/// ```
///
/// Binding port 0 picks a free port; `onServerRunning` receives the port actually bound.
/// Bodies are collected up to ``Configuration/maximumBodySize``; no input makes a handler
/// answer 500 (unknown paths get Hummingbird's 404).
public struct MessengerHTTPService: Service {
    /// Where to listen, what to advertise, and the limits.
    public struct Configuration: Sendable {
        /// Address to bind. Default `127.0.0.1`.
        public var host: String
        /// Port to bind; 0 picks a free one. Default 0.
        public var port: Int
        /// What Nexus advertises as the sign-in location, without the `/login2.srf` path:
        /// `login.example.net`, `127.0.0.1:8081` or `https://login.example.net`. Some clients
        /// insist on an `https://` scheme even when a TLS proxy, or nothing, sits in front of
        /// this plain-HTTP service. `nil` (the default) advertises the request's `Host`.
        public var advertisedLoginBase: String?
        /// Largest request body accepted, in bytes. Default 256 KiB.
        public var maximumBodySize: Int
        /// Deepest XML nesting accepted in SOAP bodies. Default 32.
        public var maximumXMLDepth: Int
        /// Most tokens one RST request may ask for. Default 32.
        public var maximumRequestedTokens: Int
        /// Most concurrent connections; `nil` for no limit. Default 1024.
        public var maximumConnections: Int?
        /// Idle connections are closed after this long. Default 60 seconds.
        public var idleTimeout: Duration

        /// Creates a configuration.
        public init(
            host: String = "127.0.0.1",
            port: Int = 0,
            advertisedLoginBase: String? = nil,
            maximumBodySize: Int = 256 * 1024,
            maximumXMLDepth: Int = 32,
            maximumRequestedTokens: Int = 32,
            maximumConnections: Int? = 1024,
            idleTimeout: Duration = .seconds(60)
        ) {
            self.host = host
            self.port = port
            self.advertisedLoginBase = advertisedLoginBase
            self.maximumBodySize = maximumBodySize
            self.maximumXMLDepth = maximumXMLDepth
            self.maximumRequestedTokens = maximumRequestedTokens
            self.maximumConnections = maximumConnections
            self.idleTimeout = idleTimeout
        }
    }

    /// The configuration the service runs with.
    public let configuration: Configuration
    private let store: any MessengerStore
    private let tickets: TicketStore
    private let logger: Logger
    private let onServerRunning: @Sendable (Int) async -> Void
    private let additionalRoutes: @Sendable (Router<BasicRequestContext>) -> Void

    /// Creates the service; nothing is bound until ``run()``.
    ///
    /// - Parameters:
    ///   - configuration: Where to listen and the limits.
    ///   - store: Accounts, for checking passwords.
    ///   - tickets: Where issued tickets are recorded, for the notification server to check.
    ///   - logger: Where request outcomes are logged.
    ///   - additionalRoutes: Called once with the router before the server starts, to add
    ///     more endpoints.
    ///   - onServerRunning: Called with the bound port once the server accepts connections.
    public init(
        configuration: Configuration = Configuration(),
        store: any MessengerStore,
        tickets: TicketStore,
        logger: Logger = Logger(label: "msn.http"),
        additionalRoutes: @escaping @Sendable (Router<BasicRequestContext>) -> Void = { _ in },
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.store = store
        self.tickets = tickets
        self.logger = logger
        self.additionalRoutes = additionalRoutes
        self.onServerRunning = onServerRunning
    }

    /// Builds the router with every endpoint.
    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self, options: .caseInsensitive)
        PassportRoutes(configuration: configuration, store: store, tickets: tickets, logger: logger).register(on: router)
        SecurityTokenRoutes(configuration: configuration, store: store, tickets: tickets, logger: logger).register(on: router)
        additionalRoutes(router)
        return router
    }

    /// Serves until graceful shutdown or cancellation.
    public func run() async throws {
        let idle = configuration.idleTimeout.components
        let idleTimeout = TimeAmount.nanoseconds(idle.seconds * 1_000_000_000 + idle.attoseconds / 1_000_000_000)
        let onServerRunning = self.onServerRunning
        let logger = self.logger
        let application = Application(
            router: makeRouter(),
            server: .http1(configuration: .init(idleTimeout: idleTimeout)),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: nil,
                availableConnectionsDelegate: configuration.maximumConnections.map { MaximumAvailableConnections($0) }
            ),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                logger.info("HTTP services listening", metadata: ["port": "\(port)"])
                await onServerRunning(port)
            },
            logger: logger
        )
        try await application.run()
    }
}
