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

    /// Parses `host:port`, `host` (port 1863), or `[v6]:port`; `nil` for anything else.
    public init?(_ text: some StringProtocol) {
        let text = String(text)
        guard !text.isEmpty, !text.contains(" ") else { return nil }
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            let host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            if rest.isEmpty { self.init(host: host); return }
            guard rest.hasPrefix(":"), let port = Int(rest.dropFirst()), (1...65535).contains(port) else { return nil }
            self.init(host: host, port: port)
            return
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            self.init(host: text)
        case 2:
            guard !parts[0].isEmpty, let port = Int(parts[1]), (1...65535).contains(port) else { return nil }
            self.init(host: String(parts[0]), port: port)
        default:
            return nil
        }
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
