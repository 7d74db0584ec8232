import Foundation

/// A ticket fresh from ``TicketStore/issue(account:service:)``.
public struct IssuedTicket: Sendable, Hashable {
    /// The compact ticket the client presents, `t=<token>&p=<profile>`
    /// (`MSNAuth/SecureToken/passportTicket()`).
    public let ticket: String
    /// The `t=` part alone (`TicketKey`: the sign-in's entry, the service's slot and a code):
    /// what the store checks, and the profile message's `MSPAuth:` value. The `p=` part is
    /// random and not checked.
    public let token: String
    /// The proof key, base64 of 24 bytes (an HMAC under the store's secret key, so not kept but
    /// computed again when the ticket is checked): RST's `wst:BinarySecret`. The notification
    /// server needs it to check the `MBI_KEY` blob of an SSO sign-in.
    public let proofKey: String
    /// The account the ticket signs in as.
    public let accountID: Account.ID
    /// The service the ticket is good for.
    public let service: PassportService
    /// When the ticket was issued (RST's `wsu:Created`).
    public let issuedAt: Date
    /// When the ticket stops being accepted (RST's `wsu:Expires`).
    public let expiresAt: Date
}

/// What a valid ticket grants: returned by ``TicketStore/validate(ticket:service:)``.
public struct TicketGrant: Sendable, Hashable {
    /// The account the ticket signs in as.
    public let accountID: Account.ID
    /// The account's sign-in name when the ticket was issued.
    public let email: String
    /// The ticket's `t=` value: what the profile message sends as `MSPAuth:`.
    public let token: String
    /// The service the ticket was issued for.
    public let service: PassportService
    /// The proof key issued with the ticket (base64, 24 bytes decoded).
    public let proofKey: String
    /// When the ticket expires.
    public let expiresAt: Date
}

/// The detailed outcome of checking a ticket, for precise log lines and error replies.
public enum TicketValidation: Sendable, Hashable {
    /// The ticket is good for the service.
    case valid(TicketGrant)
    /// The ticket was issued by this store but has expired.
    case expired
    /// The ticket is live but was issued for another service.
    case wrongService(PassportService)
    /// The store never issued this ticket (or forgot it: restart, revocation, eviction), or
    /// the text is not a ticket.
    case unknown

    /// The grant when ``valid(_:)``, else `nil`.
    public var grant: TicketGrant? {
        if case .valid(let grant) = self { return grant }
        return nil
    }
}
