import MSNAuth
import MSNCore

/// The one place where the client calls into MSNAuth: MD5 login, `CHL`/`QRY`, the Passport 1.4
/// headers and the SSO (MBI) blob. Nothing else in MSNClient computes or parses these; this
/// file only maps MSNAuth's errors to ``MessengerClientError``.
enum AuthenticationMath {
    /// `USR n MD5 S <md5hex(salt + password)>` — `MD5Login.response(salt:password:)`.
    static func md5Response(salt: String, password: String) throws(MessengerClientError) -> String {
        MD5Login.response(salt: salt, password: password)
    }

    /// The product id and 32 hex characters answering `CHL 0 <challenge>` in `dialect`, with
    /// the pair the official client of that dialect used.
    ///
    /// ```
    /// S: CHL 0 22210219642164014968
    /// C: QRY 13 PROD0090YUAUV{2B 32
    /// 85ecb0db8f32113df79ce0892b9a102c
    /// ```
    static func challengeResponse(to challenge: String, dialect: Dialect)
        throws(MessengerClientError) -> (productID: String, response: String)
    {
        guard let product = ChallengeProduct.preferred(forProtocolVersion: dialect.version),
              let algorithm = ChallengeAlgorithm(protocolVersion: dialect.version)
        else {
            throw MessengerClientError(.protocolViolation, "\(dialect) has no challenges", line: "CHL 0 \(challenge)")
        }
        do {
            return (product.id, try ChallengeResponder.response(to: challenge, product: product, algorithm: algorithm))
        } catch {
            throw MessengerClientError(.protocolViolation, "unusable challenge: \(error.detail)", line: "CHL 0 \(challenge)")
        }
    }

    /// The `Authorization` header value of a Passport 1.4 login —
    /// `Passport1.4 OrgVerb=GET,OrgURL=…,sign-in=…,pwd=…,<policy>`.
    static func passportAuthorization(email: String, password: String, policy: String)
        throws(MessengerClientError) -> String
    {
        PassportAuthorization(signIn: email, password: password, policy: policy).headerValue
    }

    /// The login URL in a Nexus `PassportURLs:` header (`DALogin`, `https://` added when it has
    /// no scheme).
    static func loginURL(fromPassportURLs header: String) throws(MessengerClientError) -> String {
        do {
            return try PassportURLs(parsing: header).loginURL
        } catch {
            throw MessengerClientError(.httpFailure, "unreadable PassportURLs header: \(error.detail)")
        }
    }

    /// The ticket in `Authentication-Info: Passport1.4 da-status=success,…,from-PP='…'`, or
    /// `nil` when the status is not success.
    static func ticket(fromAuthenticationInfo header: String) throws(MessengerClientError) -> String? {
        do {
            let info = try PassportAuthenticationInfo(parsing: header)
            return info.isSuccess ? info.ticket : nil
        } catch {
            throw MessengerClientError(.httpFailure, "unreadable Authentication-Info header: \(error.detail)")
        }
    }

    /// The base64 MBI blob of `USR n SSO S <ticket> <blob>` (random IV).
    static func ssoBlob(nonce: String, proofKey: String) throws(MessengerClientError) -> String {
        do {
            return try SSOBlob.make(nonce: nonce, proofKey: proofKey)
        } catch {
            throw MessengerClientError(.httpFailure, "unusable SSO proof key or nonce: \(error.detail)")
        }
    }
}
