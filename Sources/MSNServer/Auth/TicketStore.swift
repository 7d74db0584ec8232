import Foundation
import MSNAuth

/// Issues and checks Passport tickets.
///
/// The HTTP services (``MessengerHTTPService``: `login2.srf`, `RST.srf`, `RST2.srf`) issue a
/// ticket once the password is right; the notification server later checks the ticket a
/// client presents and, for SSO, gets the proof key back to verify the `MBI_KEY` blob:
///
/// ```
/// C: USR 4 SSO S t=Vx3kQ0…&p=Qe9sLm… HAAAAAEAAAADZgAABIAAAAgAAAAUAAAASAAAAA…
/// ```
///
/// ```swift
/// let issued = await tickets.issue(account: alice, service: .messengerClear)
/// if let grant = await tickets.validate(ticket: presented, service: .messengerClear) {
///     // grant.accountID, grant.proofKey
/// }
/// ```
///
/// Tickets are random (``MSNAuth/SecureToken/passportTicket()``, 240 bits in the `t=` part), each
/// bound to one account and one service, and expire after ``Configuration/lifetime``. They live
/// in memory only: **a restart invalidates every ticket**, and clients simply sign in again
/// through Passport. Memory is bounded by ``Configuration/maximumTickets``; the oldest tickets
/// are dropped first.
public actor TicketStore {
    /// Lifetimes and bounds.
    public struct Configuration: Sendable {
        /// How long a ticket is accepted after it is issued. Default 24 hours, the lifetime
        /// real RST answers advertise.
        public var lifetime: Duration
        /// How long an expired ticket is still recognised as "expired" rather than "unknown".
        /// Default 1 hour.
        public var expiredRetention: Duration
        /// Most tickets kept at once; beyond it the oldest are forgotten. Default 100,000.
        public var maximumTickets: Int

        /// Creates a configuration.
        public init(lifetime: Duration = .seconds(24 * 3600), expiredRetention: Duration = .seconds(3600), maximumTickets: Int = 100_000) {
            self.lifetime = lifetime
            self.expiredRetention = expiredRetention
            self.maximumTickets = max(1, maximumTickets)
        }
    }

    private struct Entry {
        let ticket: IssuedTicket
        let email: String
    }

    /// The lifetimes and bounds this store was created with.
    public nonisolated let configuration: Configuration
    private let now: @Sendable () -> Date
    private var entries: [String: Entry] = [:]
    /// Tokens in issue order (so in expiry order, lifetimes being equal); `head` is the oldest
    /// still to look at.
    private var order: [String] = []
    private var head = 0

    /// Creates an empty store.
    ///
    /// - Parameters:
    ///   - configuration: Lifetimes and bounds.
    ///   - now: The clock; inject a fake one in tests.
    public init(configuration: Configuration = Configuration(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.configuration = configuration
        self.now = now
    }

    /// Number of tickets currently remembered (live or recently expired).
    public var count: Int { entries.count }

    /// Issues a ticket for `account`, good for `service` only.
    public func issue(account: Account, service: PassportService) -> IssuedTicket {
        let issuedAt = now()
        sweep(at: issuedAt)
        var ticket: String
        var token: String
        repeat {
            ticket = SecureToken.passportTicket()
            token = String(Self.token(in: ticket) ?? "")
        } while entries[token] != nil
        let issued = IssuedTicket(
            ticket: ticket,
            token: token,
            proofKey: SecureToken.proofKey(),
            accountID: account.id,
            service: service,
            issuedAt: issuedAt,
            expiresAt: issuedAt.addingTimeInterval(Self.seconds(configuration.lifetime))
        )
        entries[token] = Entry(ticket: issued, email: account.email)
        order.append(token)
        return issued
    }

    /// The grant of a ticket that is live and was issued for `service`, else `nil`.
    ///
    /// `ticket` may be the whole compact ticket (`t=…&p=…`, already XML-unescaped) or its
    /// `t=` value alone, as found in `MSPAuth`.
    public func validate(ticket: some StringProtocol, service: PassportService) -> TicketGrant? {
        check(ticket: ticket, service: service).grant
    }

    /// Like ``validate(ticket:service:)`` but tells why a ticket is refused.
    public func check(ticket: some StringProtocol, service: PassportService) -> TicketValidation {
        guard let token = Self.token(in: ticket), let entry = entries[String(token)] else { return .unknown }
        let issued = entry.ticket
        guard now() < issued.expiresAt else { return .expired }
        guard issued.service == service else { return .wrongService(issued.service) }
        return .valid(
            TicketGrant(
                accountID: issued.accountID,
                email: entry.email,
                token: issued.token,
                service: issued.service,
                proofKey: issued.proofKey,
                expiresAt: issued.expiresAt
            )
        )
    }

    /// Forgets every ticket of an account (after its removal or a password change).
    ///
    /// - Returns: How many tickets were revoked.
    @discardableResult
    public func revokeTickets(of accountID: Account.ID) -> Int {
        let before = entries.count
        entries = entries.filter { $0.value.ticket.accountID != accountID }
        return before - entries.count
    }

    /// The `t=` value of a compact ticket, or the text itself if it has no `t=`; `nil` unless
    /// it has the shape of our tokens (40 URL-safe characters).
    static func token<S: StringProtocol>(in ticket: S) -> S.SubSequence? {
        var text = ticket[...]
        if text.hasPrefix("t=") {
            text = text.dropFirst(2)
        }
        if let ampersand = text.firstIndex(of: "&") {
            text = text[..<ampersand]
        }
        guard text.utf8.count == SecureToken.ticketPartLength,
              text.utf8.allSatisfy({ SecureToken.urlSafeAlphabet.contains($0) })
        else { return nil }
        return text
    }

    /// Drops tickets expired for longer than the retention, and the oldest beyond the bound.
    private func sweep(at instant: Date) {
        let retention = Self.seconds(configuration.expiredRetention)
        while head < order.count {
            let token = order[head]
            if let entry = entries[token] {
                let stale = instant >= entry.ticket.expiresAt.addingTimeInterval(retention)
                guard stale || entries.count >= configuration.maximumTickets else { break }
                entries[token] = nil
            }
            head += 1
        }
        if head > 1024, head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
