import MSNCore

/// The one place where the client calls into MSNAuth: MD5 login, `CHL`/`QRY`, the Passport 1.4
/// headers and the SSO (MBI) blob. Nothing else in MSNClient computes or parses these.
///
/// TODO(MSNAuth): MSNAuth has not landed on `main` yet. Each function names the MSNAuth call
/// it becomes; until then they throw ``MessengerClientError/Code/authenticationUnavailable``.
enum AuthenticationMath {
    /// `false` while the functions below are placeholders (tests that need them are skipped).
    static let isAvailable = false

    /// `USR n MD5 S <md5hex(salt + password)>` — `MD5Login.response(salt:password:)`.
    static func md5Response(salt: String, password: String) throws(MessengerClientError) -> String {
        throw unavailable("MD5Login.response(salt:password:)")
    }

    /// The product id and 32 hex characters answering `CHL 0 <challenge>` in `dialect` —
    /// `ChallengeProduct.preferred(forProtocolVersion:)` + `ChallengeResponder.response(to:product:)`.
    static func challengeResponse(to challenge: String, dialect: Dialect)
        throws(MessengerClientError) -> (productID: String, response: String)
    {
        throw unavailable("ChallengeResponder.response(to:product:algorithm:)")
    }

    /// The `Authorization` header value of a Passport 1.4 login —
    /// `PassportAuthorization(signIn:password:policy:).headerValue`.
    static func passportAuthorization(email: String, password: String, policy: String)
        throws(MessengerClientError) -> String
    {
        throw unavailable("PassportAuthorization.headerValue")
    }

    /// The login URL in a Nexus `PassportURLs:` header (`DALogin`, `https://` added when it has
    /// no scheme) — `PassportURLs(parsing:).loginURL`.
    static func loginURL(fromPassportURLs header: String) throws(MessengerClientError) -> String {
        throw unavailable("PassportURLs(parsing:)")
    }

    /// The ticket in `Authentication-Info: Passport1.4 da-status=success,…,from-PP='…'`, or
    /// `nil` when the status is not success — `PassportAuthenticationInfo(parsing:)`.
    static func ticket(fromAuthenticationInfo header: String) throws(MessengerClientError) -> String? {
        throw unavailable("PassportAuthenticationInfo(parsing:)")
    }

    /// The base64 MBI blob of `USR n SSO S <ticket> <blob>` — `SSOBlob.make(nonce:proofKey:)`.
    static func ssoBlob(nonce: String, proofKey: String) throws(MessengerClientError) -> String {
        throw unavailable("SSOBlob.make(nonce:proofKey:)")
    }

    private static func unavailable(_ function: String) -> MessengerClientError {
        MessengerClientError(.authenticationUnavailable, "\(function) is not available: MSNAuth has not been wired in yet")
    }
}
