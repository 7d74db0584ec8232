import MSNClient
import MSNCore
import MSNServer
import MSNTestSupport
import Testing

/// The real client follows bracketed referrals: dispatch → `XFR NS [::1]:…` → notification
/// server → `XFR SB [::1]:…` / `RNG … [::1]:…` → switchboard. MD5 dialects, so no HTTP is
/// involved. Runs only where the machine has an IPv6 loopback.
@Suite("IPv6 referrals", .enabled(if: IPv6Loopback.isAvailable, "no IPv6 loopback on this machine"),
       .timeLimit(.minutes(1)))
struct IPv6ConversationTests {
    typealias P = ConversationTests

    @Test("Sign-in through the dispatch server and a conversation, all on ::1")
    func conversationOverIPv6() async throws {
        try await TestNetwork.withRunning(configure: { $0.host = "::1" }) { network in
            #expect(network.dispatchAddress.hasPrefix("[::1]:"))
            let alice = try await P.person("alice@example.com", .msnp7, on: network)
            let bob = try await P.person("bob@example.com", .msnp5, on: network)
            #expect(await alice.client.signedInAccount?.server.description == network.notificationAddress)
            let conversation = try await alice.client.startConversation(with: ["bob@example.com"])
            let bobsLog = try #require(await bob.conversation())
            #expect(bob.invitations.first?.invitation.address == network.switchboardAddress)
            #expect(try await conversation.send(text: "hello over IPv6") == .delivered)
            #expect(await bobsLog.message(from: "alice@example.com", "hello over IPv6") != nil)
            await conversation.leave()
            await alice.close(); await bob.close()
        }
    }
}
