import Foundation
import MSNCore
import MSNServer
import MSNTestSupport
import Testing

/// MSNP13+ `ADL`/`RML`/`FQY` over loopback with real SSO sign-ins, against each other and
/// against older dialects (one store for every dialect).
@Suite(.timeLimit(.minutes(2))) struct MembershipLoopbackTests {
    typealias Helpers = ContactsLoopbackTests

    static func ml(_ local: String, _ bits: Int, initial: Bool = false) -> String {
        #"<ml\#(initial ? #" l="1""# : "")><d n="example.com"><c n="\#(local)" l="\#(bits)" t="1"/></d></ml>"#
    }

    static func send(_ client: LineClient, _ verb: String, _ trID: Int, _ xml: String) async throws {
        try await client.send("\(verb) \(trID) \(xml.utf8.count)\r\n\(xml)")
    }

    @Test(arguments: [(Dialect.msnp15, Dialect.msnp18), (.msnp18, .msnp13)])
    func addEachOtherWithADL(a: Dialect, b: Dialect) async throws {
        try await TestNetwork.withRunning { network in
            try await Helpers.createPeople(network)
            let alice = try await Helpers.signIn(network, "alice@example.com", a)
            let bob = try await Helpers.signIn(network, "bob@example.com", b)
            try await Self.send(alice, "ADL", 5, #"<ml l="1"></ml>"#)
            #expect(try await Helpers.next(alice).line == "ADL 5 OK")
            try await alice.send("CHG 6 NLN 1073741824:48")
            #expect(try await Helpers.next(alice).verb == .chg)
            try await bob.send("CHG 7 NLN 1073741824:48")
            #expect(try await Helpers.next(bob).verb == .chg)

            // Alice adds bob (FL + AL): OK, then his presence; bob gets the RL notice.
            try await Self.send(alice, "ADL", 8, Self.ml("bob", 3))
            #expect(try await Helpers.next(alice).line == "ADL 8 OK")
            let nln = try await Helpers.next(alice)
            #expect(nln.verb == .nln && nln.line.contains("bob@example.com") && nln.line.contains("Bob%20Jones"), "\(nln.line)")
            let notice = try await Helpers.next(bob)
            #expect(notice.line.hasPrefix("ADL 0 "), "\(notice.line)")
            #expect(notice.payloadText == #"<ml><d n="example.com"><c n="alice" l="8" t="1" f="Alice"/></d></ml>"#)

            // Alice's session has finished with ADL 8 (its presence refresh for bob included)
            // once it answers her next command: only then does bob's ADL 9 have one outcome.
            try await alice.send("PNG")
            #expect(try await Helpers.next(alice).verb == .qng)

            // Bob adds her back and sees her online; alice hears of her RL entry.
            try await Self.send(bob, "ADL", 9, Self.ml("alice", 3))
            #expect(try await Helpers.next(bob).line == "ADL 9 OK")
            let seen = try await Helpers.next(bob)
            #expect(seen.verb == .nln && seen.line.contains("alice@example.com"), "\(seen.line)")
            #expect(try await Helpers.next(alice).line.hasPrefix("ADL 0 "))
            #expect(try await Helpers.next(alice).verb == .nln)   // bob's AL now lets her see him
            let stored = try await network.store.contactList(owner: "alice@example.com").entry(for: "bob@example.com")
            #expect(stored?.lists == [.forward, .allow, .reverse])

            // Adding again changes nothing and is still OK; an unknown account is 208.
            try await Self.send(alice, "ADL", 10, Self.ml("bob", 1))
            #expect(try await Helpers.next(alice).line == "ADL 10 OK")
            try await Self.send(alice, "ADL", 11, Self.ml("nobody", 1))
            #expect(try await Helpers.next(alice).line == "208 11")
            try await Self.send(alice, "ADL", 12, #"<ml><d n="example.com"><c n="bob" l="8" t="1"/></d></ml>"#)
            #expect(try await Helpers.next(alice).line == "241 12")
            try await Self.send(alice, "ADL", 13, #"<ml><d n="example.com"></d></ml>"#)
            #expect(try await Helpers.next(alice).line == "240 13")

            // Bob blocks alice (RML AL, ADL BL): she sees him go offline.
            try await Self.send(bob, "RML", 14, Self.ml("alice", 2))
            #expect(try await Helpers.next(bob).line == "RML 14 OK")
            try await Self.send(bob, "ADL", 15, Self.ml("alice", 4))
            #expect(try await Helpers.next(bob).line == "ADL 15 OK")
            var line = try await Helpers.next(alice).line
            if line.hasPrefix("NLN") { line = try await Helpers.next(alice).line }
            #expect(line.hasPrefix("FLN") && line.contains("bob@example.com"), "\(line)")

            // Alice removes bob from FL: bob gets the RL removal.
            try await Self.send(alice, "RML", 16, Self.ml("bob", 1))
            #expect(try await Helpers.next(alice).line == "RML 16 OK")
            let removal = try await Helpers.next(bob)
            #expect(removal.line.hasPrefix("RML 0 "), "\(removal.line)")
            #expect(try await network.store.contactList(owner: "bob@example.com").entry(for: "alice@example.com")?.lists == [.forward, .block])
        }
    }

    @Test func mixedMSNP8AndMSNP15ShareOneList() async throws {
        try await TestNetwork.withRunning { network in
            try await Helpers.createPeople(network)
            let alice = try await Helpers.signIn(network, "alice@example.com", .msnp8)
            let bob = try await Helpers.signIn(network, "bob@example.com", .msnp15)
            try await alice.send("CHG 5 NLN 0")
            _ = try await Helpers.next(alice)
            try await bob.send("CHG 6 NLN 1073741824")
            _ = try await Helpers.next(bob)

            try await alice.send("ADD 7 FL bob@example.com bob@example.com")
            #expect(try await Helpers.next(alice).line.hasPrefix("ADD 7 FL"))
            let notice = try await Helpers.next(bob)
            #expect(notice.line.hasPrefix("ADL 0 ") && notice.payloadText?.contains(#"<c n="alice" l="8""#) == true)
            #expect(try await Helpers.next(alice).line.hasPrefix("NLN NLN bob@example.com"))

            try await Self.send(bob, "ADL", 8, Self.ml("alice", 1))
            #expect(try await Helpers.next(bob).line == "ADL 8 OK")
            #expect(try await Helpers.next(bob).line.hasPrefix("NLN NLN alice@example.com 1 Alice"))
            let rl = try await Helpers.next(alice)
            #expect(rl.line.hasPrefix("ADD 0 RL ") && rl.line.hasSuffix("bob@example.com Bob%20Jones"), "\(rl.line)")

            // One row for both dialects: bob is on alice's FL (ADD) and RL (bob's ADL).
            let list = try await network.store.contactList(owner: "alice@example.com")
            #expect(list.entry(for: "bob@example.com")?.lists.isSuperset(of: [.forward, .reverse]) == true)
        }
    }

    @Test func queryAndMalformedClose() async throws {
        try await TestNetwork.withRunning { network in
            try await Helpers.createPeople(network)
            let alice = try await Helpers.signIn(network, "alice@example.com", .msnp18)
            let query = #"<ml><d n="example.com"><c n="bob"/><c n="nobody"/></d></ml>"#
            try await Self.send(alice, "FQY", 5, query)
            let answer = try await Helpers.next(alice)
            #expect(answer.line.hasPrefix("FQY 5 "))
            #expect(answer.payloadText == #"<ml><d n="example.com"><c n="bob" t="1"/></d></ml>"#)
            try await Self.send(alice, "ADL", 6, "<ml><d n=")
            #expect(try await Helpers.next(alice).line == "241 6")
            _ = try await alice.readUntilClosed(timeout: .seconds(10))
        }
    }
}
