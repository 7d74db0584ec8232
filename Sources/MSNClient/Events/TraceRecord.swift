/// One line that went over a connection, as given to ``MessengerClient/Configuration/trace``.
///
/// ```
/// >>> USR 3 TWN I alice@example.com
/// <<< USR 3 TWN S ct=1,rver=1,wp=FS_40SEC_0_COMPACT,lc=1,id=1
/// ```
public struct TraceRecord: Sendable, Hashable {
    /// Which way the line went.
    public enum Direction: Sendable, Hashable {
        /// Client to server (`>>>`).
        case sent
        /// Server to client (`<<<`).
        case received
    }

    /// Sent or received.
    public var direction: Direction
    /// The server at the other end.
    public var server: ServerAddress
    /// The command line without CR LF (the payload length included).
    public var line: String
    /// The payload as text, when the command carries one.
    public var payload: String?

    /// Creates a record.
    public init(direction: Direction, server: ServerAddress, line: String, payload: String? = nil) {
        self.direction = direction
        self.server = server
        self.line = line
        self.payload = payload
    }
}
