import MSNClient
import MSNCore
import MSNServer
import MSNTestSupport
import Testing

/// The switchboard's participant limit as the real client sees it.
@Suite("Conversation capacity against the server")
struct ConversationCapacityTests {
    typealias P = ConversationTests

    @Test("Inviting into a full conversation is conversationFull; inviting someone already there returns at once",
          .timeLimit(.minutes(1)))
    func fullConversation() async throws {
        try await TestNetwork.withRunning(configure: { $0.switchboard.maximumParticipants = 2 }) { network in
            let alice = try await P.person("alice@example.com", .msnp12, on: network)
            let bob = try await P.person("bob@example.com", .msnp9, on: network)
            let carol = try await P.person("carol@example.com", .msnp18, on: network)
            let conversation = try await alice.client.startConversation(with: ["bob@example.com"])
            let bobsLog = try #require(await bob.conversation())

            let clock = ContinuousClock()
            let elapsed = try await clock.measure { try await conversation.invite("bob@example.com") }
            #expect(elapsed < .seconds(5))
            await #expect { try await conversation.invite("carol@example.com") } throws: { error in
                let error = error as? MessengerClientError
                return error?.code == .conversationFull && error?.serverErrorCode == .sessionOverloaded
            }
            #expect(carol.invitations.isEmpty)
            #expect(await conversation.contacts == ["bob@example.com"])
            #expect(try await conversation.send(text: "still two of us") == .delivered)
            #expect(await bobsLog.message(from: "alice@example.com", "still two of us") != nil)
            await conversation.leave()
            await alice.close(); await bob.close(); await carol.close()
        }
    }
}
