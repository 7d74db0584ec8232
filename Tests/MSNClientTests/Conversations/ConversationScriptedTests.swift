import Foundation
import MSNCore
import Synchronization
import Testing
@testable import MSNClient

/// Conversations of the real client against scripted notification and switchboard servers
/// playing the lines of the Escargot transcripts.
@Suite("Conversation against scripted servers", .timeLimit(.minutes(2)))
struct ConversationScriptedTests {
    typealias Step = ScriptedServer.Step

    /// Reads a conversation's events from one task and lets a test wait for one.
    final class Recorder: Sendable {
        private let seen = Mutex<[ConversationEvent]>([])
        private let task = Mutex<Task<Void, Never>?>(nil)

        init(_ conversation: Conversation) {
            task.withLock { $0 = Task { [weak self] in
                for await event in conversation.events { self?.seen.withLock { $0.append(event) } }
            } }
        }

        deinit { task.withLock { $0?.cancel() } }

        var all: [ConversationEvent] { seen.withLock { $0 } }

        func first(within timeout: Duration = .seconds(5), where predicate: (ConversationEvent) -> Bool) async -> ConversationEvent? {
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                if let event = seen.withLock({ $0.first(where: predicate) }) { return event }
                try? await Task.sleep(for: .milliseconds(10))
            }
            return nil
        }
    }

    /// `MSG sender name length` + payload, as the switchboard relays it.
    static func relayed(_ message: MIMEMessage, from sender: String = "bob@example.com") -> Step {
        let payload = message.text
        return .raw("MSG \(sender) Bob \(payload.utf8.count)\r\n" + payload)
    }

    static func notification(switchboards: [ScriptedServer], extra: [Step] = []) -> [Step] {
        var steps: [Step] = extra
        for (offset, switchboard) in switchboards.enumerated() {
            let id = 4 + offset
            steps += [.expect("XFR \(id) SB"), .reply("XFR \(id) SB 127.0.0.1:\(switchboard.port) CKI cookie\(offset)")]
        }
        return MessengerClientSocketTests.msnp11Login(then: steps)
    }

    static let welcome: [Step] = [
        .expect("USR 1 alice@example.com cookie0"), .reply("USR 1 OK alice@example.com Alice"),
        .expect("CAL 2 bob@example.com"), .reply("CAL 2 RINGING 5be71a94f5ca750e94fcd8a0e96bd75", "JOI bob@example.com Bob"),
    ]

    static func signedIn(_ notification: ScriptedServer, invitationTimeout: Duration = .seconds(5)) async throws -> MessengerClient {
        var configuration = MessengerClientSocketTests.configuration(notification)
        configuration.conversations.invitationTimeout = invitationTimeout
        let client = MessengerClient(configuration: configuration)
        try await client.signIn(email: "alice@example.com", password: "x")
        return client
    }

    @Test("Start, ACK and NAK, incoming text with format, typing, nudge, BYE ends the session")
    func chat() async throws {
        var bold = TextFormat(fontName: "Comic Sans MS", effects: [.bold, .italic], color: TextFormat.Color(red: 255, green: 0, blue: 0))
        bold.charset = 1
        let switchboard = try await ScriptedServer.start([Self.welcome + [
            .expect("MSG 3 A"), .reply("ACK 3"),
            .expect("MSG 4 A"), .reply("NAK 4"),
            Self.relayed(.typingNotification(from: "bob@example.com")),
            Self.relayed(.text("Hi\r\nalice", format: bold)),
            Self.relayed(.nudge),
            .reply("BYE bob@example.com"),
        ]])
        let notification = try await ScriptedServer.start([Self.notification(switchboards: [switchboard])])
        let client = try await Self.signedIn(notification)
        let conversation = try await client.startConversation(with: ["bob@example.com"])
        let events = Recorder(conversation)
        #expect(await conversation.participants == ["bob@example.com"])
        #expect(try await conversation.send(text: "Hello Bob") == .delivered)
        #expect(try await conversation.send(text: "again", format: bold) == .notDelivered(.rejected))
        let message = await events.first { if case .message = $0 { true } else { false } }
        guard case .message(let sender, let text, let format, _) = message else { Issue.record("\(events.all)"); return }
        #expect(sender == "bob@example.com")
        #expect(text == "Hi\nalice")
        #expect(format == bold)
        #expect(await events.first { $0 == .typing(sender: "bob@example.com") } != nil)
        #expect(await events.first { $0 == .nudge(sender: "bob@example.com") } != nil)
        #expect(await events.first { $0 == .ended(.everyoneLeft) } != nil)
        #expect(events.all.contains(.left("bob@example.com", timedOut: false)))
        #expect(await conversation.participants.isEmpty)
        let sent = switchboard.received
        #expect(sent.contains { $0.hasPrefix("MSG 3 A 1") && $0.contains("X-MMS-IM-Format: FN=Segoe%20UI; EF=; CO=0; CS=0; PF=22") })
        #expect(sent.contains { $0.hasPrefix("MSG 4 A") && $0.contains("FN=Comic%20Sans%20MS; EF=BI; CO=ff; CS=1") })
        await conversation.leave()
        #expect(try await conversation.send(text: "late") == .notDelivered(.conversationEnded))
        await client.close()
        await switchboard.stop(); await notification.stop()
    }

    @Test("Typing is MSG U; a nudge is a datacast with A")
    func typingAndNudge() async throws {
        let switchboard = try await ScriptedServer.start([Self.welcome + [
            .expect("MSG 3 U"), .expect("MSG 4 A"), .reply("ACK 4"),
        ]])
        let notification = try await ScriptedServer.start([Self.notification(switchboards: [switchboard])])
        let client = try await Self.signedIn(notification)
        let conversation = try await client.startConversation(with: ["bob@example.com"])
        #expect(await conversation.sendTyping())
        #expect(try await conversation.sendNudge() == .delivered)
        let sent = switchboard.received
        #expect(sent.contains { $0.hasPrefix("MSG 3 U 90|") && $0.contains("TypingUser: alice@example.com") })
        #expect(sent.contains { $0.hasPrefix("MSG 4 A") && $0.contains("text/x-msnmsgr-datacast") && $0.contains("ID: 1") })
        await conversation.leave()
        await client.close()
        await switchboard.stop(); await notification.stop()
    }

    @Test("CAL answered 217 is contactOffline")
    func offline() async throws {
        let switchboard = try await ScriptedServer.start([[
            .expect("USR 1"), .reply("USR 1 OK alice@example.com Alice"), .expect("CAL 2 bob@example.com"), .reply("217 2"),
        ]])
        let notification = try await ScriptedServer.start([Self.notification(switchboards: [switchboard])])
        let client = try await Self.signedIn(notification)
        await #expect { try await client.startConversation(with: ["bob@example.com"]) }
            throws: { ($0 as? MessengerClientError)?.code == .contactOffline && ($0 as? MessengerClientError)?.serverErrorCode == ErrorCode(217) }
        await client.close()
        await switchboard.stop(); await notification.stop()
    }

    @Test("XFR refused, USR refused, and not signed in are typed errors")
    func refused() async throws {
        let notification = try await ScriptedServer.start([MessengerClientSocketTests.msnp11Login(then: [
            .expect("XFR 4 SB"), .reply("913 4"),
        ])])
        let client = try await Self.signedIn(notification)
        await #expect { try await client.startConversation(with: ["bob@example.com"]) }
            throws: { ($0 as? MessengerClientError)?.code == .switchboardRefused && ($0 as? MessengerClientError)?.serverErrorCode == ErrorCode(913) }
        await client.close()
        await notification.stop()

        let switchboard = try await ScriptedServer.start([[.expect("USR 1"), .reply("911 1"), .close]])
        let second = try await ScriptedServer.start([Self.notification(switchboards: [switchboard])])
        let other = try await Self.signedIn(second)
        await #expect { try await other.startConversation(with: ["bob@example.com"]) }
            throws: { ($0 as? MessengerClientError)?.code == .switchboardRefused }
        await other.close()
        await switchboard.stop(); await second.stop()

        let offline = MessengerClient(configuration: MessengerClientSocketTests.configuration(second))
        await #expect { try await offline.startConversation(with: ["bob@example.com"]) }
            throws: { ($0 as? MessengerClientError)?.code == .notSignedIn }
        await offline.close()
    }

    @Test("After an idle close the next send opens a new switchboard, calls back, and is delivered")
    func reopen() async throws {
        let first = try await ScriptedServer.start([Self.welcome + [.reply("BYE bob@example.com 1"), .close]])
        let second = try await ScriptedServer.start([[
            .expect("USR 1 alice@example.com cookie1"), .reply("USR 1 OK alice@example.com Alice"),
            .expect("CAL 2 bob@example.com"), .reply("CAL 2 RINGING 77", "JOI bob@example.com Bob"),
            .expect("MSG 3 A"), .reply("ACK 3"),
        ]])
        let notification = try await ScriptedServer.start([Self.notification(switchboards: [first, second])])
        let client = try await Self.signedIn(notification)
        let conversation = try await client.startConversation(with: ["bob@example.com"])
        let events = Recorder(conversation)
        #expect(await events.first { $0 == .ended(.idleTimeout) } != nil)
        #expect(events.all.contains(.left("bob@example.com", timedOut: true)))
        #expect(await conversation.isSwitchboardOpen == false)
        #expect(try await conversation.send(text: "still there?") == .delivered)
        #expect(await conversation.participants == ["bob@example.com"])
        #expect(second.received.contains { $0.hasPrefix("MSG 3 A") && $0.hasSuffix("still there?") })
        await conversation.leave()
        await client.close()
        await first.stop(); await second.stop(); await notification.stop()
    }

    @Test("Reopening when the contact went offline: notDelivered(.contactOffline); nobody answers: .notAnswered")
    func reopenFails() async throws {
        let first = try await ScriptedServer.start([Self.welcome + [.reply("BYE bob@example.com"), .close]])
        let second = try await ScriptedServer.start([[
            .expect("USR 1"), .reply("USR 1 OK alice@example.com Alice"), .expect("CAL 2 bob@example.com"), .reply("217 2"),
        ]])
        let third = try await ScriptedServer.start([[
            .expect("USR 1"), .reply("USR 1 OK alice@example.com Alice"), .expect("CAL 2 bob@example.com"), .reply("CAL 2 RINGING 9"),
        ]])
        let notification = try await ScriptedServer.start([Self.notification(switchboards: [first, second, third])])
        let client = try await Self.signedIn(notification, invitationTimeout: .milliseconds(300))
        let conversation = try await client.startConversation(with: ["bob@example.com"])
        let events = Recorder(conversation)
        #expect(await events.first { $0 == .ended(.everyoneLeft) } != nil)
        #expect(try await conversation.send(text: "hello?") == .notDelivered(.contactOffline))
        #expect(try await conversation.send(text: "hello??") == .notDelivered(.notAnswered))
        await conversation.leave()
        await client.close()
        await first.stop(); await second.stop(); await third.stop(); await notification.stop()
    }

    @Test("Long text goes out in chunks, each acknowledged")
    func chunked() async throws {
        let switchboard = try await ScriptedServer.start([Self.welcome + [
            .expect("MSG 3 A"), .reply("ACK 3"), .expect("MSG 4 A"), .reply("ACK 4"), .expect("MSG 5 A"), .reply("ACK 5"),
        ]])
        let notification = try await ScriptedServer.start([Self.notification(switchboards: [switchboard])])
        let client = try await Self.signedIn(notification)
        let conversation = try await client.startConversation(with: ["bob@example.com"])
        let text = String(repeating: "abcdefghij", count: 400)
        #expect(try await conversation.send(text: text) == .delivered)
        let messages = switchboard.received.filter { $0.hasPrefix("MSG") }
        #expect(messages.count == 3)
        #expect(messages[0].contains("Chunks: 3"))
        #expect(messages[1].contains("Chunk: 1") && messages[2].contains("Chunk: 2"))
        for line in messages {
            let length = Int(line.split(separator: "|")[0].split(separator: " ").last!)!
            #expect(length <= 1664)
        }
        await conversation.leave()
        await client.close()
        await switchboard.stop(); await notification.stop()
    }

    @Test("Chunked parts from the switchboard arrive as one message")
    func receiveChunks() async throws {
        let text = String(repeating: "0123456789 ✓ ", count: 300)
        let parts = try #require(MIMEMessage.text(text).chunked(messageID: "{8C8A3F4E-1B2C-4D5E-9F60-718293A4B5C6}"))
        #expect(parts.count == 3)
        let switchboard = try await ScriptedServer.start([Self.welcome + parts.map { Self.relayed($0) }])
        let notification = try await ScriptedServer.start([Self.notification(switchboards: [switchboard])])
        let client = try await Self.signedIn(notification)
        let conversation = try await client.startConversation(with: ["bob@example.com"])
        let events = Recorder(conversation)
        let message = await events.first { if case .message = $0 { true } else { false } }
        guard case .message(let sender, let received, _, _) = message else { Issue.record("\(events.all)"); return }
        #expect(sender == "bob@example.com")
        #expect(received == text)
        #expect(events.all.filter { if case .message = $0 { true } else { false } }.count == 1)
        await conversation.leave()
        await client.close()
        await switchboard.stop(); await notification.stop()
    }

    @Test("RNG is an invitation event; accept answers with ANS and takes the IRO list")
    func invitation() async throws {
        let switchboard = try await ScriptedServer.start([[
            .expect("ANS 1 alice@example.com 250068911be19f1e6a5b 5be71a94f5ca750e94fcd8a0e96bd75"),
            .reply("IRO 1 1 2 bob@example.com Bob", "IRO 1 2 2 carol@example.com Carol", "ANS 1 OK"),
            Self.relayed(.text("welcome")),
        ]])
        let notification = try await ScriptedServer.start([MessengerClientSocketTests.msnp11Login(then: [
            .sleep(.milliseconds(200)),
            .reply("RNG 5be71a94f5ca750e94fcd8a0e96bd75 127.0.0.1:\(switchboard.port) CKI 250068911be19f1e6a5b bob@example.com Bob%20B"),
        ])])
        let client = MessengerClient(configuration: MessengerClientSocketTests.configuration(notification))
        let clientEvents = EventRecorder(client)
        try await client.signIn(email: "alice@example.com", password: "x")
        let event = await clientEvents.first { if case .conversationInvitation = $0 { true } else { false } }
        guard case .conversationInvitation(let invitation) = event else { Issue.record("\(clientEvents.events)"); return }
        #expect(invitation.inviter == "bob@example.com")
        #expect(invitation.inviterName == "Bob B")
        let conversation = try await client.accept(invitation)
        #expect(await conversation.participants == ["bob@example.com", "carol@example.com"])
        let events = Recorder(conversation)
        let message = await events.first { if case .message = $0 { true } else { false } }
        guard case .message(_, let text, _, _) = message else { Issue.record("\(events.all)"); return }
        #expect(text == "welcome")
        await conversation.leave()
        await client.close()
        await switchboard.stop(); await notification.stop()
    }
}
