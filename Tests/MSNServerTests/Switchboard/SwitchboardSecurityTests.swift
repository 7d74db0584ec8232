import MSNCore
import MSNServer
import MSNTestSupport
import Testing

/// Nobody joins a switchboard without a live cookie issued to their own account, for that
/// very purpose and conversation; a cookie works once.
@Suite(.timeLimit(.minutes(2))) struct SwitchboardSecurityTests {
    typealias F = SwitchboardFixtures

    /// Connects to the switchboard, sends `line`, returns everything until the server closes.
    static func attempt(_ network: TestNetwork, _ line: String) async throws -> [String] {
        let sb = try await LineClient.connect(to: network.switchboardAddress)
        try await sb.send(line)
        return try await sb.readUntilClosed().map(\.line)
    }

    @Test func referralCookiesAreBoundOneTimeAndChecked() async throws {
        try await F.withNetwork { network in
            let alice = try await F.signIn(network, "alice@example.com", .msnp12)
            let cookie = String(try #require(try await alice.requestSwitchboard().argument(3)))

            // Another account cannot use alice's cookie, and that attempt used it up.
            #expect(try await Self.attempt(network, "USR 1 bob@example.com \(cookie)") == ["911 1"])
            #expect(try await Self.attempt(network, "USR 1 alice@example.com \(cookie)") == ["911 1"])

            // A good cookie works once; the replay is refused.
            let fresh = String(try #require(try await alice.requestSwitchboard().argument(3)))
            let sb = try await LineClient.connect(to: network.switchboardAddress)
            try await sb.send("USR 1 alice@example.com \(fresh)")
            #expect(try await sb.readFrame().line == "USR 1 OK alice@example.com Alice")
            #expect(try await Self.attempt(network, "USR 1 alice@example.com \(fresh)") == ["911 1"])

            // Made-up cookies, and a referral cookie used as an invitation, are refused.
            #expect(try await Self.attempt(network, "USR 1 alice@example.com 1234567890.1234567890.1234567890") == ["911 1"])
            let another = String(try #require(try await alice.requestSwitchboard().argument(3)))
            #expect(try await Self.attempt(network, "ANS 1 alice@example.com \(another) 12345") == ["911 1"])

            // Anything but USR/ANS first is a close; so is a MSG before joining.
            #expect(try await Self.attempt(network, "CAL 1 bob@example.com") == [])
            #expect(try await Self.attempt(network, "MSG 1 A 2\r\nhi") == [])
        }
    }

    /// A connection that does not present a good cookie in time is closed; one that did stays.
    @Test func connectionsMustJoinWithinTheLoginTimeout() async throws {
        try await F.withNetwork(configure: { $0.connection.loginTimeout = .seconds(5) }) { network in
            let alice = try await F.signIn(network, "alice@example.com", .msnp12)
            let joined = try await alice.openSwitchboard()
            let idle = try await LineClient.connect(to: network.switchboardAddress)
            #expect(try await idle.readUntilClosed(timeout: .seconds(15)) == [])
            try await F.send(joined, 2, "A", F.text("still open"))
            #expect(try await joined.readFrame().line == "NAK 2")
        }
    }

    @Test func expiredCookiesAreRefused() async throws {
        try await F.withNetwork(configure: { $0.switchboard.cookieLifetime = .milliseconds(200) }) { network in
            let alice = try await F.signIn(network, "alice@example.com", .msnp8)
            let cookie = String(try #require(try await alice.requestSwitchboard().argument(3)))
            try await Task.sleep(for: .milliseconds(400))
            #expect(try await Self.attempt(network, "USR 1 alice@example.com \(cookie)") == ["911 1"])
        }
    }

    /// An invitation cookie is good only for the invited account (and endpoint) and the
    /// conversation it was issued for; an uninvited person cannot read the conversation.
    @Test func invitationCookiesAreBoundToTheCalleeAndTheConversation() async throws {
        try await F.withNetwork { network in
            let alice = try await F.signIn(network, "alice@example.com", .msnp18, guid: F.guids[0])
            let bob = try await F.signIn(network, "bob@example.com", .msnp18, guid: F.guids[1])
            let carol = try await F.signIn(network, "carol@example.com", .msnp11)
            let aliceSB = try await alice.openSwitchboard()
            for (trID, email) in [(2, "bob@example.com"), (3, "carol@example.com")] {
                try await aliceSB.send("CAL \(trID) \(email)")
                #expect(try await aliceSB.readFrame().argument(0) == "RINGING")
            }
            let bobRing = try await bob.nextRing(), carolRing = try await carol.nextRing()
            let session = String(try #require(bobRing.argument(0)))
            let bobCookie = String(try #require(bobRing.argument(3)))
            let carolCookie = String(try #require(carolRing.argument(3)))

            // Carol presenting bob's cookie: refused (and bob's cookie is spent).
            #expect(try await Self.attempt(network, "ANS 1 carol@example.com \(bobCookie) \(session)") == ["911 1"])
            #expect(try await Self.attempt(network, "ANS 1 \(bob.handle) \(bobCookie) \(session)") == ["911 1"])
            // Bob on another machine than the one rung: refused.
            #expect(try await Self.attempt(network, "ANS 1 bob@example.com;\(F.guids[2]) 1.2.3 \(session)") == ["911 1"])
            // Carol's cookie with the wrong session id: refused.
            #expect(try await Self.attempt(network, "ANS 1 carol@example.com \(carolCookie) 999") == ["911 1"])
            // Alice never heard any of it but the JOIs of people really there (none).
            try await F.send(aliceSB, 4, "A", F.text("anyone?"))
            #expect(try await aliceSB.readFrame().line == "NAK 4")
        }
    }

    @Test func callErrors() async throws {
        try await F.withNetwork(accounts: ["alice@example.com", "bob@example.com", "carol@example.com",
                                           "dave@example.com", "erin@example.com"]) { network in
            let alice = try await F.signIn(network, "alice@example.com", .msnp12)
            let bob = try await F.signIn(network, "bob@example.com", .msnp12)
            _ = try await F.signIn(network, "carol@example.com", .msnp10, status: "HDN")
            _ = try await F.signIn(network, "erin@example.com", .msnp7)
            // Dave blocks alice; erin accepts only her allow list, which alice is not on.
            _ = try await network.store.addContact(owner: "dave@example.com", contact: "alice@example.com", to: .block)
            _ = try await F.signIn(network, "dave@example.com", .msnp15)
            _ = try await network.store.setPrivacyMode(owner: "erin@example.com", .blockUnlisted)
            let sb = try await alice.openSwitchboard()

            let cases: [(String, String)] = [
                ("nobody@example.com", "208"),      // no such account
                ("not-an-address", "208"),          // not an e-mail
                ("carol@example.com", "217"),       // hidden
                ("dave@example.com", "217"),        // blocks alice
                ("erin@example.com", "217"),        // BLP BL, alice not on AL
                ("alice@example.com", "215"),       // herself, before MSNP16
            ]
            for (index, (email, code)) in cases.enumerated() {
                try await sb.send("CAL \(index + 2) \(email)")
                #expect(try await sb.readFrame().line == "\(code) \(index + 2)", "CAL \(email)")
            }
            // Offline: sign bob out first.
            await bob.ns.close()
            try await network.waitUntilSignedOut("bob@example.com")
            try await sb.send("CAL 20 bob@example.com")
            #expect(try await sb.readFrame().line == "217 20")

            // Ringing already, then in the session already: 215.
            let carol = try await F.signIn(network, "carol@example.com", .msnp10, guid: nil)
            try await sb.send("CAL 21 carol@example.com")
            #expect(try await sb.readFrame().argument(0) == "RINGING")
            try await sb.send("CAL 22 carol@example.com")
            #expect(try await sb.readFrame().line == "215 22")
            let (carolSB, _) = try await carol.answer(try await carol.nextRing())
            _ = try await sb.readFrame()   // JOI
            try await sb.send("CAL 23 CAROL@example.com")
            let again = try await sb.readFrame()
            #expect(again.line == "215 23", "\(again.line)")
            await carolSB.close()
        }
    }
}
