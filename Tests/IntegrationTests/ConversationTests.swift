import Foundation
import MSNClient
import MSNCore
import MSNServer
import MSNTestSupport
import Synchronization
import Testing

/// Conversations of the real client through the real switchboard over loopback.
@Suite("Conversations against the server", .timeLimit(.minutes(2)))
struct ConversationTests {
    static let password = "test1234"

    /// A conversation's events, read from one task.
    final class ConversationLog: Sendable {
        let conversation: Conversation
        private let seen = Mutex<[ConversationEvent]>([])
        private let task = Mutex<Task<Void, Never>?>(nil)

        init(_ conversation: Conversation) {
            self.conversation = conversation
            task.withLock { $0 = Task { [weak self] in
                for await event in conversation.events { self?.seen.withLock { $0.append(event) } }
            } }
        }

        deinit { task.withLock { $0?.cancel() } }

        var all: [ConversationEvent] { seen.withLock { $0 } }

        func first(within timeout: Duration = .seconds(10), where predicate: (ConversationEvent) -> Bool) async -> ConversationEvent? {
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                if let event = seen.withLock({ $0.first(where: predicate) }) { return event }
                try? await Task.sleep(for: .milliseconds(10))
            }
            return nil
        }

        /// The text of the first message from `sender` with `text`, waiting for it.
        func message(from sender: String, _ text: String) async -> (text: String, format: TextFormat?)? {
            let event = await first {
                if case .message(sender, text, _, _) = $0 { true } else { false }
            }
            guard case .message(_, let text, let format, _) = event else { return nil }
            return (text, format)
        }
    }

    /// A signed-in account that records its events and (optionally) accepts invitations.
    final class Person: Sendable {
        let email: String
        let client: MessengerClient
        private let events = Mutex<[MessengerEvent]>([])
        private let accepted = Mutex<[ConversationLog]>([])
        private let accepting = Mutex(true)
        private let task = Mutex<Task<Void, Never>?>(nil)

        init(email: String, client: MessengerClient) {
            self.email = email
            self.client = client
            task.withLock { $0 = Task { [weak self] in
                for await event in client.events {
                    guard let self else { return }
                    self.events.withLock { $0.append(event) }
                    if case .conversationInvitation(let invitation) = event, self.accepting.withLock({ $0 }) {
                        if let conversation = try? await client.accept(invitation) {
                            self.accepted.withLock { $0.append(ConversationLog(conversation)) }
                        }
                    }
                }
            } }
        }

        deinit { task.withLock { $0?.cancel() } }

        /// Whether invitations are accepted (otherwise they are ignored: declined).
        var acceptsInvitations: Bool {
            get { accepting.withLock { $0 } }
            set { accepting.withLock { $0 = newValue } }
        }

        var invitations: [ConversationInvitation] {
            events.withLock { $0.compactMap { if case .conversationInvitation(let invitation) = $0 { invitation } else { nil } } }
        }

        /// The `index`-th conversation accepted, waiting for it.
        func conversation(_ index: Int = 0, within timeout: Duration = .seconds(10)) async -> ConversationLog? {
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                if let log = accepted.withLock({ $0.count > index ? $0[index] : nil }) { return log }
                try? await Task.sleep(for: .milliseconds(10))
            }
            return nil
        }

        func close() async { await client.close() }
    }

    /// Creates `email`, signs it in with `dialect` and goes online (`CHG … NLN`).
    static func person(_ email: String, _ dialect: Dialect, on network: TestNetwork,
                       invitationTimeout: Duration = .seconds(10)) async throws -> Person {
        try await network.createAccount(email: email, password: password, legacyMD5: true)
        var configuration = MessengerClient.Configuration(server: try #require(ServerAddress(network.dispatchAddress)))
        configuration.httpBaseURL = network.httpBaseURL
        configuration.dialects = [dialect]
        configuration.timeouts.profile = .seconds(5)
        configuration.conversations.invitationTimeout = invitationTimeout
        let client = MessengerClient(configuration: configuration)
        let person = Person(email: email, client: client)
        try await client.signIn(email: email, password: password)
        let status: [String] = switch dialect.capabilitiesForm {
        case .none: ["NLN"]
        case .decimal: ["NLN", "0"]
        case .decimalPair: ["NLN", "0:0"]
        }
        try await client.send(.chg, arguments: status)
        return person
    }

    static let pairs: [(Dialect, Dialect)] = [
        (.msnp2, .msnp7), (.msnp5, .msnp9), (.msnp8, .msnp12), (.msnp11, .msnp13), (.msnp14, .msnp15),
        (.msnp16, .msnp18), (.msnp7, .msnp18), (.msnp13, .msnp17), (.msnp18, .msnp10),
    ]

    @Test("A chat between two dialects: typing, formatted text both ways, a nudge, leaving", arguments: pairs)
    func chat(_ alicesDialect: Dialect, _ bobsDialect: Dialect) async throws {
        try await TestNetwork.withRunning { network in
            let alice = try await Self.person("alice@example.com", alicesDialect, on: network)
            let bob = try await Self.person("bob@example.com", bobsDialect, on: network)
            let conversation = try await alice.client.startConversation(with: ["bob@example.com"])
            let alicesLog = ConversationLog(conversation)
            #expect(await conversation.participants == ["bob@example.com"])
            let bobsLog = try #require(await bob.conversation())
            #expect(await bobsLog.conversation.participants == ["alice@example.com"])
            #expect(bob.invitations.first?.inviter == "alice@example.com")

            #expect(await conversation.sendTyping())
            #expect(await bobsLog.first { $0 == .typing(sender: "alice@example.com") } != nil)
            let format = TextFormat(fontName: "Comic Sans MS", effects: [.bold, .underline],
                                    color: TextFormat.Color(red: 255, green: 0, blue: 0))
            #expect(try await conversation.send(text: "Hello Bob ✓", format: format) == .delivered)
            let received = await bobsLog.message(from: "alice@example.com", "Hello Bob ✓")
            #expect(received?.format == format)
            #expect(try await bobsLog.conversation.send(text: "Hi alice\nbob here") == .delivered)
            #expect(await alicesLog.message(from: "bob@example.com", "Hi alice\nbob here") != nil)
            #expect(try await conversation.sendNudge() == .delivered)
            #expect(await bobsLog.first { $0 == .nudge(sender: "alice@example.com") } != nil)

            await conversation.leave()
            #expect(await bobsLog.first { $0 == .left("alice@example.com", timedOut: false) } != nil)
            #expect(await bobsLog.first { $0 == .ended(.everyoneLeft) } != nil)
            await alice.close(); await bob.close()
        }
    }

    @Test("Three people: invite a third, everyone hears everyone")
    func threePeople() async throws {
        try await TestNetwork.withRunning { network in
            let alice = try await Self.person("alice@example.com", .msnp18, on: network)
            let bob = try await Self.person("bob@example.com", .msnp11, on: network)
            let carol = try await Self.person("carol@example.com", .msnp15, on: network)
            let conversation = try await alice.client.startConversation(with: ["bob@example.com"])
            let alicesLog = ConversationLog(conversation)
            try await conversation.invite("carol@example.com")
            #expect(await conversation.participants == ["bob@example.com", "carol@example.com"])
            let bobsLog = try #require(await bob.conversation())
            let carolsLog = try #require(await carol.conversation())
            #expect(Set(await carolsLog.conversation.participants) == ["alice@example.com", "bob@example.com"])
            #expect(await bobsLog.first { $0 == .joined("carol@example.com") } != nil)

            #expect(try await conversation.send(text: "hello both") == .delivered)
            #expect(await bobsLog.message(from: "alice@example.com", "hello both") != nil)
            #expect(await carolsLog.message(from: "alice@example.com", "hello both") != nil)
            #expect(try await carolsLog.conversation.send(text: "carol here") == .delivered)
            #expect(await alicesLog.message(from: "carol@example.com", "carol here") != nil)
            #expect(await bobsLog.message(from: "carol@example.com", "carol here") != nil)

            await bobsLog.conversation.leave()
            #expect(await alicesLog.first { $0 == .left("bob@example.com", timedOut: false) } != nil)
            #expect(try await conversation.send(text: "just us") == .delivered)
            #expect(await carolsLog.message(from: "alice@example.com", "just us") != nil)
            await alice.close(); await bob.close(); await carol.close()
        }
    }

    @Test("ACK while the other side reads, NAK once it cannot take more")
    func acknowledgements() async throws {
        try await TestNetwork.withRunning(configure: { $0.connection.outboxCapacity = 2 }) { network in
            let alice = try await Self.person("alice@example.com", .msnp11, on: network)
            let bob = try await Self.person("bob@example.com", .msnp11, on: network)
            bob.acceptsInvitations = false
            let starting = Task { try await alice.client.startConversation(with: ["bob@example.com"]) }
            let deadline = ContinuousClock.now + .seconds(10)
            while bob.invitations.isEmpty, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
            let invitation = try #require(bob.invitations.first)
            // Bob answers from a raw connection that never reads: a participant that stops taking messages.
            let slow = try await LineClient.connect(to: invitation.invitation.address, reads: false, receiveBufferSize: 4096)
            try await slow.send("ANS 1 bob@example.com \(invitation.invitation.cookie) \(invitation.sessionID)")
            let conversation = try await starting.value
            let text = String(repeating: "a slow reader ", count: 100)
            var results: [DeliveryResult] = []
            for _ in 0..<20_000 {
                let result = try await conversation.send(text: text)
                results.append(result)
                if result != .delivered { break }
            }
            #expect(results.first == .delivered)
            // The switchboard NAKs the message it could not queue and drops the slow reader; the
            // NAK and the BYE that follows race on the server, so the send that failed reports
            // whichever the client read first — never `.delivered`.
            #expect([.notDelivered(.rejected), .notDelivered(.switchboardClosed)].contains(results.last))
            await conversation.leave()
            await alice.close(); await bob.close()
        }
    }

    @Test("Messages to someone who left: called back; not answered, then offline")
    func contactLeft() async throws {
        try await TestNetwork.withRunning { network in
            let alice = try await Self.person("alice@example.com", .msnp13, on: network, invitationTimeout: .milliseconds(700))
            let bob = try await Self.person("bob@example.com", .msnp9, on: network)
            let conversation = try await alice.client.startConversation(with: ["bob@example.com"])
            let alicesLog = ConversationLog(conversation)
            let bobsLog = try #require(await bob.conversation())
            bob.acceptsInvitations = false
            await bobsLog.conversation.leave()
            #expect(await alicesLog.first { $0 == .ended(.everyoneLeft) } != nil)
            #expect(try await conversation.send(text: "are you there?") == .notDelivered(.notAnswered))
            // Called back, ignored: the second invitation reaches bob's events on its own time.
            try await eventually("bob sees the call-back") { bob.invitations.count >= 2 }
            #expect(bob.invitations.count == 2)
            await bob.close()
            try await network.waitUntilSignedOut("bob@example.com")
            #expect(try await conversation.send(text: "hello?") == .notDelivered(.contactOffline))
            bob.acceptsInvitations = true
            await alice.close()
        }
    }

    @Test("Signing out ends every open conversation: the others see the leave, later sends say so")
    func signOutEndsConversations() async throws {
        try await TestNetwork.withRunning { network in
            let alice = try await Self.person("alice@example.com", .msnp15, on: network)
            let bob = try await Self.person("bob@example.com", .msnp11, on: network)
            let conversation = try await alice.client.startConversation(with: ["bob@example.com"])
            let alicesLog = ConversationLog(conversation)
            let bobsLog = try #require(await bob.conversation())
            await alice.client.signOut()
            #expect(await alicesLog.first { $0 == .ended(.leftByProgram) } != nil)
            #expect(await bobsLog.first { $0 == .left("alice@example.com", timedOut: false) } != nil)
            #expect(try await conversation.send(text: "after sign-out") == .notDelivered(.conversationEnded))
            await alice.close(); await bob.close()
        }
    }

    @Test("After the switchboard's idle timeout, a send reopens it, calls back, and is delivered")
    func idleReopen() async throws {
        try await TestNetwork.withRunning(configure: { $0.switchboard.idleTimeout = .milliseconds(1500) }) { network in
            let alice = try await Self.person("alice@example.com", .msnp18, on: network)
            let bob = try await Self.person("bob@example.com", .msnp12, on: network)
            let conversation = try await alice.client.startConversation(with: ["bob@example.com"])
            let alicesLog = ConversationLog(conversation)
            let firstLog = try #require(await bob.conversation())
            #expect(await alicesLog.first { $0 == .ended(.idleTimeout) } != nil)
            #expect(alicesLog.all.contains(.left("bob@example.com", timedOut: true)))
            #expect(await firstLog.first { $0 == .ended(.idleTimeout) } != nil)
            #expect(await conversation.isSwitchboardOpen == false)
            #expect(try await conversation.send(text: "still there?") == .delivered)
            let secondLog = try #require(await bob.conversation(1))
            #expect(await secondLog.message(from: "alice@example.com", "still there?") != nil)
            await conversation.leave()
            await alice.close(); await bob.close()
        }
    }

    @Test("A long message goes in chunks under the cap and arrives whole")
    func chunked() async throws {
        try await TestNetwork.withRunning { network in
            let alice = try await Self.person("alice@example.com", .msnp15, on: network)
            let bob = try await Self.person("bob@example.com", .msnp8, on: network)
            let conversation = try await alice.client.startConversation(with: ["bob@example.com"])
            let bobsLog = try #require(await bob.conversation())
            let text = (0..<300).map { "line \($0): ünïcödé ✓" }.joined(separator: "\n")
            #expect(text.utf8.count > 3 * 1664)
            #expect(try await conversation.send(text: text) == .delivered)
            #expect(await bobsLog.message(from: "alice@example.com", text) != nil)
            await conversation.leave()
            await alice.close(); await bob.close()
        }
    }

    @Test("A failed invitation is not called back: later sends still reach the others")
    func failedInvitation() async throws {
        try await TestNetwork.withRunning { network in
            let alice = try await Self.person("alice@example.com", .msnp12, on: network)
            let bob = try await Self.person("bob@example.com", .msnp15, on: network)
            let conversation = try await alice.client.startConversation(with: ["bob@example.com"])
            let bobsLog = try #require(await bob.conversation())
            await #expect { try await conversation.invite("nobody@example.com") } throws: { $0 is MessengerClientError }
            #expect(await conversation.contacts == ["bob@example.com"])
            #expect(try await conversation.send(text: "still just us") == .delivered)
            #expect(await bobsLog.message(from: "alice@example.com", "still just us") != nil)
            await conversation.leave()
            await alice.close(); await bob.close()
        }
    }

    @Test("Calling an offline contact is contactOffline; without sign-in, notSignedIn")
    func refusals() async throws {
        try await TestNetwork.withRunning { network in
            let alice = try await Self.person("alice@example.com", .msnp11, on: network)
            try await network.createAccount(email: "bob@example.com", password: Self.password)
            await #expect { try await alice.client.startConversation(with: ["bob@example.com"]) }
                throws: { ($0 as? MessengerClientError)?.code == .contactOffline }
            await alice.close()
            await #expect { try await alice.client.startConversation(with: ["bob@example.com"]) }
                throws: { ($0 as? MessengerClientError)?.code == .notSignedIn }
        }
    }
}
