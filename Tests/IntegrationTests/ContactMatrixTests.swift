import MSNClient
import MSNCore
import MSNServer
import MSNTestSupport
import Testing

/// Two real clients against the real server, each in its own dialect: adding, accepting,
/// presence, status, personal messages, names, blocking, removing.
@Suite("Contacts and presence across dialects", .timeLimit(.minutes(2)))
struct ContactMatrixTests {
    /// A (the one who adds) and B (the one who accepts).
    struct Pair: Sendable, CustomTestStringConvertible {
        var a: Dialect
        var b: Dialect
        var testDescription: String { "\(a)→\(b)" }
    }

    /// Every family with itself, then mixed pairs across families.
    static let pairs: [Pair] = [
        Pair(a: .msnp2, b: .msnp7), Pair(a: .msnp8, b: .msnp9), Pair(a: .msnp10, b: .msnp12),
        Pair(a: .msnp13, b: .msnp14), Pair(a: .msnp15, b: .msnp15), Pair(a: .msnp16, b: .msnp18),
        Pair(a: .msnp5, b: .msnp18), Pair(a: .msnp18, b: .msnp3), Pair(a: .msnp8, b: .msnp15),
        Pair(a: .msnp11, b: .msnp8), Pair(a: .msnp14, b: .msnp11), Pair(a: .msnp17, b: .msnp6),
        Pair(a: .msnp12, b: .msnp16), Pair(a: .msnp9, b: .msnp13),
    ]

    @Test("A adds B, B accepts, presence, status, PSM and names propagate, B blocks and removes A",
          arguments: pairs)
    func lifecycle(pair: Pair) async throws {
        try await TestNetwork.withRunning { network in
            let alice = "alice@example.com", bob = "bob@example.com"
            let a = try await ContactPeer.signedIn(network, email: alice, dialect: pair.a)
            let b = try await ContactPeer.signedIn(network, email: bob, dialect: pair.b)
            do {
                try await Self.scenario(network, pair: pair, a: a, b: b)
            } catch {
                await a.close()
                await b.close()
                throw error
            }
            await a.close()
            await b.close()
        }
    }

    static func scenario(_ network: TestNetwork, pair: Pair, a: ContactPeer, b: ContactPeer) async throws {
            let alice = a.email, bob = b.email
            // A adds B: B sees the pending request; A sees B online.
            try await a.client.addContact(bob)
            await b.waitFor(alice, "sees alice's request") { $0?.isPending == true }
            await b.waitForChange("reads alice's request from contactChanges") {
                if case .pendingRequest(let c) = $0 { c.email == alice } else { false }
            }
            #expect(await b.client.contactList.pendingRequests.map(\.email) == [alice])
            await a.waitFor(bob, "sees bob online") { $0?.status == .online && $0?.lists.contains(.forward) == true }

            // B accepts: both on each other's FL and AL, and B sees A online.
            try await b.client.acceptRequest(from: alice)
            await b.waitFor(alice, "has alice on FL+AL, online") {
                $0?.lists.isSuperset(of: [.forward, .allow, .reverse]) == true && $0?.status == .online && $0?.isPending == false
            }
            await a.waitFor(bob, "sees bob's reverse entry") { $0?.lists.contains(.reverse) == true }

            // Status both ways.
            try await b.client.setStatus(.busy)
            await a.waitFor(bob, "sees bob busy") { $0?.status == .busy }
            try await a.client.setStatus(.away)
            await b.waitFor(alice, "sees alice away") { $0?.status == .away }

            // Personal messages where both dialects have them.
            if pair.a.supportsPersonalMessages && pair.b.supportsPersonalMessages {
                try await b.client.setPersonalMessage("fish & chips <3")
                await a.waitFor(bob, "sees bob's personal message") { $0?.personalMessage == "fish & chips <3" }
            } else if !pair.b.supportsPersonalMessages {
                await #expect { try await b.client.setPersonalMessage("x") } throws: {
                    ($0 as? MessengerClientError)?.code == .notSupportedInDialect
                }
            }

            // Display names.
            try await b.client.setFriendlyName("Bobby B")
            await a.waitFor(bob, "sees bob's new name") { $0?.displayName == "Bobby B" }

            // Hidden looks like offline; back online again.
            try await b.client.setStatus(.hidden)
            await a.waitFor(bob, "sees hidden bob offline") { $0?.status == nil }
            try await b.client.setStatus(.online)
            await a.waitFor(bob, "sees bob back") { $0?.status == .online }

            // B blocks A: A sees B offline.
            try await b.client.block(alice)
            await a.waitFor(bob, "sees bob offline after the block") { $0?.status == nil }
            #expect(await b.client.contactList[alice]?.isBlocked == true)

            // B removes A: A's entry for B loses RL.
            try await b.client.removeContact(alice)
            await a.waitFor(bob, "sees bob's reverse entry go") { $0?.lists.contains(.reverse) == false }
            #expect(await b.client.contactList[alice]?.lists.contains(.forward) == false)

            // Everything is on the server: B signs in again and reads the same lists.
            await b.close()
            let again = try await ContactPeer.signedIn(network, email: bob, dialect: pair.b, create: false)
            let list = await again.client.contactList
            #expect(list[alice]?.lists.contains(.block) == true)
            #expect(list[alice]?.lists.contains(.forward) == false)
            await again.close()
    }
}

/// A client that changes its status faster than the server allows hears `800`, as a readable
/// error, and stays signed in.
@Suite("Changing too rapidly", .timeLimit(.minutes(1)))
struct ChangingTooRapidlyTests {
    @Test("Past the server's change limit, setStatus throws 800 'changing too rapidly'; other commands still work")
    func statusFlood() async throws {
        try await TestNetwork.withRunning(configure: { configuration in
            configuration.notification.changeRateLimit = ChangeRateLimit(burst: 4, perSecond: 0.001)
        }) { network in
            let peer = try await ContactPeer.signedIn(network, email: "alice@example.com", dialect: .msnp15,
                                                      initialStatus: nil)
            var refusal: MessengerClientError?
            for status in [PresenceStatus.online, .away, .busy, .online, .away, .busy] where refusal == nil {
                do throws(MessengerClientError) { try await peer.client.setStatus(status) } catch { refusal = error }
            }
            let error = try #require(refusal, "six changes against a burst of four all went through")
            #expect(error.code == .serverError && error.serverErrorCode == .changingTooRapidly, "\(error)")
            #expect("\(error)".contains("800"), "\(error)")
            // Still signed in: a list command goes through.
            try await network.createAccount(email: "bob@example.com", password: "test1234")
            try await peer.client.addContact("bob@example.com")
            await peer.close()
        }
    }
}
