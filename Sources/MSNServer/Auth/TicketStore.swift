import Crypto
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
/// let both = await tickets.issue(account: alice, services: [.messengerClear, .contacts])
/// if let grant = await tickets.validate(ticket: presented, service: .messengerClear) {
///     // grant.accountID, grant.proofKey
/// }
/// ```
///
/// Tickets are unguessable (`TicketKey`: a random 64-bit sign-in number and a 168-bit HMAC
/// under a key drawn when the store is created, in the 40-character `t=` part), each bound to
/// one account and one service, and expire after ``Configuration/lifetime``. They live in
/// memory only: **a restart invalidates every ticket**, and clients simply sign in again
/// through Passport.
///
/// The store keeps **one small entry per sign-in**, however many services the sign-in asked
/// for (RST asks for several at once: ``issue(account:services:)``): the account's number and
/// sign-in name, the issue time and the services packed in a word. Ticket texts and proof keys
/// are not kept: they are computed again from the entry when a ticket is checked, and the
/// presented code is compared in constant time. Memory is bounded by
/// ``Configuration/maximumTickets`` entries; the oldest are dropped first.
public actor TicketStore {
    /// Lifetimes and bounds.
    public struct Configuration: Sendable {
        /// How long a ticket is accepted after it is issued. Default 24 hours, the lifetime
        /// real RST answers advertise.
        public var lifetime: Duration
        /// How long an expired ticket is still recognised as "expired" rather than "unknown".
        /// Default 1 hour.
        public var expiredRetention: Duration
        /// Most entries (sign-ins, each with the tickets of all its services) kept at once;
        /// beyond it the oldest are forgotten. Default 100,000.
        public var maximumTickets: Int

        /// Creates a configuration.
        public init(lifetime: Duration = .seconds(24 * 3600), expiredRetention: Duration = .seconds(3600), maximumTickets: Int = 100_000) {
            self.lifetime = lifetime
            self.expiredRetention = expiredRetention
            self.maximumTickets = max(1, maximumTickets)
        }
    }

    /// One sign-in: 48 bytes inline, plus the sign-in name's storage when it is longer than
    /// 15 bytes.
    private struct Entry {
        let accountID: Account.ID
        let issuedAt: Date
        let email: String
        let services: TicketServices
    }

    /// The lifetimes and bounds this store was created with.
    public nonisolated let configuration: Configuration
    private let now: @Sendable () -> Date
    /// The HMAC key of every ticket code and proof key; never leaves the store.
    private let key = SymmetricKey(size: .bits256)
    private let lifetime: TimeInterval
    private var entries: [UInt64: Entry] = [:]
    /// Sign-in numbers in issue order (so in expiry order, lifetimes being equal); `head` is
    /// the oldest still to look at.
    private var order: [UInt64] = []
    private var head = 0

    /// Creates an empty store.
    ///
    /// - Parameters:
    ///   - configuration: Lifetimes and bounds.
    ///   - now: The clock; inject a fake one in tests.
    public init(configuration: Configuration = Configuration(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.configuration = configuration
        self.now = now
        self.lifetime = Self.seconds(configuration.lifetime)
    }

    /// Number of entries currently remembered (live or recently expired): one per sign-in,
    /// whatever the number of services it got tickets for.
    public var count: Int { entries.count }

    /// Issues a ticket for `account`, good for `service` only.
    public func issue(account: Account, service: PassportService) -> IssuedTicket {
        issue(account: account, services: [service])[0]
    }

    /// Issues one ticket per service of `services`, in order, each good for its own service
    /// only, all in one entry (an RST sign-in asking for several services).
    ///
    /// No services make no entry; more than 256 make several entries.
    public func issue(account: Account, services: [PassportService]) -> [IssuedTicket] {
        guard !services.isEmpty else { return [] }
        guard services.count <= 256 else {
            return stride(from: 0, to: services.count, by: 256).flatMap {
                issue(account: account, services: Array(services[$0..<min($0 + 256, services.count)]))
            }
        }
        let issuedAt = now()
        sweep(at: issuedAt)
        var signIn: UInt64
        repeat {
            signIn = UInt64.random(in: .min ... .max)
        } while entries[signIn] != nil
        let entry = Entry(accountID: account.id, issuedAt: issuedAt, email: account.email, services: TicketServices(services))
        entries[signIn] = entry
        order.append(signIn)
        return services.indices.map { slot in
            let token = self.token(signIn: signIn, slot: UInt8(slot), entry: entry)
            return IssuedTicket(
                ticket: "t=\(token)&p=\(SecureToken.urlSafeString(length: SecureToken.ticketPartLength))",
                token: token,
                proofKey: proofKey(signIn: signIn, slot: UInt8(slot), entry: entry),
                accountID: account.id,
                service: services[slot],
                issuedAt: issuedAt,
                expiresAt: issuedAt.addingTimeInterval(lifetime)
            )
        }
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
        guard let text = Self.token(in: ticket), let key = TicketKey(text: text),
              let entry = entries[key.signIn], let issuedFor = entry.services[Int(key.slot)]
        else { return .unknown }
        let expected = TicketKey.code(key: self.key, signIn: key.signIn, slot: key.slot, accountID: entry.accountID,
                                      issuedAt: entry.issuedAt)
        guard PasswordHash.constantTimeEquals(expected, key.code) else { return .unknown }
        let expiresAt = entry.issuedAt.addingTimeInterval(lifetime)
        guard now() < expiresAt else { return .expired }
        guard issuedFor == service else { return .wrongService(issuedFor) }
        return .valid(
            TicketGrant(
                accountID: entry.accountID,
                email: entry.email,
                token: String(text),
                service: issuedFor,
                proofKey: proofKey(signIn: key.signIn, slot: key.slot, entry: entry),
                expiresAt: expiresAt
            )
        )
    }

    /// Forgets every ticket of an account (after its removal or a password change).
    ///
    /// - Returns: How many tickets were revoked (every service of every sign-in).
    @discardableResult
    public func revokeTickets(of accountID: Account.ID) -> Int {
        var revoked = 0
        entries = entries.filter { _, entry in
            guard entry.accountID == accountID else { return true }
            revoked += entry.services.count
            return false
        }
        return revoked
    }

    private func token(signIn: UInt64, slot: UInt8, entry: Entry) -> String {
        TicketKey(signIn: signIn, slot: slot,
                  code: TicketKey.code(key: key, signIn: signIn, slot: slot, accountID: entry.accountID, issuedAt: entry.issuedAt))
            .text
    }

    private func proofKey(signIn: UInt64, slot: UInt8, entry: Entry) -> String {
        TicketKey.proofKey(key: key, signIn: signIn, slot: slot, accountID: entry.accountID, issuedAt: entry.issuedAt)
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
            let signIn = order[head]
            if let entry = entries[signIn] {
                let stale = instant >= entry.issuedAt.addingTimeInterval(lifetime + retention)
                guard stale || entries.count >= configuration.maximumTickets else { break }
                entries[signIn] = nil
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
