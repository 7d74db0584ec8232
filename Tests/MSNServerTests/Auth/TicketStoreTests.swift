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

    @Test("one sign-in, several services: one entry, each ticket good for its own service only")
    func severalServices() async throws {
        let clock = TestClock()
        let store = TicketStore(now: clock.function)
        let services: [PassportService] = [.messengerClear, .contacts, "sup.live.com"]
        let issued = await store.issue(account: alice, services: services)
        #expect(issued.map(\.service) == services)
        #expect(await store.count == 1)
        #expect(Set(issued.map(\.token)).count == 3)
        #expect(Set(issued.map(\.proofKey)).count == 3)
        for ticket in issued {
            let grant = try #require(await store.validate(ticket: ticket.ticket, service: ticket.service))
            #expect(grant.accountID == alice.id && grant.email == alice.email && grant.token == ticket.token)
            #expect(grant.proofKey == ticket.proofKey)
            #expect(grant.expiresAt == clock.now.addingTimeInterval(24 * 3600))
            for other in services where other != ticket.service {
                #expect(await store.check(ticket: ticket.ticket, service: other) == .wrongService(ticket.service))
            }
        }
        #expect(await store.revokeTickets(of: alice.id) == 3)
        #expect(await store.count == 0)
    }

    @Test("a ticket moved to another slot of its sign-in, or with any bit changed, is unknown")
    func tampered() async throws {
        let store = TicketStore()
        let issued = await store.issue(account: alice, services: [.contacts, .messengerClear])
        let contacts = try #require(TicketKey(text: issued[0].token))
        #expect(contacts.slot == 0)
        var moved = contacts
        moved.slot = 1
        #expect(await store.check(ticket: moved.text, service: .messengerClear) == .unknown)
        for index in contacts.code.indices {
            var flipped = contacts
            flipped.code[index] ^= 0x01
            #expect(await store.check(ticket: flipped.text, service: .contacts) == .unknown)
        }
        var otherSignIn = contacts
        otherSignIn.signIn &+= 1
        #expect(await store.check(ticket: otherSignIn.text, service: .contacts) == .unknown)
        // A second store (another server, or after a restart) knows nothing of these tickets.
        let other = TicketStore()
        _ = await other.issue(account: alice, services: [.contacts])
        #expect(await other.check(ticket: issued[0].ticket, service: .contacts) == .unknown)
    }

    @Test("ticket keys: 40 URL-safe characters that decode to what was encoded")
    func keyRoundTrip() throws {
        let key = TicketKey(signIn: 0x0123_4567_89AB_CDEF, slot: 7, code: (0..<21).map { UInt8($0 * 12) })
        let text = key.text
        #expect(text.utf8.count == 40)
        #expect(TicketStore.token(in: "t=\(text)&p=x") == text[...])
        #expect(TicketKey(text: text) == key)
        #expect(TicketKey(text: String(text.dropLast())) == nil)
        #expect(TicketKey(text: text.replacingOccurrences(of: text.prefix(1), with: "!")) == nil)
    }

    @Test("service lists: packed when well known and at most eight, kept as a list otherwise")
    func serviceLists() {
        let cases: [[PassportService]] = [
            [], [.messengerClear], TicketServices.wellKnown, TicketServices.wellKnown + [.contacts],
            [.contacts, "Example.COM"], Array(repeating: .storage, count: 9),
        ]
        for services in cases {
            let packed = TicketServices(services)
            #expect(packed.count == services.count)
            #expect((0..<services.count).map { packed[$0] } == services.map(Optional.some))
            #expect(packed[services.count] == nil && packed[-1] == nil)
        }
        #expect(MemoryLayout<TicketServices>.size <= 16)
    }

    @Test("a sign-in asking for more than 256 services gets several entries, every ticket valid")
    func manyServices() async {
        let store = TicketStore()
        let services = (0..<300).map { PassportService("s\($0).example.com") }
        let issued = await store.issue(account: bob, services: services)
        #expect(issued.count == 300)
        #expect(await store.count == 2)
        #expect(await store.issue(account: bob, services: []).isEmpty)
        #expect(await store.count == 2)
        #expect(await store.validate(ticket: issued[299].ticket, service: "s299.example.com")?.accountID == bob.id)
        #expect(await store.validate(ticket: issued[0].ticket, service: "s0.example.com")?.accountID == bob.id)
    }
}
