import MSNCore

/// The switchboard: one ``SwitchboardSession`` per connection, sharing a ``SwitchboardHub``.
///
/// ```swift
/// let hub = SwitchboardHub(registry: registry, store: store, logger: logger)
/// let listener = try await TCPListener.bind(host: "127.0.0.1", port: 1864,
///                                           factory: SwitchboardServer(hub: hub), logger: logger)
/// hub.setAddress(listener.hostAndPort)
/// ```
public struct SwitchboardServer: FrameSessionFactory {
    public let hub: SwitchboardHub

    public init(hub: SwitchboardHub) {
        self.hub = hub
    }

    public var name: String { "switchboard" }

    /// None: conversations are told `BYE … 1` by ``willShutDown()`` instead.
    public var shutdownFrame: Frame? { nil }

    public func willShutDown() {
        hub.shutDown()
    }

    public func makeSession(context: ConnectionContext) -> SwitchboardSession {
        SwitchboardSession(state: SwitchboardSessionState(maximumMessageLength: hub.configuration.maximumMessageLength),
                           context: context, hub: hub)
    }
}
