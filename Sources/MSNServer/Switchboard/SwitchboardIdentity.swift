import MSNCore

/// Who a switchboard connection is: the account, the endpoint it signed in from (MSNP16+),
/// the dialect of the notification session that got the cookie, and what others are shown.
///
/// ```
/// IRO 1 1 2 alice@example.com;{edabafbb-61ad-51d6-9fd8-e976c892a731} Alice 2789003324:48
///           └ email ─────────┘ └ endpoint ───────────────────────────┘ └name └capabilities
/// ```
public struct SwitchboardIdentity: Sendable, Hashable {
    /// The sign-in name as the account spells it.
    public var email: String
    /// The machine GUID with braces (`{EDABAFBB-…}`), only where the dialect names endpoints
    /// on the switchboard (`Dialect/switchboardUsesEndpoints`).
    public var endpoint: String?
    /// The dialect this connection is spoken to in.
    public var dialect: Dialect
    /// The friendly name, not URL-encoded.
    public var friendlyName: String
    /// Client capabilities, shown in `IRO`/`JOI` from MSNP12.
    public var capabilities: UInt32
    /// Extended capabilities, shown from MSNP16 (`caps:extcaps`).
    public var extendedCapabilities: UInt32

    public init(email: String, endpoint: String? = nil, dialect: Dialect, friendlyName: String,
                capabilities: UInt32 = 0, extendedCapabilities: UInt32 = 0) {
        self.email = email
        self.endpoint = dialect.switchboardUsesEndpoints ? endpoint : nil
        self.dialect = dialect
        self.friendlyName = friendlyName
        self.capabilities = capabilities
        self.extendedCapabilities = extendedCapabilities
    }

    /// The identity of a signed-in notification session, as it is now.
    init(_ handle: NotificationSessionHandle) {
        let presence = handle.presence
        self.init(email: handle.session.account.email, endpoint: handle.session.machineGUID,
                  dialect: handle.session.dialect, friendlyName: ContactListService.friendlyName(of: handle),
                  capabilities: presence?.capabilities ?? 0, extendedCapabilities: presence?.extendedCapabilities ?? 0)
    }

    /// The account key: the sign-in name, lower-cased.
    public var accountKey: String { email.lowercased() }

    /// The endpoint as the switchboard writes it in `IRO`/`JOI`/`BYE`: lower-case, braces kept.
    public var wireEndpoint: String? { endpoint?.lowercased() }

    /// Whether `handle` (from `USR`/`ANS`) names this identity: the same account and, when
    /// the cookie was bound to an endpoint, the same endpoint (letter case ignored).
    public func matches(_ handle: EndpointHandle) -> Bool {
        guard handle.account.lowercased() == accountKey else { return false }
        guard let endpoint else { return true }
        return handle.endpoint?.lowercased() == endpoint.lowercased()
    }

    /// The identity seen through a presented handle: an MSNP16+ endpoint the cookie did not
    /// fix is taken from the handle.
    func adopting(_ handle: EndpointHandle) -> SwitchboardIdentity {
        guard endpoint == nil, let presented = handle.endpoint, dialect.switchboardUsesEndpoints else { return self }
        var identity = self
        identity.endpoint = presented
        return identity
    }
}
