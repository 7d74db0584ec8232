import Logging
import MSNCore

/// The notification server: logs clients in (MD5, Tweener, SSO) and keeps their sessions.
///
/// Bind it with ``TCPListener``:
///
/// ```swift
/// let ns = NotificationServer(authenticator: authenticator, cryptography: cryptography, store: store)
/// let listener = try await TCPListener.bind(host: "127.0.0.1", port: 1866, factory: ns, logger: logger)
/// ```
public struct NotificationServer: FrameSessionFactory {
    public let configuration: NotificationSessionConfiguration
    public let authenticator: any NotificationAuthenticator
    public let cryptography: any LoginCryptography
    /// The signed-in sessions, shared with the services that push to them.
    public let registry: SessionRegistry
    /// Contact lists and presence.
    public let contacts: ContactListService
    /// The switchboard that `XFR … SB` refers to; `nil`: `XFR … SB` is answered `280`.
    public let switchboard: SwitchboardHub?

    public init(configuration: NotificationSessionConfiguration = .init(),
                authenticator: any NotificationAuthenticator, cryptography: any LoginCryptography,
                store: any MessengerStore, registry: SessionRegistry = SessionRegistry(),
                switchboard: SwitchboardHub? = nil,
                logger: Logger = Logger(label: "msn.notification")) {
        self.switchboard = switchboard
        self.configuration = configuration
        self.authenticator = authenticator
        self.cryptography = cryptography
        self.registry = registry
        let presence = PresenceService(store: store, registry: registry, logger: logger)
        self.contacts = ContactListService(store: store, registry: registry, presence: presence)
    }

    public var name: String { "notification" }

    /// `OUT SSD`: the server is shutting down.
    public var shutdownFrame: Frame? { Frame(verb: .out, arguments: ["SSD"]) }

    public func makeSession(context: ConnectionContext) -> NotificationSession {
        let state = NotificationSessionState(configuration: configuration, cryptography: cryptography,
                                             clientIP: context.remoteIP, clientPort: context.remotePort)
        var session = NotificationSession(state: state, context: context, authenticator: authenticator,
                                          registry: registry, contacts: contacts)
        session.switchboard = switchboard
        return session
    }
}
