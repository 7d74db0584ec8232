import Foundation
import MSNClient
import MSNCore

/// The interactive part of `msn chat`, with no terminal in it: it reads the user's lines from
/// any `AsyncSequence` of strings and writes what happens, one line at a time, to a sink.
///
/// ```swift
/// let session = ChatSession(client: client, output: { print($0) })
/// await session.run(input: lines, opening: "bob@example.com")
/// ```
///
/// ```
/// [21:04:07] bob@example.com is typing…
/// [21:04:09] bob@example.com: are you there?
/// > /nudge
/// [21:04:12] you sent a nudge
/// ```
///
/// Incoming invitations (`RNG`) are accepted on their own and become the current
/// conversation when none is open. Text lines go to the current conversation, preceded by a
/// typing notification (at most one per ``typingInterval``). Events are printed from their own
/// tasks, so messages show up while the user is typing.
actor ChatSession {
    /// Where the lines go. Called from several tasks; the sink serializes.
    let output: @Sendable (String) -> Void
    let client: MessengerClient
    /// The shortest time between two typing notifications sent.
    let typingInterval: Duration
    /// How long one command (open, invite, send) may take before the session says so and goes on.
    let commandTimeout: Duration

    /// The conversation text lines go to.
    var current: Conversation?
    /// Every conversation with its event reader.
    var readers: [ObjectIdentifier: Task<Void, Never>] = [:]
    /// Every conversation, in the order they were opened or answered (`/list` numbers them).
    var conversations: [Conversation] = []
    /// When a typing notification was last sent, per conversation.
    var lastTyping: [ObjectIdentifier: ContinuousClock.Instant] = [:]
    /// When a contact's typing was last shown, so repeats every few seconds do not flood.
    var typingShown: [String: ContinuousClock.Instant] = [:]
    /// How each conversation's last switchboard session ended, until someone joins again.
    var endings: [ObjectIdentifier: ConversationEndReason] = [:]
    var clientReader: Task<Void, Never>?
    var contactsReader: Task<Void, Never>?
    var finished = false

    init(client: MessengerClient, typingInterval: Duration = .seconds(5), commandTimeout: Duration = .seconds(60),
         output: @escaping @Sendable (String) -> Void) {
        self.client = client
        self.typingInterval = typingInterval
        self.commandTimeout = commandTimeout
        self.output = output
    }

    /// Runs until `/quit`, the end of `input`, or the connection is lost; then leaves every
    /// conversation. The client stays signed in (the caller signs out).
    ///
    /// - Parameters:
    ///   - input: the user's lines, without line breaks.
    ///   - contact: a conversation to open first, as `/open` would.
    func run<Input: AsyncSequence & Sendable>(input: Input, opening contact: String? = nil) async
        where Input.Element == String
    {
        startReadingClient()
        if let account = await client.signedInAccount {
            say("signed in as \(account.email) in \(account.dialect); /help lists the commands")
        }
        await showContacts()
        if let contact { await open(contact) }
        do {
            for try await line in input {
                guard !finished else { break }
                await handle(line)
                if finished { break }
            }
        } catch {
            say("input failed: \(error)")
        }
        await finish()
    }

    /// Leaves every conversation and stops reading events.
    func finish() async {
        finished = true
        clientReader?.cancel()
        clientReader = nil
        contactsReader?.cancel()
        contactsReader = nil
        for reader in readers.values { reader.cancel() }
        readers.removeAll()
        let open = conversations
        conversations.removeAll()
        current = nil
        for conversation in open { await conversation.leave() }
    }

    /// Writes one line.
    nonisolated func say(_ line: String) {
        output(line)
    }

    /// Writes one line stamped with the time: `[21:04:09] …`.
    nonisolated func stamped(_ line: String, at date: Date = Date()) {
        output("[\(ChatFormat.time(date))] \(line)")
    }

    /// Makes `conversation` known: reads its events, and makes it current if none is.
    func attach(_ conversation: Conversation, makeCurrent: Bool) {
        let id = ObjectIdentifier(conversation)
        guard readers[id] == nil else { return }
        conversations.append(conversation)
        if makeCurrent || current == nil { current = conversation }
        readers[id] = Task { [weak self] in
            for await event in conversation.events {
                guard let self else { return }
                await self.show(event, in: conversation)
            }
        }
    }
}
