import MSNCore
import MSNServer

/// Accepts any account whose proof is the text `good` (MD5 response, ticket, or SSO blob).
/// A test double for the socket plumbing; real proofs are tested with the store.
struct ScriptedAuthenticator: NotificationAuthenticator {
    func authenticate(_ request: AuthenticationRequest) async -> AuthenticationOutcome {
        let proof: String = switch request.credentials {
        case .md5(_, let response): response
        case .ticket(let ticket): ticket
        case .sso(_, let blob, _): blob
        }
        guard proof == "good" else { return .failure(reason: "scripted: proof is not good") }
        let name = String(request.email.prefix { $0 != "@" })
        return .success(AuthenticatedAccount(email: request.email, friendlyName: name, puid: 42, mspAuth: "t0ken"))
    }
}
