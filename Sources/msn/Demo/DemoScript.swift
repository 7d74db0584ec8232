import Foundation
import Logging
import MSNClient
import MSNCore
import Synchronization

/// What `msn demo` does, step by step, each told in one line to `say`: a whole network
/// in-process, two accounts in two dialects, a traced sign-in, contacts, presence, a chat
/// with typing, text and a nudge, sign-out and shutdown.
///
/// ```swift
/// try await DemoScript(say: { print($0) }).run()
/// ```
/// Every step has a time limit; the first that fails ends the demo with ``DemoFailure``.
struct DemoScript: Sendable {
    /// Signs in traced, in the tutorial's dialect.
    var first = DemoPerson(email: "alice@example.com", name: "Alice", password: "alice-demo-1",
                           dialect: .msnp13, legacyMD5: false)
    /// Signs in with another dialect; keeps an MD5 secret so MSNP2–7 work too.
    var second = DemoPerson(email: "bob@example.com", name: "Bob", password: "bob-demo-1",
                            dialect: .msnp8, legacyMD5: true)
    /// The longest any one step may take.
    var stepTimeout: Duration = .seconds(20)
    /// PBKDF2 iterations of the demo accounts (low: the demo is not about hashing).
    var passwordIterations = 10_000
    /// Print the first sign-in line by line.
    var tracesSignIn = true
    /// Where each narrated line goes.
    let say: @Sendable (String) -> Void

    init(say: @escaping @Sendable (String) -> Void) {
        self.say = say
    }

    /// Runs the whole demo.
    ///
    /// - Throws: ``DemoFailure`` naming the step that failed.
    func run() async throws(DemoFailure) {
        let started = ContinuousClock.now
        do {
            try await EmbeddedNetwork.withNetwork(passwordIterations: passwordIterations) { network in
                say("• network up on 127.0.0.1: dispatch \(network.dispatch.port), notification \(network.notification.port), "
                    + "switchboard \(network.switchboard.split(separator: ":").last ?? ""), HTTP \(network.httpBaseURL); "
                    + "data in \(network.dataDirectory.path)")
                try await chat(on: network)
            }
        } catch let failure as DemoFailure {
            throw failure
        } catch {
            throw DemoFailure(step: "network", reason: "\(error)")
        }
        let elapsed = ContinuousClock.now - started
        let tenths = elapsed.components.seconds * 10 + elapsed.components.attoseconds / 100_000_000_000_000_000
        say("• network shut down, temporary data removed; the demo took \(tenths / 10).\(tenths % 10) s")
    }

    /// Everything between the network's start and its shutdown.
    private func chat(on network: EmbeddedNetwork.Running) async throws(DemoFailure) {
        try await step("create the accounts") {
            for person in [first, second] {
                _ = try await network.store.createAccount(email: person.email, displayName: person.name,
                                                          password: person.password, legacyMD5: person.legacyMD5)
            }
        }
        say("• created \(first.email) (\(first.name)) and \(second.email) (\(second.name), with the MD5 secret MSNP2–7 logins need)")

        let tracing = TraceSwitch(on: tracesSignIn)
        let say = say
        let alice = makeClient(first, network: network, trace: { record in
            guard tracing.isOn else { return }
            for line in record.printedLines { say("    " + line) }
        })
        let bob = makeClient(second, network: network, trace: nil)
        do {
            try await chat(alice, bob, tracing: tracing)
        } catch {
            await alice.close()
            await bob.close()
            throw error
        }
        await alice.close()
        await bob.close()
    }

    private func chat(_ alice: MessengerClient, _ bob: MessengerClient, tracing: TraceSwitch) async throws(DemoFailure) {

        if tracesSignIn { say("• \(first.email) signs in with \(first.dialect), the tutorial's exchange line by line (>>> sent, <<< received):") }
        let aliceAccount = try await step("sign in \(first.email)") { try await alice.signIn(email: first.email, password: first.password) }
        tracing.isOn = false
        say("• \(aliceAccount.email) signed in with \(aliceAccount.dialect)")

        // Bob answers every ring (RNG) with ANS, as a messenger window would.
        let (accepted, acceptedContinuation) = AsyncStream.makeStream(of: Conversation.self)
        let acceptedLog = EventRecorder(accepted)
        let invitations = EventRecorder(bob.events, onEach: { event in
            guard case .conversationInvitation(let ring) = event, let conversation = try? await bob.accept(ring) else { return }
            acceptedContinuation.yield(conversation)
        })
        let bobsNews = EventRecorder(ClientContactsAdapter.contactNews(of: bob))
        let alicesNews = EventRecorder(ClientContactsAdapter.contactNews(of: alice))
        let bobAccount = try await step("sign in \(second.email)") { try await bob.signIn(email: second.email, password: second.password) }
        say("• \(bobAccount.email) signed in with \(bobAccount.dialect), a different dialect")

        try await step("go online") {
            try await ClientContactsAdapter.setStatus(.online, on: alice)
            try await ClientContactsAdapter.setStatus(.online, on: bob)
        }
        try await step("\(first.email) adds \(second.email)") {
            try await ClientContactsAdapter.addContact(second.email, on: alice)
        }
        say("• \(first.email) added \(second.email) to the contact list")
        try await wait(for: "\(second.email) to see the request", in: bobsNews) { $0 == .request(from: first.email) }
        try await step("\(second.email) accepts") {
            try await ClientContactsAdapter.acceptRequest(from: first.email, on: bob)
        }
        say("• \(second.email) saw the request from \(first.email) and added them back")
        try await wait(for: "\(first.email) to see \(second.email) online", in: alicesNews) {
            $0 == .presence(email: second.email, status: .online)
        }
        try await wait(for: "\(second.email) to see \(first.email) online", in: bobsNews) {
            $0 == .presence(email: first.email, status: .online)
        }
        say("• both are online and see each other's presence (NLN)")

        let conversation = try await step("open a conversation") { try await alice.startConversation(with: [second.email]) }
        let bobsConversation = try await wait(for: "\(second.email) to accept the invitation", in: acceptedLog) { _ in true }
        let bobsLog = EventRecorder(bobsConversation.events)
        let alicesLog = EventRecorder(conversation.events)
        say("• \(first.email) opened a switchboard conversation; \(second.email) was rung (RNG) and joined (ANS)")

        try await step("send a typing notification") {
            guard await conversation.sendTyping() else { throw DemoFailure(step: "typing", reason: "nobody on the switchboard") }
        }
        try await wait(for: "\(second.email) to see the typing notification", in: bobsLog) { $0 == .typing(sender: first.email) }
        say("• \(second.email) sees “\(first.email) is typing…”")

        let hello = "Hi Bob! This is \(aliceAccount.dialect) talking to \(bobAccount.dialect)."
        try await deliver(hello, from: conversation, sender: first.email, to: bobsLog, recipient: second.email)
        let reply = "Hi Alice, loud and clear."
        try await deliver(reply, from: bobsConversation, sender: second.email, to: alicesLog, recipient: first.email)

        let nudged = try await step("send a nudge") { try await conversation.sendNudge() }
        guard nudged == .delivered else { throw DemoFailure(step: "nudge", reason: "\(nudged)") }
        try await wait(for: "\(second.email) to feel the nudge", in: bobsLog) { $0 == .nudge(sender: first.email) }
        say("• \(first.email) nudged \(second.email): delivered, and \(second.email)'s window shook")

        await conversation.leave()
        try await wait(for: "\(second.email) to see \(first.email) leave", in: bobsLog) { $0 == .left(first.email, timedOut: false) }
        await bobsConversation.leave()
        await alice.signOut()
        try await wait(for: "\(second.email) to see \(first.email) go offline", in: bobsNews) {
            $0 == .presence(email: first.email, status: nil)
        }
        await bob.signOut()
        say("• both left the conversation (BYE) and signed out (OUT); \(second.email) saw \(first.email) go offline (FLN)")
        invitations.stop(); acceptedLog.stop(); bobsNews.stop(); alicesNews.stop(); bobsLog.stop(); alicesLog.stop()
    }

    /// Sends `text`, checks the `ACK`, and waits for the other side to receive it.
    private func deliver(_ text: String, from conversation: Conversation, sender: String,
                         to log: EventRecorder<ConversationEvent>, recipient: String) async throws(DemoFailure) {
        let result = try await step("send a message from \(sender)") { try await conversation.send(text: text) }
        guard result == .delivered else { throw DemoFailure(step: "message from \(sender)", reason: "\(result)") }
        let received = try await wait(for: "\(recipient) to receive the message", in: log) {
            if case .message(sender, text, _, _) = $0 { true } else { false }
        }
        guard case .message(_, _, _, let date) = received else { return }
        say("• \(sender) → \(recipient): “\(text)” delivered (ACK), received at \(ChatFormat.time(date))")
    }

    private func makeClient(_ person: DemoPerson, network: EmbeddedNetwork.Running,
                            trace: (@Sendable (TraceRecord) -> Void)?) -> MessengerClient {
        var configuration = MessengerClient.Configuration(server: network.dispatch)
        configuration.httpBaseURL = network.httpBaseURL
        configuration.dialects = [person.dialect]
        configuration.trace = trace
        configuration.timeouts.reply = stepTimeout
        configuration.conversations.invitationTimeout = stepTimeout
        return MessengerClient(configuration: configuration,
                               logger: Logger(label: "msn.demo", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// Runs one step within ``stepTimeout``.
    private func step<Value: Sendable>(_ name: String, _ body: @escaping @Sendable () async throws -> Value)
        async throws(DemoFailure) -> Value
    {
        let limit = stepTimeout
        do {
            return try await withThrowingTaskGroup(of: Value?.self) { group in
                group.addTask { try await body() }
                group.addTask {
                    try await Task.sleep(for: limit)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let value = first else {
                    throw DemoFailure(step: name, reason: "no answer within \(limit)")
                }
                return value
            }
        } catch let failure as DemoFailure {
            throw failure
        } catch {
            throw DemoFailure(step: name, reason: "\(error)")
        }
    }

    /// Waits for an item of `log` matching `predicate`, within ``stepTimeout``.
    @discardableResult
    private func wait<Element>(for what: String, in log: EventRecorder<Element>, _ predicate: (Element) -> Bool)
        async throws(DemoFailure) -> Element
    {
        guard let item = await log.first(within: stepTimeout, where: predicate) else {
            throw DemoFailure(step: "wait for \(what)", reason: "it did not happen within \(stepTimeout)")
        }
        return item
    }
}

/// The step of `msn demo` that failed, and why.
struct DemoFailure: Error, CustomStringConvertible {
    var step: String
    var reason: String
    var description: String { "\(step): \(reason)" }
}

/// Turns the demo's trace off once the traced sign-in is done.
final class TraceSwitch: Sendable {
    private let state: Mutex<Bool>
    init(on: Bool) { state = Mutex(on) }
    var isOn: Bool {
        get { state.withLock { $0 } }
        set { state.withLock { $0 = newValue } }
    }
}
