import MSNAuth
import MSNCore

/// The real salts, nonces and challenges of a login, from `MSNAuth`.
///
/// ```
/// S: USR 6 MD5 S 1056561624.17795                       ← MD5Login.makeSalt()
/// S: USR 3 SSO S MBI_KEY_OLD 8CLhG/xfgYZ7TyRQ/…          ← SSOBlob.makeNonce()
/// S: CHL 0 15570131571988941333                         ← ChallengeResponder.makeChallenge()
/// C: QRY 11 PROD0090YUAUV{2B 32 + 32 hex                ← ChallengeResponder.verify(…)
/// ```
public struct StandardLoginCryptography: LoginCryptography {
    public init() {}

    public func makeSalt() -> String { MD5Login.makeSalt() }
    public func makeNonce() -> String { SSOBlob.makeNonce() }
    public func makeChallenge() -> String { ChallengeResponder.makeChallenge() }

    public func verifyChallenge(response: String, challenge: String, productID: String, dialect: Dialect) -> Bool {
        ChallengeResponder.verify(response: response, challenge: challenge, productID: productID,
                                  protocolVersion: dialect.version)
    }
}
