import Foundation
import Logging
import MSNCore

/// A chat with one or more contacts over a switchboard, with delivery results you can trust.
///
/// ```swift
/// let conversation = try await client.startConversation(with: ["bob@example.com"])
/// let result = try await conversation.send(text: "Hello Bob", format: TextFormat(effects: .bold))
/// if result == .delivered { print("Bob has it") }
/// for await event in conversation.events {
///     if case .message(let sender, let text, _, _) = event { print("\(sender): \(text)") }
/// }
/// ```
///
/// ```
/// NS C: XFR 8 SB                       NS S: XFR 8 SB 127.0.0.1:1864 CKI c1b42040841307ddfc1f
/// SB C: USR 1 alice@example.com c1b42040841307ddfc1f    SB S: USR 1 OK alice@example.com Alice
/// SB C: CAL 2 bob@example.com          SB S: CAL 2 RINGING 11752013
///                                      SB S: JOI bob@example.com Bob
/// SB C: MSG 3 A 161 …                  SB S: ACK 3
/// ```
///
/// A conversation outlives its switchboard: when the switchboard closes (everyone left, or
/// the server closed it for idling), the next send opens a new one, calls the participants
/// again, and then sends; the result says whether the message really arrived. Sends are
/// serialized in call order. Call ``leave()`` when done.
public actor Conversation {
    /// What happens in the conversation: messages, typing, nudges, joins, leaves.
    public nonisolated let events: ConversationEvents

    let eventContinuation: AsyncStream<ConversationEvent>.Continuation
    let client: MessengerClient
    /// The client's account, lower-cased.
    let account: String
    /// How the client names itself on the switchboard (`alice@example.com;{GUID}` in MSNP16+).
    let handle: EndpointHandle
    let settings: ConversationSettings
    let configuration: MessengerClient.Configuration
    let logger: Logger

    /// The current switchboard, `nil` between sessions.
    var connection: MessengerConnection?
    /// Counts switchboard sessions; frames and closes of an older one are ignored.
    var generation = 0
    var roster: SwitchboardRoster
    /// Everyone to call when a new switchboard is opened, lower-cased.
    var invitees: [String] = []
    /// Set by ``leave()``: nothing more is sent.
    var hasLeft = false
    /// A `BYE … 1` was seen on the current switchboard.
    var sawIdleTimeout = false
    var assembler: ChunkAssembler
    var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    var nextWaiterID = 0
    private var busy = false
    private var queued: [CheckedContinuation<Void, Never>] = []

    init(client: MessengerClient, account: SignedInAccount, configuration: MessengerClient.Configuration,
         logger: Logger) {
        self.client = client
        self.account = account.email.lowercased()
        self.handle = EndpointHandle(account: account.email, endpoint: configuration.machineGUID, dialect: account.dialect)
        self.configuration = configuration
        self.settings = configuration.conversations
        self.logger = logger
        self.roster = SwitchboardRoster(me: account.email)
        self.assembler = ChunkAssembler(maximumPending: configuration.conversations.maximumPendingChunkedMessages,
                                        maximumChunks: configuration.conversations.maximumChunks)
        let (stream, continuation) = AsyncStream.makeStream(
            of: ConversationEvent.self, bufferingPolicy: .bufferingOldest(max(1, configuration.conversations.eventBufferSize)))
        self.events = ConversationEvents(stream: stream)
        self.eventContinuation = continuation
    }

    deinit {
        eventContinuation.finish()
        if let connection { Task { await connection.close() } }
    }

    /// The other participants now on the switchboard (accounts, lower-cased, in order of arrival).
    public var participants: [String] { roster.participants }

    /// Everyone the conversation calls back when it opens a new switchboard.
    public var contacts: [String] { invitees }

    /// Whether a switchboard session is open now.
    public var isSwitchboardOpen: Bool { connection != nil }

    /// Leaves: sends `OUT`, closes the switchboard and finishes ``events``. Later sends
    /// return ``NotDeliveredReason/conversationEnded``.
    ///
    /// ```
    /// C: OUT
    /// ```
    public func leave() async {
        guard !hasLeft else { return }
        hasLeft = true
        endSession(.leftByProgram)
        eventContinuation.finish()
        let waiting = queued
        queued.removeAll()
        for continuation in waiting { continuation.resume() }
    }

    // MARK: - Internals shared by the extensions

    func emit(_ event: ConversationEvent) {
        if case .dropped = eventContinuation.yield(event) {
            logger.warning("conversation event buffer full; an event was dropped", metadata: ["event": "\(event)"])
        }
    }

    /// Waits for the sends and invitations before this one to finish (first come, first served).
    func acquire() async {
        guard busy else { busy = true; return }
        await withCheckedContinuation { queued.append($0) }
    }

    func release() {
        if queued.isEmpty { busy = false } else { queued.removeFirst().resume() }
    }

    /// Waits until `condition` holds, the switchboard closes, or `deadline` passes.
    func waitUntil(_ deadline: ContinuousClock.Instant, _ condition: () -> Bool) async {
        let session = generation
        while !condition(), session == generation, connection != nil, ContinuousClock.now < deadline {
            let id = nextWaiterID
            nextWaiterID += 1
            let timer = Task { [weak self] in
                try? await Task.sleep(until: deadline, clock: .continuous)
                await self?.wake(id)
            }
            await withCheckedContinuation { waiters[id] = $0 }
            timer.cancel()
        }
    }

    func wake(_ id: Int) {
        waiters.removeValue(forKey: id)?.resume()
    }

    /// Wakes every ``waitUntil(_:_:)`` to check its condition again.
    func wakeAll() {
        let all = waiters
        waiters.removeAll()
        for continuation in all.values { continuation.resume() }
    }
}
