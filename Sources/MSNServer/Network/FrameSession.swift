import MSNCore

/// What a session wants after handling a frame.
public enum SessionDisposition: Sendable, Hashable {
    /// Keep reading.
    case proceed
    /// Write what is queued, then close the connection.
    case close
}

/// The server side of one line-protocol connection, fed one decoded frame at a time.
///
/// A `FrameConnection` owns the socket: it accumulates and decodes bytes, hands frames to
/// the session in order (never concurrently), and writes what the session queues in its
/// ``ConnectionContext/outbox``. The session holds the protocol state.
public protocol FrameSession {
    /// The dialect the client's frames are decoded with; `nil` until `VER` is answered.
    var dialect: Dialect? { get }
    /// Handles one frame from the client.
    mutating func receive(_ frame: Frame) async -> SessionDisposition
    /// Called once when the connection has ended, whatever the reason.
    mutating func connectionClosed() async
}

/// Makes one ``FrameSession`` per accepted connection.
public protocol FrameSessionFactory: Sendable {
    associatedtype Session: FrameSession
    /// The service name used in logs (`dispatch`, `notification`).
    var name: String { get }
    /// A frame sent to every open connection when the server shuts down (`OUT SSD`), if any.
    var shutdownFrame: Frame? { get }
    /// Makes the session of a new connection.
    func makeSession(context: ConnectionContext) -> Session
    /// Called once when a graceful shutdown begins, before ``shutdownFrame`` goes out and the
    /// connections close (the switchboard says `BYE` in each conversation here).
    func willShutDown()
}

extension FrameSessionFactory {
    public func willShutDown() {}
}
