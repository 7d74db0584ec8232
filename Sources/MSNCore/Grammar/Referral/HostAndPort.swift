/// The `host:port` of a server named in `XFR … NS`, `XFR … SB` and `RNG`. An IPv6 literal is
/// bracketed, as in URLs, so that the last colon still separates the port:
///
/// ```
/// XFR 3 NS 127.0.0.1:1866 0 127.0.0.1:1863
/// XFR 8 SB [::1]:1864 CKI 4831297305.1770432918.9023441750
/// RNG 1938472615 [2001:db8::7]:1864 CKI 7730… alice@example.com Alice
/// ```
public struct HostAndPort: Hashable, Sendable, CustomStringConvertible {
    /// A host name, an IPv4 literal, or an IPv6 literal without brackets (`::1`).
    public var host: String
    /// The TCP port, or `nil` when the text named none.
    public var port: Int?

    public init(host: String, port: Int?) {
        self.host = host
        self.port = port
    }

    /// Reads `host:port`, `host`, `[v6]:port` or `[v6]`; `nil` for an empty host, a port
    /// outside 1–65535, a bare IPv6 literal (it cannot be told from `host:port`), or spaces.
    ///
    /// ```
    /// HostAndPort("[::1]:1864")      → host ::1, port 1864
    /// HostAndPort("127.0.0.1:1863")  → host 127.0.0.1, port 1863
    /// HostAndPort("::1:1864")        → nil
    /// ```
    public init?(_ text: some StringProtocol) {
        let text = Substring(text)
        guard !text.isEmpty, !text.contains(where: { $0 == " " || $0 == "\t" }) else { return nil }
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            let host = text[text.index(after: text.startIndex)..<close]
            guard !host.isEmpty, host.contains(":"), !host.contains("[") else { return nil }
            let rest = text[text.index(after: close)...]
            if rest.isEmpty { self.init(host: String(host), port: nil); return }
            guard rest.hasPrefix(":"), let port = Self.port(rest.dropFirst()) else { return nil }
            self.init(host: String(host), port: port)
            return
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            self.init(host: String(text), port: nil)
        case 2:
            guard !parts[0].isEmpty, !parts[0].contains("]"), let port = Self.port(parts[1]) else { return nil }
            self.init(host: String(parts[0]), port: port)
        default:
            return nil
        }
    }

    /// `host:port`, with an IPv6 host in brackets (`[::1]:1864`); `host` alone without a port.
    public var description: String {
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        return port.map { "\(host):\($0)" } ?? host
    }

    /// Formats `host` and `port` for a referral: ``description`` of the pair.
    public static func format(host: String, port: Int) -> String {
        HostAndPort(host: host, port: port).description
    }

    private static func port(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 5, text.allSatisfy({ $0.isASCII && $0.isNumber }),
              let port = Int(text), (1...65535).contains(port) else { return nil }
        return port
    }
}
