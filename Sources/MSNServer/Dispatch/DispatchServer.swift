import MSNCore
import Synchronization

/// The dispatch server: answers `VER`/`CVR`/`INF` and redirects `USR … I` to the
/// notification server with `XFR … NS`.
///
/// The notification server's address is usually known only once it is bound (port 0 in
/// tests), so it can be set after the dispatch listener exists:
///
/// ```swift
/// let ds = DispatchServer(handshake: .init())
/// ds.setAddresses(notificationServer: ns.hostAndPort, currentServer: dsListener.hostAndPort)
/// ```
public final class DispatchServer: FrameSessionFactory {
    public let handshake: LoginHandshake.Configuration
    private let addresses: Mutex<(notificationServer: String, currentServer: String)>

    public init(handshake: LoginHandshake.Configuration = .init(),
                notificationServer: String = "127.0.0.1:1866", currentServer: String = "127.0.0.1:1863") {
        self.handshake = handshake
        self.addresses = Mutex((notificationServer, currentServer))
    }

    /// Sets the `host:port` clients are redirected to and this server's own.
    public func setAddresses(notificationServer: String, currentServer: String) {
        addresses.withLock { $0 = (notificationServer, currentServer) }
    }

    /// The `host:port` clients are redirected to.
    public var notificationServer: String { addresses.withLock { $0.notificationServer } }

    public var name: String { "dispatch" }
    public var shutdownFrame: Frame? { nil }

    public func makeSession(context: ConnectionContext) -> DispatchSession {
        let (notificationServer, currentServer) = addresses.withLock { $0 }
        let configuration = DispatchSessionState.Configuration(
            handshake: handshake, notificationServer: notificationServer, currentServer: currentServer)
        return DispatchSession(state: DispatchSessionState(configuration: configuration), context: context)
    }
}

/// Runs a ``DispatchSessionState`` on a connection.
public struct DispatchSession: FrameSession {
    var state: DispatchSessionState
    let context: ConnectionContext

    public var dialect: Dialect? { state.dialect }

    public mutating func receive(_ frame: Frame) async -> SessionDisposition {
        for action in state.receive(frame) {
            switch action {
            case .send(let frame):
                if frame.verb == .xfr { context.loginCompleted() }
                guard context.outbox.send(frame) else { return .close }
            case .close:
                return .close
            }
        }
        return .proceed
    }

    public mutating func connectionClosed() async {}
}
