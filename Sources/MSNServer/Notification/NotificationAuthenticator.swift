import MSNCore

/// A client's proof of identity, as gathered from its `USR … S` line.
public struct AuthenticationRequest: Sendable, Hashable {
    /// What the client proved its identity with.
    public enum Credentials: Sendable, Hashable {
        /// `USR 5 MD5 S 64c724ef15470fd14d7857dc08a4bd0c`: `MD5(salt + password)` in hex.
        case md5(salt: String, response: String)
        /// `USR 4 TWN S t=…&p=…`: a Passport ticket (compact `t=…&p=…` or the bare token).
        case ticket(String)
        /// `USR 4 SSO S t=…&p=… <base64 MBI blob> [{machine-guid}]`, answering `nonce`.
        case sso(ticket: String, blob: String, nonce: String)
    }

    /// The account named in `USR … I`.
    public var email: String
    /// The proof.
    public var credentials: Credentials
    /// The dialect of the connection.
    public var dialect: Dialect

    public init(email: String, credentials: Credentials, dialect: Dialect) {
        self.email = email
        self.credentials = credentials
        self.dialect = dialect
    }
}

/// The account a client has proved to be.
public struct AuthenticatedAccount: Sendable, Hashable {
    /// The sign-in name as stored (`alice@example.com`).
    public var email: String
    /// The friendly name, not URL-encoded (`Alice`).
    public var friendlyName: String
    /// The Passport unique id; its halves are the profile's `MemberIdHigh` / `MemberIdLow`.
    public var puid: UInt64
    /// The ticket repeated as `MSPAuth` in the profile message (empty for MD5 logins).
    public var mspAuth: String

    public init(email: String, friendlyName: String, puid: UInt64, mspAuth: String = "") {
        self.email = email
        self.friendlyName = friendlyName
        self.puid = puid
        self.mspAuth = mspAuth
    }
}

/// The answer to an ``AuthenticationRequest``.
public enum AuthenticationOutcome: Sendable, Hashable {
    /// The proof holds for this account.
    case success(AuthenticatedAccount)
    /// It does not (`911`). The reason goes to the log only.
    case failure(reason: String)
}

/// Checks proofs of identity against the account store and the ticket store.
///
/// The notification server asks this one question and knows nothing of passwords, tickets or
/// MBI blobs: `StoreAuthenticator` answers it from ``MessengerStore`` accounts and the
/// ``TicketStore``.
public protocol NotificationAuthenticator: Sendable {
    /// Verifies `request`; never throws: a store failure is a ``AuthenticationOutcome/failure(reason:)``.
    func authenticate(_ request: AuthenticationRequest) async -> AuthenticationOutcome
}

/// The random values and challenge math of a login.
///
/// Kept apart from ``NotificationSessionState`` so the state machine stays deterministic in
/// tests: a fixed implementation makes every salt, nonce and challenge predictable.
public protocol LoginCryptography: Sendable {
    /// A salt for `USR n MD5 S <salt>` (`1056561624.17795`).
    func makeSalt() -> String
    /// A nonce for `USR n SSO S MBI_KEY_OLD <nonce>` (64 base64 characters).
    func makeNonce() -> String
    /// A challenge for `CHL 0 <challenge>` (`15570131571988941333`).
    func makeChallenge() -> String
    /// Whether `response` answers `challenge` for `productID` in `dialect`'s algorithm.
    func verifyChallenge(response: String, challenge: String, productID: String, dialect: Dialect) -> Bool
}
