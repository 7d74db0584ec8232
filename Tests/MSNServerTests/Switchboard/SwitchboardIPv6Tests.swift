import MSNCore
import MSNServer
import MSNTestSupport
import Testing

/// A network bound to `::1`: every referral names it in brackets. Runs only where the machine
/// has an IPv6 loopback.
@Suite(.enabled(if: IPv6Loopback.isAvailable, "no IPv6 loopback on this machine"), .timeLimit(.minutes(1)))
struct SwitchboardIPv6Tests {
    typealias F = SwitchboardFixtures

    static func isBracketedLoopback(_ text: Substring?) -> Bool {
        guard let text, let parsed = HostAndPort(text) else { return false }
        return text.hasPrefix("[::1]:") && parsed.host == "::1" && parsed.port != nil
    }

    @Test func referralsAreBracketed() async throws {
        try await F.withNetwork(configure: { $0.host = "::1" }) { network in
            #expect(network.switchboardAddress.hasPrefix("[::1]:"))
            #expect(network.notificationAddress.hasPrefix("[::1]:") && network.dispatchAddress.hasPrefix("[::1]:"))

            // XFR … NS from the dispatch server, MSNP7 form (address, 0, current server).
            let dispatch = try await LineClient.connect(to: network.dispatchAddress)
            try await dispatch.send("VER 1 MSNP7 CVR0")
            _ = try await dispatch.readFrame()
            try await dispatch.send("USR 2 MD5 I alice@example.com")
            let redirect = try await dispatch.readFrame()
            #expect(redirect.line == "XFR 2 NS \(network.notificationAddress) 0 \(network.dispatchAddress)")

            // XFR … SB and RNG.
            let alice = try await F.signIn(network, "alice@example.com", .msnp12)
            let bob = try await F.signIn(network, "bob@example.com", .msnp5)
            let referral = try await alice.requestSwitchboard()
            #expect(Self.isBracketedLoopback(referral.argument(1)), "\(referral.line)")
            let aliceSB = try await alice.openSwitchboard()
            try await aliceSB.send("CAL 2 bob@example.com")
            #expect(try await aliceSB.readFrame().argument(0) == "RINGING")
            let ring = try await bob.nextRing()
            #expect(Self.isBracketedLoopback(ring.argument(1)), "\(ring.line)")
            let (bobSB, welcome) = try await bob.answer(ring)
            #expect(welcome.last?.line == "ANS 1 OK")
            await bobSB.close()
        }
    }
}
