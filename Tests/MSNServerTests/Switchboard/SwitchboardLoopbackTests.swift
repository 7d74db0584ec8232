import MSNCore
import MSNServer
import MSNTestSupport
import Testing

/// The switchboard over loopback with raw lines: referrals, invitations, joins, relays and
/// leaves, in mixed dialects.
@Suite(.timeLimit(.minutes(2))) struct SwitchboardLoopbackTests {
    typealias F = SwitchboardFixtures

    @Test(arguments: [Dialect.msnp2, .msnp5, .msnp12, .msnp13, .msnp14, .msnp18])
    func xfrSBInTheDialectsForm(dialect: Dialect) async throws {
        try await F.withNetwork { network in
            let alice = try await F.signIn(network, "alice@example.com", dialect)
            let referral = try await alice.requestSwitchboard()
            let arguments = referral.arguments.map(String.init)
            #expect(referral.verb == .xfr && referral.transactionID == 21)
            #expect(arguments.count >= 4 && arguments[0] == "SB" && arguments[1] == network.switchboardAddress
                    && arguments[2] == "CKI", "\(referral.line)")
            let tail = Array(arguments.dropFirst(4))
            switch dialect.switchboardReferralForm {
            case .plain: #expect(tail == [])
            case .domain: #expect(tail == ["U", "messenger.msn.com"])
            case .domainAndDirectConnect: #expect(tail == ["U", "messenger.msn.com", "1"])
            }
            // A second referral carries a different cookie.
            let again = try await alice.requestSwitchboard()
            #expect(again.argument(3) != referral.argument(3))
        }
    }

    @Test func xfrSBBeforeGoingOnlineOrWhileHiddenIs913() async throws {
        try await F.withNetwork { network in
            let ns = try await LineClient.connect(to: network.notificationAddress)
            for line in ["VER 1 MSNP8 CVR0", "USR 2 TWN I alice@example.com", "USR 3 TWN S good"] {
                try await ns.send(line)
            }
            while try await ns.readFrame().verb != .msg {}
            try await ns.send("XFR 4 SB")
            #expect(try await ns.readFrame().line == "913 4")
            let hidden = try await F.signIn(network, "bob@example.com", .msnp12, status: "HDN")
            #expect(try await hidden.requestSwitchboard().line == "913 21")
            // WLM's invisible users may chat.
            let wlm = try await F.signIn(network, "carol@example.com", .msnp15, status: "HDN")
            #expect(try await wlm.requestSwitchboard().verb == .xfr)
        }
    }

    @Test(arguments: [(Dialect.msnp5, Dialect.msnp12), (.msnp12, .msnp18), (.msnp18, .msnp16), (.msnp8, .msnp3),
                      (.msnp14, .msnp13)])
    func oneToOneConversation(a: Dialect, b: Dialect) async throws {
        try await F.withNetwork { network in
            let alice = try await F.signIn(network, "alice@example.com", a, guid: F.guids[0])
            let bob = try await F.signIn(network, "bob@example.com", b, guid: F.guids[1])
            let aliceSB = try await alice.openSwitchboard()

            try await aliceSB.send("CAL 2 bob@example.com")
            let ringing = try await aliceSB.readFrame()
            #expect(ringing.verb == .cal && ringing.argument(0) == "RINGING", "\(ringing.line)")
            let sessionID = try #require(ringing.argument(1))

            // The RNG reaches bob in his dialect, with a cookie of its own.
            let ring = try await bob.nextRing()
            var expected = ["RNG", String(sessionID), network.switchboardAddress, "CKI"]
            #expect(ring.arguments.count >= 5, "\(ring.line)")
            let cookie = String(ring.argument(3) ?? "")
            expected += [cookie, "alice@example.com", "Alice"]
            switch b.switchboardReferralForm {
            case .plain: break
            case .domain: expected += ["U", "messenger.hotmail.com"]
            case .domainAndDirectConnect: expected += ["U", "messenger.hotmail.com", "1"]
            }
            #expect(ring.line == expected.joined(separator: " "))

            // Bob answers: IRO lists alice in bob's dialect, then ANS OK; alice hears JOI.
            let (bobSB, welcome) = try await bob.answer(ring)
            let aliceCaps = Self.capabilities(of: a, seenBy: b)
            var iro: [String] = []
            if b.switchboardUsesEndpoints, a.switchboardUsesEndpoints {
                iro = ["IRO 1 1 2 \(alice.endpointHandle) Alice\(aliceCaps)", "IRO 1 2 2 alice@example.com Alice\(aliceCaps)"]
            } else {
                iro = ["IRO 1 1 1 alice@example.com Alice\(aliceCaps)"]
            }
            #expect(welcome.map(\.line) == iro + ["ANS 1 OK"])
            let bobCaps = Self.capabilities(of: b, seenBy: a)
            var joi = ["JOI bob@example.com Bob\(bobCaps)"]
            if a.switchboardUsesEndpoints, b.switchboardUsesEndpoints { joi.insert("JOI \(bob.endpointHandle) Bob\(bobCaps)", at: 0) }
            #expect(try await aliceSB.readFrames(joi.count).map(\.line) == joi)

            // Typing (U) and text (A): relayed byte for byte as `MSG alice Alice len`; ACK for A only.
            let typing = F.typing("alice@example.com"), text = F.text("Hello bob, it's alice — ✓")
            try await F.send(aliceSB, 3, "U", typing)
            try await F.send(aliceSB, 4, "A", text)
            #expect(try await aliceSB.readFrame().line == "ACK 4")
            let relayed = try await bobSB.readFrames(2)
            #expect(relayed.map(\.line) == ["MSG alice@example.com Alice \(typing.utf8.count)",
                                            "MSG alice@example.com Alice \(text.utf8.count)"])
            #expect(relayed.map { $0.payload.map { Array($0.readableBytesView) } } == [Array(typing.utf8), Array(text.utf8)])

            // N: nothing back on success.
            let reply = F.text("Hi alice")
            try await F.send(bobSB, 2, "N", reply)
            let back = try await aliceSB.readFrame()
            #expect(back.line == "MSG bob@example.com Bob \(reply.utf8.count)" && back.payloadText == reply)
            try await F.send(bobSB, 3, "A", reply)
            #expect(try await bobSB.readFrame().line == "ACK 3")
            _ = try await aliceSB.readFrame()

            // Alice leaves: the server closes her connection, bob hears BYE.
            try await aliceSB.send("OUT")
            #expect(try await aliceSB.readUntilClosed() == [])
            var bye = ["BYE alice@example.com"]
            if b.switchboardUsesEndpoints, a.switchboardUsesEndpoints { bye.insert("BYE \(alice.endpointHandle)", at: 0) }
            #expect(try await bobSB.readFrames(bye.count).map(\.line) == bye)
            // Alone now: an A message cannot be delivered.
            try await F.send(bobSB, 4, "A", reply)
            #expect(try await bobSB.readFrame().line == "NAK 4")
        }
    }

    /// The capabilities a `member` client (signed in by the fixtures) shows to a `dialect`
    /// recipient: nothing before MSNP12, ` caps` up to MSNP15, ` caps:ext` from MSNP16.
    static func capabilities(of member: Dialect, seenBy dialect: Dialect) -> String {
        guard dialect.switchboardCarriesCapabilities else { return "" }
        let (caps, ext): (Int, Int) = switch member.capabilitiesForm {
        case .none: (0, 0)
        case .decimal: (1342177280, 0)
        case .decimalPair: (1342177280, 48)
        }
        return dialect.capabilitiesForm == .decimalPair ? " \(caps):\(ext)" : " \(caps)"
    }
}
