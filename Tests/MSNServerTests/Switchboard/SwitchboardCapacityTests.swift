import MSNCore
import MSNServer
import MSNTestSupport
import Testing

/// A conversation holds at most ``SwitchboardConfiguration/maximumParticipants`` accounts,
/// counting those still ringing; calling someone twice is `215` each time.
@Suite struct SwitchboardCapacityTests {
    typealias F = SwitchboardFixtures

    static let accounts = ["alice@example.com", "bob@example.com", "carol@example.com", "dave@example.com"]

    /// Limit 3: alice and bob are in, carol rings (three accounts), so dave is `712`; carol
    /// and bob again are `215`. Once bob leaves there is room for dave.
    @Test(.timeLimit(.minutes(1)))
    func callBeyondTheLimitIs712() async throws {
        try await F.withNetwork(accounts: Self.accounts, configure: { $0.switchboard.maximumParticipants = 3 }) { network in
            let alice = try await F.signIn(network, "alice@example.com", .msnp12)
            let bob = try await F.signIn(network, "bob@example.com", .msnp9)
            let carol = try await F.signIn(network, "carol@example.com", .msnp15)
            let dave = try await F.signIn(network, "dave@example.com", .msnp5)
            let aliceSB = try await alice.openSwitchboard()
            try await aliceSB.send("CAL 2 bob@example.com")
            #expect(try await aliceSB.readFrame().argument(0) == "RINGING")
            let (bobSB, _) = try await bob.answer(try await bob.nextRing())
            #expect(try await aliceSB.readFrame().verb == .joi)

            try await aliceSB.send("CAL 3 carol@example.com")
            #expect(try await aliceSB.readFrame().argument(0) == "RINGING")
            _ = try await carol.nextRing()
            try await aliceSB.send("CAL 4 dave@example.com")
            #expect(try await aliceSB.readFrame().line == "712 4")
            try await bobSB.send("CAL 2 dave@example.com")
            #expect(try await bobSB.readFrame().line == "712 2")
            // Repeated calls: still ringing, or already here.
            try await aliceSB.send("CAL 5 carol@example.com")
            #expect(try await aliceSB.readFrame().line == "215 5")
            try await aliceSB.send("CAL 6 bob@example.com")
            #expect(try await aliceSB.readFrame().line == "215 6")

            // Bob leaves: room for dave, who rings and joins.
            await bobSB.close()
            #expect(try await aliceSB.readFrame().line == "BYE bob@example.com")
            try await aliceSB.send("CAL 7 dave@example.com")
            #expect(try await aliceSB.readFrame().argument(0) == "RINGING")
            let (daveSB, welcome) = try await dave.answer(try await dave.nextRing())
            #expect(welcome.map(\.line) == ["IRO 1 1 1 alice@example.com Alice", "ANS 1 OK"])
            #expect(try await aliceSB.readFrame().line == "JOI dave@example.com Dave 0")
            // Bob is gone, so he may be called again (the conversation is full now, though).
            try await aliceSB.send("CAL 8 bob@example.com")
            #expect(try await aliceSB.readFrame().line == "712 8")
            await daveSB.close()
        }
    }

    @Test func defaultAndFloor() {
        #expect(SwitchboardConfiguration().maximumParticipants == 50)
        #expect(SwitchboardConfiguration(maximumParticipants: 0).maximumParticipants == 2)
    }
}
