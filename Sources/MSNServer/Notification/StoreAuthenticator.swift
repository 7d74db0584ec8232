import MSNAuth
import MSNCore

/// Checks sign-in proofs against the account store and the ticket store.
///
/// ```
/// C: USR 5 MD5 S 483eee01d6a1de1b668cac9a0ac75d91     → MessengerStore.verifyLegacyMD5
/// C: USR 4 TWN S t=…&p=…                              → TicketStore (messenger.msn.com)
/// C: USR 4 SSO S t=…&p=… <blob> [{guid}]              → TicketStore (messengerclear.live.com)
///                                                       + SSOBlob.verify with its proof key
/// ```
/// A ticket must have been issued to the account named in `USR … I`; an expired, unknown,
/// foreign or other-service ticket fails, as does a blob made for another nonce or key.
public struct StoreAuthenticator: NotificationAuthenticator {
    public let store: any MessengerStore
    public let tickets: TicketStore

    public init(store: any MessengerStore, tickets: TicketStore) {
        self.store = store
        self.tickets = tickets
    }

    public func authenticate(_ request: AuthenticationRequest) async -> AuthenticationOutcome {
        do {
            switch request.credentials {
            case .md5(let salt, let response):
                guard let account = try await store.verifyLegacyMD5(email: request.email, salt: salt,
                                                                    response: response)
                else { return .failure(reason: "wrong MD5 response, unknown account, or no legacy MD5 password") }
                return .success(Self.authenticated(account, mspAuth: ""))
            case .ticket(let ticket):
                return try await redeem(ticket, service: .messenger, for: request.email) { _ in true }
            case .sso(let ticket, let blob, let nonce):
                return try await redeem(ticket, service: .messengerClear, for: request.email) { grant in
                    SSOBlob.verify(blob: blob, nonce: nonce, proofKey: grant.proofKey)
                }
            }
        } catch {
            return .failure(reason: "store error: \(error)")
        }
    }

    /// Validates `ticket` for `service` and `email`, then `proof` with its grant.
    private func redeem(_ ticket: String, service: PassportService, for email: String,
                        proof: (TicketGrant) -> Bool) async throws(StoreError) -> AuthenticationOutcome {
        let grant: TicketGrant
        switch await tickets.check(ticket: ticket, service: service) {
        case .valid(let valid): grant = valid
        case .expired: return .failure(reason: "expired ticket")
        case .wrongService(let other): return .failure(reason: "ticket issued for \(other), not \(service)")
        case .unknown: return .failure(reason: "unknown ticket")
        }
        guard let named = try? AccountValidation.normalisedEmail(email),
              let account = try await store.account(id: grant.accountID), account.email == named
        else { return .failure(reason: "the ticket belongs to another account") }
        guard proof(grant) else { return .failure(reason: "the MBI blob does not match the nonce and proof key") }
        return .success(Self.authenticated(account, mspAuth: grant.token))
    }

    static func authenticated(_ account: Account, mspAuth: String) -> AuthenticatedAccount {
        AuthenticatedAccount(email: account.email, friendlyName: account.displayName, puid: account.puid,
                             mspAuth: mspAuth)
    }
}
