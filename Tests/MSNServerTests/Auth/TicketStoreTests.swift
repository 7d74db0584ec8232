import Foundation
import Testing

@testable import MSNServer

@Suite("TicketStore")
struct TicketStoreTests {
    private let alice = Account(id: 1, email: "alice@example.com", displayName: "Alice", puid: 1, cid: 2, hasLegacyMD5: false, createdAt: Date())
    private let bob = Account(id: 2, email: "bob@example.com", displayName: "Bob", puid: 3, cid: 4, hasLegacyMD5: false, createdAt: Date())

    @Test("an issued ticket validates for its account, service and proof key")
    func issueAndValidate() async throws {
        let clock = TestClock()
        let store = TicketStore(now: clock.function)
        let issued = await store.issue(account: alice, service: .messengerClear)
        #expect(issued.ticket.hasPrefix("t=\(issued.token)&p="))
        #expect(Data(base64Encoded: issued.proofKey)?.count == 24)
        #expect(issued.issuedAt == clock.now)
        #expect(issued.expiresAt == clock.now.addingTimeInterval(24 * 3600))

        let grant = try #require(await store.validate(ticket: issued.ticket, service: "MessengerClear.Live.com"))
        #expect(grant.accountID == alice.id)
        #expect(grant.email == alice.email)
        #expect(grant.proofKey == issued.proofKey)
        #expect(grant.service == .messengerClear)
        #expect(grant.token == issued.token)
        // The t= value alone (MSPAuth) names the same ticket.
        #expect(await store.validate(ticket: issued.token, service: .messengerClear) == grant)
    }

    @Test("a ticket is refused for another service")
    func wrongService() async {
        let store = TicketStore()
        let issued = await store.issue(account: alice, service: .contacts)
        #expect(await store.validate(ticket: issued.ticket, service: .messengerClear) == nil)
        #expect(await store.check(ticket: issued.ticket, service: .messenger) == .wrongService(.contacts))
    }

    @Test("tickets expire; expired and unknown are told apart for a while")
    func expiry() async {
        let clock = TestClock()
        let store = TicketStore(configuration: .init(lifetime: .seconds(60), expiredRetention: .seconds(30)), now: clock.function)
        let issued = await store.issue(account: alice, service: .messenger)
        clock.advance(by: 59)
        #expect(await store.validate(ticket: issued.ticket, service: .messenger) != nil)
        clock.advance(by: 1)
        #expect(await store.validate(ticket: issued.ticket, service: .messenger) == nil)
        #expect(await store.check(ticket: issued.ticket, service: .messenger) == .expired)
        // Past the retention, the next issue sweeps it: then it is simply unknown.
        clock.advance(by: 30)
        _ = await store.issue(account: bob, service: .messenger)
        #expect(await store.check(ticket: issued.ticket, service: .messenger) == .unknown)
        #expect(await store.count == 1)
    }

    @Test("tickets are bound to their own account")
    func boundToAccount() async {
        let store = TicketStore()
        let forAlice = await store.issue(account: alice, service: .messenger)
        let forBob = await store.issue(account: bob, service: .messenger)
        #expect(forAlice.token != forBob.token)
        #expect(await store.validate(ticket: forAlice.ticket, service: .messenger)?.accountID == alice.id)
        #expect(await store.validate(ticket: forBob.ticket, service: .messenger)?.accountID == bob.id)
        // Mixing one's t= with the other's p= still names the t= ticket only.
        let mixed = "t=\(forBob.token)&p=\(forAlice.ticket.split(separator: "p=").last!)"
        #expect(await store.validate(ticket: mixed, service: .messenger)?.accountID == bob.id)
    }

    @Test("unknown and malformed tickets are refused", arguments: [
        "", "t=", "t=&p=", "garbage", "t=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&p=", String(repeating: "x", count: 10_000),
        "t=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA!&p=",
    ])
    func unknown(text: String) async {
        let store = TicketStore()
        _ = await store.issue(account: alice, service: .messenger)
        #expect(await store.check(ticket: text, service: .messenger) == .unknown)
    }

    @Test("revoking an account's tickets")
    func revoke() async {
        let store = TicketStore()
        let a1 = await store.issue(account: alice, service: .messenger)
        let a2 = await store.issue(account: alice, service: .contacts)
        let b1 = await store.issue(account: bob, service: .messenger)
        #expect(await store.revokeTickets(of: alice.id) == 2)
        #expect(await store.validate(ticket: a1.ticket, service: .messenger) == nil)
        #expect(await store.validate(ticket: a2.ticket, service: .contacts) == nil)
        #expect(await store.validate(ticket: b1.ticket, service: .messenger) != nil)
    }

    @Test("memory stays bounded: the oldest tickets go first")
    func bounded() async {
        let store = TicketStore(configuration: .init(maximumTickets: 10))
        var issued: [IssuedTicket] = []
        for _ in 0..<25 {
            issued.append(await store.issue(account: alice, service: .messenger))
        }
        #expect(await store.count == 10)
        #expect(await store.validate(ticket: issued[14].ticket, service: .messenger) == nil)
        #expect(await store.validate(ticket: issued[15].ticket, service: .messenger) != nil)
        #expect(await store.validate(ticket: issued[24].ticket, service: .messenger) != nil)
    }
}
