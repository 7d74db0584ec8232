import Foundation
import MSNClient
import MSNCore
import MSNTestSupport
import Testing
@testable import msn

/// `msn chat`'s session driven by scripted lines against a real network, with a real client
/// on the other side.
@Suite("msn chat session", .timeLimit(.minutes(2)))
struct ChatSessionTests {
    /// A running session: feed it lines, read what it printed.
    struct Running {
        let input: AsyncStream<String>.Continuation
        let output: LineLog
        let task: Task<Void, Never>

        func type(_ line: String) { input.yield(line) }

        /// Waits (bounded) for the session to end.
        func ended(within timeout: Duration = .seconds(15)) async -> Bool {
            await withTaskGroup(of: Bool.self) { group in
                group.addTask { await task.value; return true }
                group.addTask { try? await Task.sleep(for: timeout); return false }
                let first = await group.next() ?? false
                group.cancelAll()
                return first
            }
        }
    }

    static func start(_ client: MessengerClient, opening contact: String?) -> Running {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self)
        let output = LineLog()
        let session = ChatSession(client: client, output: { output.append($0) })
        let task = Task { await session.run(input: stream, opening: contact) }
        return Running(input: continuation, output: output, task: task)
    }

    @Test("Messages both ways, typing shown and sent, a nudge, /help, /quit",
          arguments: [(Dialect.msnp15, Dialect.msnp8), (.msnp18, .msnp11)])
    func conversation(_ alicesDialect: Dialect, _ bobsDialect: Dialect) async throws {
        try await TestNetwork.withRunning { network in
            let bob = AcceptingPeer(try await CLITestSupport.signedIn("bob@example.com", bobsDialect, on: network))
            let alice = try await CLITestSupport.signedIn("alice@example.com", alicesDialect, on: network)
            let chat = Self.start(alice, opening: "bob@example.com")
            #expect(await chat.output.line(containing: "talking to bob@example.com now") != nil)
            #expect(await chat.output.line(containing: "bob@example.com joined the conversation") != nil)
            let (bobsConversation, bobsLog) = try #require(await bob.conversation())

            chat.type("hello bob")
            #expect(await bobsLog.first(within: .seconds(10)) { $0 == .typing(sender: "alice@example.com") } != nil)
            #expect(await bobsLog.first(within: .seconds(10)) {
                if case .message("alice@example.com", "hello bob", _, _) = $0 { true } else { false }
            } != nil)
            #expect(await chat.output.line(containing: "you: hello bob") != nil)

            #expect(await bobsConversation.sendTyping())
            let typing = try #require(await chat.output.line(containing: "bob@example.com is typing"))
            #expect(typing.hasPrefix("["))
            #expect(try await bobsConversation.send(text: "hi alice\nsecond line") == .delivered)
            let message = try #require(await chat.output.line(containing: "bob@example.com: hi alice"))
            #expect(message.range(of: #"^\[\d\d:\d\d:\d\d\] "#, options: .regularExpression) != nil)
            #expect(await chat.output.line(containing: "second line") != nil)

            chat.type("/nudge")
            #expect(await bobsLog.first(within: .seconds(10)) { $0 == .nudge(sender: "alice@example.com") } != nil)
            #expect(await chat.output.line(containing: "you sent a nudge") != nil)
            #expect(try await bobsConversation.sendNudge() == .delivered)
            #expect(await chat.output.line(containing: "bob@example.com sent you a nudge") != nil)

            chat.type("/help")
            #expect(await chat.output.line(containing: "/invite EMAIL") != nil)
            chat.type("/frobnicate")
            #expect(await chat.output.line(containing: "unknown command /frobnicate") != nil)

            chat.type("/quit")
            #expect(await chat.ended())
            #expect(await bobsLog.first(within: .seconds(10)) { $0 == .left("alice@example.com", timedOut: false) } != nil)
            await alice.close()
            await bob.close()
        }
    }

    @Test("An incoming invitation is accepted and said so; text then goes to that conversation")
    func incomingInvitation() async throws {
        try await TestNetwork.withRunning { network in
            let alice = try await CLITestSupport.signedIn("alice@example.com", .msnp13, on: network)
            let bob = try await CLITestSupport.signedIn("bob@example.com", .msnp9, on: network)
            let chat = Self.start(alice, opening: nil)
            chat.type("nobody to talk to")
            #expect(await chat.output.line(containing: "no conversation open") != nil)

            let conversation = try await bob.startConversation(with: ["alice@example.com"])
            let bobsLog = EventRecorder(conversation.events)
            #expect(await chat.output.line(containing: "bob@example.com invited you; accepted") != nil)
            #expect(try await conversation.send(text: "knock knock") == .delivered)
            #expect(await chat.output.line(containing: "bob@example.com: knock knock") != nil)
            chat.type("who's there?")
            #expect(await bobsLog.first(within: .seconds(10)) {
                if case .message("alice@example.com", "who's there?", _, _) = $0 { true } else { false }
            } != nil)

            chat.type("/status away")
            #expect(await chat.output.line(containing: "your status is now away") != nil)
            chat.input.finish()
            #expect(await chat.ended())
            await alice.close()
            await bob.close()
        }
    }

    @Test("/open to someone offline says why; /invite without a conversation asks for /open")
    func refusals() async throws {
        try await TestNetwork.withRunning { network in
            let alice = try await CLITestSupport.signedIn("alice@example.com", .msnp11, on: network)
            try await network.createAccount(email: "carol@example.com", password: CLITestSupport.password)
            let chat = Self.start(alice, opening: nil)
            chat.type("/invite carol@example.com")
            #expect(await chat.output.line(containing: "no conversation open") != nil)
            chat.type("/open carol@example.com")
            #expect(await chat.output.line(containing: "could not open a conversation with carol@example.com") != nil)
            chat.type("/status sideways")
            #expect(await chat.output.line(containing: "usage: /status") != nil)
            chat.type("/quit")
            #expect(await chat.ended())
            await alice.close()
        }
    }

    @Test("Contacts with presence, presence changes, /status, /psm, a request and /add")
    func contacts() async throws {
        try await TestNetwork.withRunning { network in
            let alice = try await CLITestSupport.signedIn("alice@example.com", .msnp15, on: network)
            let bob = try await CLITestSupport.signedIn("bob@example.com", .msnp11, on: network)
            let bobsNews = EventRecorder(ClientContactsAdapter.contactNews(of: bob))
            try await alice.addContact("bob@example.com")
            #expect(await bobsNews.first(within: .seconds(10)) { $0 == .request(from: "alice@example.com") } != nil)
            try await bob.acceptRequest(from: "alice@example.com")
            #expect(await bobsNews.first(within: .seconds(10)) { $0 == .presence(email: "alice@example.com", status: .online) } != nil)

            let chat = Self.start(alice, opening: nil)
            #expect(await chat.output.line(containing: "contacts (1):") != nil)
            #expect(await chat.output.line(containing: "  bob@example.com  online") != nil)

            try await bob.setStatus(.away)
            #expect(await chat.output.line(containing: "bob@example.com is now away") != nil)
            chat.type("/contacts")
            #expect(await chat.output.line(containing: "  bob@example.com  away") != nil)

            chat.type("/status busy")
            #expect(await chat.output.line(containing: "your status is now busy") != nil)
            #expect(await bobsNews.first(within: .seconds(10)) { $0 == .presence(email: "alice@example.com", status: .busy) } != nil)
            chat.type("/psm at the lab")
            #expect(await chat.output.line(containing: "your personal message is now “at the lab”") != nil)
            #expect(await bobsNews.first(within: .seconds(10)) {
                $0 == .personalMessage(email: "alice@example.com", text: "at the lab")
            } != nil)

            chat.type("/name Alice in the lab")
            #expect(await chat.output.line(containing: "your name is now “Alice in the lab”") != nil)
            #expect(await alice.signedInAccount?.friendlyName == "Alice in the lab")
            chat.type("/name")
            #expect(await chat.output.line(containing: "usage: /name NAME") != nil)

            let carol = try await CLITestSupport.signedIn("carol@example.com", .msnp8, on: network)
            try await carol.addContact("alice@example.com")
            #expect(await chat.output.line(containing: "carol@example.com added you to their contact list") != nil)
            chat.type("/add carol@example.com")
            #expect(await chat.output.line(containing: "added carol@example.com to your contact list") != nil)
            chat.type("/contacts")
            #expect(await chat.output.line(containing: "contacts (2):") != nil)

            chat.type("/quit")
            #expect(await chat.ended())
            bobsNews.stop()
            await alice.close(); await bob.close(); await carol.close()
        }
    }

    /// Bob and carol signed in and accepting every invitation; alice (MSNP18) in `msn chat`,
    /// which has opened a conversation with bob.
    static func talkingToBob(_ network: TestNetwork, bob bobsDialect: Dialect, carol carolsDialect: Dialect)
        async throws -> (alice: MessengerClient, bob: AcceptingPeer, carol: AcceptingPeer, chat: Running) {
        let bob = AcceptingPeer(try await CLITestSupport.signedIn("bob@example.com", bobsDialect, on: network))
        let carol = AcceptingPeer(try await CLITestSupport.signedIn("carol@example.com", carolsDialect, on: network))
        let alice = try await CLITestSupport.signedIn("alice@example.com", .msnp18, on: network)
        let chat = start(alice, opening: "bob@example.com")
        #expect(await chat.output.line(containing: "talking to bob@example.com now") != nil)
        return (alice, bob, carol, chat)
    }

    @Test("/invite brings a third person in; everyone hears the next line")
    func invite() async throws {
        try await TestNetwork.withRunning { network in
            let (alice, bob, carol, chat) = try await Self.talkingToBob(network, bob: .msnp12, carol: .msnp17)
            chat.type("/invite carol@example.com")
            #expect(await chat.output.line(containing: "carol@example.com joined the conversation") != nil)
            chat.type("hello both")
            let (_, bobsLog) = try #require(await bob.conversation())
            let (carolsConversation, carolsLog) = try #require(await carol.conversation())
            for log in [bobsLog, carolsLog] {
                #expect(await log.first(within: .seconds(10)) {
                    if case .message("alice@example.com", "hello both", _, _) = $0 { true } else { false }
                } != nil)
            }
            #expect(try await carolsConversation.send(text: "carol here") == .delivered)
            #expect(await chat.output.line(containing: "carol@example.com: carol here") != nil)
            chat.type("/quit")
            #expect(await chat.ended())
            await alice.close(); await bob.close(); await carol.close()
        }
    }

    @Test("/list numbers the conversations; /switch by number or address moves the text there")
    func switchBetweenConversations() async throws {
        try await TestNetwork.withRunning { network in
            let (alice, bob, carol, chat) = try await Self.talkingToBob(network, bob: .msnp11, carol: .msnp15)
            chat.type("/open carol@example.com")
            #expect(await chat.output.line(containing: "talking to carol@example.com now") != nil)
            #expect(await chat.output.line(containing: "carol@example.com joined the conversation") != nil)
            let (_, bobsLog) = try #require(await bob.conversation())
            let (_, carolsLog) = try #require(await carol.conversation())

            chat.type("/list")
            #expect(await chat.output.line(containing: "  1  bob@example.com") != nil)
            #expect(await chat.output.line(containing: "* 2  carol@example.com") != nil)
            chat.type("for carol")
            chat.type("/switch 1")
            #expect(await chat.output.line(containing: "talking to bob@example.com now") != nil)
            chat.type("for bob")
            chat.type("/switch carol@example.com")
            chat.type("carol again")
            chat.type("/switch 3")
            #expect(await chat.output.line(containing: "no conversation 3; /list shows 2") != nil)
            chat.type("/switch dave@example.com")
            #expect(await chat.output.line(containing: "no conversation with dave@example.com") != nil)

            func texts(_ log: EventRecorder<ConversationEvent>, count: Int) async -> [String] {
                var seen: [String] = []
                while seen.count < count, let event = await log.first(within: .seconds(10), where: {
                    if case .message(_, let text, _, _) = $0 { !seen.contains(text) } else { false }
                }) {
                    if case .message(_, let text, _, _) = event { seen.append(text) }
                }
                return seen
            }
            #expect(await texts(carolsLog, count: 2) == ["for carol", "carol again"])
            #expect(await texts(bobsLog, count: 1) == ["for bob"])
            chat.type("/quit")
            #expect(await chat.ended())
            await alice.close(); await bob.close(); await carol.close()
        }
    }
}
