import MSNCore

/// Who a ``MessengerClient`` is signed in as, and where.
///
/// Built from `USR … OK` (every form) and what follows it:
///
/// ```
/// USR 7 OK alice@example.com Alice 1        (MSNP6–7: friendly name, verified)
/// USR 7 OK alice@example.com Alice 1 0      (MSNP8–9: … restricted)
/// USR 4 OK alice@example.com 1 0            (MSNP10+)
/// ```
public struct SignedInAccount: Sendable, Hashable {
    /// The account's e-mail address as the server confirmed it.
    public var email: String
    /// The friendly name, URL-decoded, in dialects whose `USR … OK` carries it (MSNP2–9).
    public var friendlyName: String?
    /// The "verified" flag (MSNP6+), when sent.
    public var isVerified: Bool?
    /// The negotiated dialect.
    public var dialect: Dialect
    /// The notification server signed in to (after redirects).
    public var server: ServerAddress
    /// The profile message, when it arrived with the sign-in.
    public var profile: Profile?
    /// Compact tickets (`t=…&p=…`) by service address, e.g. `contacts.msn.com` (SSO and RST
    /// logins), for the address-book calls that build on this client.
    public var tickets: [String: String]

    public init(email: String, friendlyName: String? = nil, isVerified: Bool? = nil, dialect: Dialect,
                server: ServerAddress, profile: Profile? = nil, tickets: [String: String] = [:]) {
        self.email = email
        self.friendlyName = friendlyName
        self.isVerified = isVerified
        self.dialect = dialect
        self.server = server
        self.profile = profile
        self.tickets = tickets
    }
}
