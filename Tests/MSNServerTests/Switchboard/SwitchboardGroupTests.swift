import MSNCore
import MSNServer
import MSNTestSupport
import Testing

/// Conversations of more than two connections: a third person in another dialect, and several
/// endpoints of one account (MSNP16+).
@Suite(.timeLimit(.minutes(2))) struct SwitchboardGroupTests {
    typealias F = SwitchboardFixtures

    /// Alice (MSNP18, endpoint) calls bob (MSNP5), then carol (MSNP12); each hears the others
    /// in their own dialect, and every message reaches the two others unchanged.
    @Test func threePeopleInThreeDialects() async throws {
        try await F.withNetwork { network in
            let alice = try await F.signIn(network, "alice@example.com", .msnp18)
            let bob = try await F.signIn(network, "bob@example.com", .msnp5)
            let carol = try await F.signIn(network, "carol@example.com", .msnp12)
            let aliceSB = try await alice.openSwitchboard()

            try await aliceSB.send("CAL 2 bob@example.com")
            #expect(try await aliceSB.readFrame().argument(0) == "RINGING")
            let (bobSB, bobWelcome) = try await bob.answer(try await bob.nextRing())
            #expect(bobWelcome.map(\.line) == ["IRO 1 1 1 alice@example.com Alice", "ANS 1 OK"])
            #expect(try await aliceSB.readFrame().line == "JOI bob@example.com Bob 0:0")

            // Bob (a participant, not the opener) invites carol.
            try await bobSB.send("CAL 2 carol@example.com")
            let ringing = try await bobSB.readFrame()
            #expect(ringing.argument(0) == "RINGING")
            let ring = try await carol.nextRing()
            #expect(ring.line.hasPrefix("RNG \(ringing.argument(1) ?? "") ") && ring.line.hasSuffix(" bob@example.com Bob"))
            let (carolSB, carolWelcome) = try await carol.answer(ring)
            #expect(carolWelcome.map(\.line) == ["IRO 1 1 2 alice@example.com Alice 1342177280",
                                                 "IRO 1 2 2 bob@example.com Bob 0", "ANS 1 OK"])
            #expect(try await aliceSB.readFrame().line == "JOI carol@example.com Carol 1342177280:0")
            #expect(try await bobSB.readFrame().line == "JOI carol@example.com Carol")

            // Bob speaks: alice and carol both get the same bytes; bob gets ACK.
            let text = F.text("three of us")
            try await F.send(bobSB, 3, "A", text)
            #expect(try await bobSB.readFrame().line == "ACK 3")
            for sb in [aliceSB, carolSB] {
                let message = try await sb.readFrame()
                #expect(message.line == "MSG bob@example.com Bob \(text.utf8.count)" && message.payloadText == text)
            }
            // Never echoed to the sender: carol's message is the next thing bob reads.
            try await F.send(carolSB, 2, "U", F.typing("carol@example.com"))
            #expect(try await bobSB.readFrame().argument(0) == "carol@example.com")
            _ = try await aliceSB.readFrame()

            // Carol leaves; the two others hear it in their forms; the conversation goes on.
            await carolSB.close()
            #expect(try await aliceSB.readFrame().line == "BYE carol@example.com")
            #expect(try await bobSB.readFrame().line == "BYE carol@example.com")
            try await F.send(aliceSB, 3, "A", text)
            #expect(try await aliceSB.readFrame().line == "ACK 3")
            #expect(try await bobSB.readFrame().argument(0) == "alice@example.com")
        }
    }

    /// Bob is signed in on two MSNP18 machines: one `CAL` rings both; each endpoint joins and
    /// is named with its GUID, the bare handle once.
    @Test func twoEndpointsOfOneAccount() async throws {
        try await F.withNetwork { network in
            let alice = try await F.signIn(network, "alice@example.com", .msnp18, guid: F.guids[0])
            let bob1 = try await F.signIn(network, "bob@example.com", .msnp18, guid: F.guids[1])
            let bob2 = try await F.signIn(network, "bob@example.com", .msnp18, guid: F.guids[2])
            let aliceSB = try await alice.openSwitchboard()
            try await aliceSB.send("CAL 2 bob@example.com")
            _ = try await aliceSB.readFrame()
            let ring1 = try await bob1.nextRing(), ring2 = try await bob2.nextRing()
            #expect(ring1.argument(3) != ring2.argument(3), "each endpoint gets its own cookie")

            let (sb1, welcome1) = try await bob1.answer(ring1)
            #expect(welcome1.map(\.line) == ["IRO 1 1 2 \(alice.endpointHandle) Alice 1342177280:48",
                                             "IRO 1 2 2 alice@example.com Alice 1342177280:48", "ANS 1 OK"])
            #expect(try await aliceSB.readFrames(2).map(\.line) == ["JOI \(bob1.endpointHandle) Bob 1342177280:48",
                                                                    "JOI bob@example.com Bob 1342177280:48"])
            // The second machine joins: it sees alice twice and its own other endpoint once.
            let (sb2, welcome2) = try await bob2.answer(ring2)
            #expect(welcome2.map(\.line) == ["IRO 1 1 3 \(alice.endpointHandle) Alice 1342177280:48",
                                             "IRO 1 2 3 alice@example.com Alice 1342177280:48",
                                             "IRO 1 3 3 \(bob1.endpointHandle) Bob 1342177280:48", "ANS 1 OK"])
            #expect(try await aliceSB.readFrame().line == "JOI \(bob2.endpointHandle) Bob 1342177280:48")
            #expect(try await sb1.readFrame().line == "JOI \(bob2.endpointHandle) Bob 1342177280:48")

            // Alice's message reaches both machines.
            try await F.send(aliceSB, 3, "A", F.text("both of you"))
            #expect(try await aliceSB.readFrame().line == "ACK 3")
            #expect(try await sb1.readFrame().argument(0) == "alice@example.com")
            #expect(try await sb2.readFrame().argument(0) == "alice@example.com")

            // The first machine leaves: only its endpoint goes; bob is still there.
            try await sb1.send("OUT")
            #expect(try await aliceSB.readFrame().line == "BYE \(bob1.endpointHandle)")
            #expect(try await sb2.readFrame().line == "BYE \(bob1.endpointHandle)")
            await sb2.close()
            #expect(try await aliceSB.readFrames(2).map(\.line) == ["BYE \(bob2.endpointHandle)", "BYE bob@example.com"])
        }
    }

    /// From MSNP16 calling oneself rings one's other machines.
    @Test func callingOneselfRingsTheOtherEndpoints() async throws {
        try await F.withNetwork { network in
            let home = try await F.signIn(network, "alice@example.com", .msnp18, guid: F.guids[0])
            let work = try await F.signIn(network, "alice@example.com", .msnp16, guid: F.guids[1])
            let homeSB = try await home.openSwitchboard()
            try await homeSB.send("CAL 2 alice@example.com")
            #expect(try await homeSB.readFrame().argument(0) == "RINGING")
            let ring = try await work.nextRing()
            #expect(ring.line.hasSuffix(" alice@example.com Alice U messenger.hotmail.com 1"))
            let (workSB, welcome) = try await work.answer(ring)
            #expect(welcome.map(\.line) == ["IRO 1 1 1 \(home.endpointHandle) Alice 1342177280:48", "ANS 1 OK"])
            #expect(try await homeSB.readFrame().line == "JOI \(work.endpointHandle) Alice 1342177280:48")
            // Both machines are in: nothing left to ring.
            try await homeSB.send("CAL 3 alice@example.com")
            #expect(try await homeSB.readFrame().line == "217 3")
            try await F.send(workSB, 2, "A", F.text("note to self"))
            #expect(try await workSB.readFrame().line == "ACK 2")
            #expect(try await homeSB.readFrame().argument(0) == "alice@example.com")
        }
    }
}
