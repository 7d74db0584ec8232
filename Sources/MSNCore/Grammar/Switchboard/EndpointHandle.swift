/// An account as named on the switchboard, with the endpoint it signed in from in MSNP16+
/// (``Dialect/switchboardUsesEndpoints``).
///
/// ```
/// USR 1 alice@example.com 930e8325d57c0967e0a4                                   → alice@example.com
/// USR 1 alice@example.com;{EDABAFBB-61AD-51D6-9FD8-E976C892A731} c1b42040841307ddfc1f
/// ```
public struct EndpointHandle: Hashable, Sendable, CustomStringConvertible {
    /// The account: `alice@example.com`.
    public var account: String
    /// The machine GUID after `;`, braces included: `{EDABAFBB-61AD-51D6-9FD8-E976C892A731}`.
    public var endpoint: String?

    public init(account: String, endpoint: String? = nil) {
        self.account = account
        self.endpoint = endpoint
    }

    /// The handle of `dialect`: the endpoint is kept only where ``Dialect/switchboardUsesEndpoints``.
    public init(account: String, endpoint: String, dialect: Dialect) {
        self.init(account: account, endpoint: dialect.switchboardUsesEndpoints ? endpoint : nil)
    }

    /// Reads `account[;endpoint]`.
    public init(_ wire: some StringProtocol) {
        if let separator = wire.firstIndex(of: ";") {
            account = String(wire[..<separator])
            endpoint = String(wire[wire.index(after: separator)...])
        } else {
            account = String(wire)
            endpoint = nil
        }
    }

    /// The wire form: `account` or `account;endpoint`.
    public var description: String { endpoint.map { "\(account);\($0)" } ?? account }
}
