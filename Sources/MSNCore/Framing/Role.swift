/// Which side of a connection sends a frame.
///
/// The same verb is framed differently in each direction: a client's `QRY 11 PROD0090YUAUV{2B 32`
/// carries a 32-byte payload while the server's reply `QRY 11` carries none, so every decoder and
/// every framing rule is keyed by the role of the sender.
public enum Role: Sendable, Hashable, CustomStringConvertible {
    /// A frame written by a client (to a dispatch, notification or switchboard server).
    case client
    /// A frame written by a server.
    case server

    /// The other side.
    public var peer: Role { self == .client ? .server : .client }

    public var description: String { self == .client ? "client" : "server" }
}
