import MSNCore

/// A host and TCP port of a dispatch, notification or switchboard server.
///
/// Parsed from the `host:port` form used on the wire and on command lines:
///
/// ```
/// XFR 3 NS 10.0.0.5:1863 0 10.0.0.1:1863    → ServerAddress(host: "10.0.0.5", port: 1863)
/// ```
public struct ServerAddress: Hashable, Sendable, CustomStringConvertible {
    /// The port every MSN server listened on.
    public static let defaultPort = 1863

    /// A host name or literal address.
    public var host: String
    /// The TCP port.
    public var port: Int

    /// Creates an address.
    public init(host: String, port: Int = ServerAddress.defaultPort) {
        self.host = host
        self.port = port
    }

    /// Parses `host:port`, `host` (port 1863), `[v6]:port` or `[v6]` (`HostAndPort`); `nil`
    /// for anything else, a bare IPv6 literal included (`::1:1864` is ambiguous).
    ///
    /// ```
    /// XFR 8 SB [::1]:1864 CKI 4831…   → ServerAddress(host: "::1", port: 1864)
    /// ```
    public init?(_ text: some StringProtocol) {
        guard let parsed = HostAndPort(text) else { return nil }
        self.init(host: parsed.host, port: parsed.port ?? Self.defaultPort)
    }

    /// `host:port`, an IPv6 host bracketed: `[::1]:1863`.
    public var description: String { HostAndPort.format(host: host, port: port) }
}
