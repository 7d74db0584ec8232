import Logging
import MSNAuth
import MSNCore
import NIOCore
import ServiceLifecycle
import Synchronization

/// The switchboard's shared state: outstanding cookies and running conversations. The
/// notification server asks it for `XFR … SB` referrals; switchboard sessions join, call,
/// relay and leave through it. As a `Service` it sweeps idle conversations and old cookies.
///
/// ```
/// NS [alice] C: XFR 8 SB                  → referral(for:)   S: XFR 8 SB 127.0.0.1:1864 CKI 4831…
/// SB [alice] C: USR 1 alice@… 4831…       → start(_:)        S: USR 1 OK alice@… Alice
/// SB [alice] C: CAL 2 bob@…               → call(_:)         S: CAL 2 RINGING 1938472615
/// NS [bob]                                                   S: RNG 1938472615 127.0.0.1:1864 CKI 7730… alice@… Alice
/// SB [bob]   C: ANS 1 bob@… 7730… 1938472615 → answer(_:)    S: IRO 1 1 1 alice@… Alice / ANS 1 OK
/// SB [alice]                                                 S: JOI bob@… Bob
/// ```
///
/// Every frame for a participant is queued into its bounded ``Outbox`` while the state lock
/// is held, so each connection sees events in the order they happened (no `MSG` before
/// `ANS … OK`, no `JOI` before `CAL … RINGING`); queuing never waits. A `MSG` is queued under
/// its conversation's own lock (`SwitchboardRoom`), whose membership the hub changes under
/// both locks, so messages in different conversations never wait for each other.
public final class SwitchboardHub: Service, Sendable {
    public let configuration: SwitchboardConfiguration
    let registry: SessionRegistry
    let store: any MessengerStore
    let logger: Logger
    let now: @Sendable () -> ContinuousClock.Instant
    let state: Mutex<State>

    struct State: Sendable {
        var address = "127.0.0.1:1864"
        var cookies: SwitchboardCookieJar
        var conversations: [String: SwitchboardConversation] = [:]
        var shutDown = false
    }

    /// - Parameters:
    ///   - registry: the signed-in notification sessions, where `RNG`s go.
    ///   - store: accounts and contact lists (for `CAL`'s `208` and `217`).
    ///   - now: the clock; tests may inject one.
    public init(configuration: SwitchboardConfiguration = .init(), registry: SessionRegistry,
                store: any MessengerStore, logger: Logger,
                now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        self.configuration = configuration
        self.registry = registry
        self.store = store
        var logger = logger
        logger[metadataKey: "service"] = "switchboard"
        self.logger = logger
        self.now = now
        self.state = Mutex(State(cookies: SwitchboardCookieJar(capacity: configuration.maximumCookies,
                                                               perAccountCapacity: configuration.maximumCookiesPerAccount)))
    }

    /// The `host:port` written into `XFR … SB` and `RNG`.
    public var address: String { state.withLock { $0.address } }

    /// Sets the advertised `host:port` once the listener is bound.
    public func setAddress(_ address: String) {
        state.withLock { $0.address = address }
    }

    /// How many conversations are running.
    public var conversationCount: Int { state.withLock { $0.conversations.count } }

    /// How many cookies are outstanding.
    public var outstandingCookies: Int { state.withLock { $0.cookies.count } }

    // MARK: - Notification server side

    /// The answer to `XFR trID SB` from `handle`'s session: `XFR 8 SB host:port CKI cookie[ U
    /// messenger.msn.com[ 1]]` with a fresh cookie bound to the account (and endpoint);
    /// `913` before the first `CHG` or, where `Dialect/switchboardRefusedWhileHidden`,
    /// while hidden; `713` when the account holds too many cookies, `600` when the server does.
    public func referral(for handle: NotificationSessionHandle, transactionID: TransactionID) -> Frame {
        let dialect = handle.session.dialect
        guard let presence = handle.presence,
              presence.status.isVisible || !dialect.switchboardRefusedWhileHidden
        else { return .error(.notAllowedWhenOffline, transactionID) }
        let now = now()
        let grant = SwitchboardGrant(purpose: .start, identity: SwitchboardIdentity(handle),
                                     expiry: now + configuration.cookieLifetime)
        let (issued, address) = state.withLock { state in
            (state.shutDown ? .failure(.full) : state.cookies.issue(grant, now: now), state.address)
        }
        switch issued {
        case .success(let cookie):
            return SwitchboardReferral(transactionID: transactionID, address: address, cookie: cookie, dialect: dialect).frame
        case .failure(.accountFull):
            return .error(.userTooActive, transactionID)
        case .failure(.full):
            return .error(.serverBusy, transactionID)
        }
    }

    // MARK: - Joining

    /// `USR trID handle cookie`: redeems a referral cookie and opens a conversation with its
    /// holder alone; `nil` when the cookie is unknown, expired, used, not a referral, or not
    /// issued to `handle`.
    public func start(_ request: SwitchboardLoginRequest, connectionID: UInt64, outbox: Outbox) -> SwitchboardParticipant? {
        let now = now()
        return state.withLock { state -> SwitchboardParticipant? in
            guard !state.shutDown, let grant = state.cookies.redeem(request.cookie, now: now),
                  grant.purpose == .start, grant.identity.matches(request.handle)
            else { return nil }
            var sessionID: String
            repeat { sessionID = SecureToken.sessionID() } while state.conversations[sessionID] != nil
            var conversation = SwitchboardConversation(sessionID: sessionID, now: now)
            let participant = SwitchboardParticipant(id: connectionID, conversation: conversation,
                                                     identity: grant.identity.adopting(request.handle), outbox: outbox)
            conversation.participants = [participant]
            state.conversations[sessionID] = conversation
            return participant
        }
    }

    /// `ANS trID handle cookie session-id`: redeems an invitation cookie for that very
    /// conversation and account; queues the `IRO` roster and `ANS trID OK` for the joiner and
    /// `JOI` for the others. `nil` (nothing queued) when any of it does not hold.
    public func answer(_ request: SwitchboardAnswer, connectionID: UInt64, outbox: Outbox) -> SwitchboardParticipant? {
        let now = now()
        return state.withLock { state -> SwitchboardParticipant? in
            guard !state.shutDown, let grant = state.cookies.redeem(request.cookie, now: now),
                  grant.purpose == .invitation(sessionID: request.sessionID), grant.identity.matches(request.handle),
                  var conversation = state.conversations[request.sessionID]
            else { return nil }
            let identity = grant.identity.adopting(request.handle)
            let participant = SwitchboardParticipant(id: connectionID, conversation: conversation,
                                                     identity: identity, outbox: outbox)
            let present = conversation.participants
            var welcome = SwitchboardLines.roster(for: identity, present: present.map(\.identity),
                                                  transactionID: request.transactionID)
            welcome.append(Frame(verb: .ans, transactionID: request.transactionID, arguments: ["OK"]))
            outbox.send(welcome)
            let first = !conversation.contains(account: identity.accountKey)
            for other in present {
                let frames = SwitchboardLines.joined(identity, seenBy: other.identity, firstOfAccount: first)
                if !frames.isEmpty { other.outbox.send(frames) }
            }
            conversation.participants.append(participant)
            conversation.ringing[identity.accountKey] = nil
            conversation.lastActivity = now
            state.conversations[request.sessionID] = conversation
            return participant
        }
    }

    // MARK: - Messages

    /// Queues `MSG sender name length` + `payload` (byte for byte) for every other connection
    /// of the conversation. `true` only when there was at least one and every one took it.
    ///
    /// Takes only the conversation's own lock (its `SwitchboardRoom`), not the hub's.
    public func relay(_ payload: ByteBuffer, from sender: SwitchboardParticipant) -> Bool {
        sender.room.relay(payload, from: sender, now: now())
    }

    // MARK: - Leaving

    /// The connection of `participant` ended (`OUT` or a close): the others hear `BYE`; an
    /// empty conversation ends. Nothing happens if it already left.
    public func leave(_ participant: SwitchboardParticipant) {
        state.withLock { state in
            guard var conversation = state.conversations[participant.sessionID],
                  let index = conversation.participants.firstIndex(where: { $0.id == participant.id })
            else { return }
            conversation.participants.remove(at: index)
            let last = !conversation.contains(account: participant.identity.accountKey)
            for other in conversation.participants {
                let frames = SwitchboardLines.left(participant.identity, seenBy: other.identity,
                                                   lastOfAccount: last, timedOut: false)
                if !frames.isEmpty { other.outbox.send(frames) }
            }
            state.conversations[participant.sessionID] = conversation.participants.isEmpty ? nil : conversation
        }
    }

    /// Ends conversations idle for ``SwitchboardConfiguration/idleTimeout`` (each participant
    /// hears `BYE other 1` for everyone else, then is closed), forgets expired cookies and
    /// invitations. Returns how many conversations ended.
    @discardableResult
    public func sweep() -> Int {
        let now = now()
        let idle = configuration.idleTimeout
        let ended = state.withLock { state -> [SwitchboardConversation] in
            state.cookies.sweep(now: now)
            var ended: [SwitchboardConversation] = []
            for (sessionID, conversation) in state.conversations {
                if conversation.lastActivity + idle <= now {
                    ended.append(conversation)
                    state.conversations[sessionID] = nil
                    conversation.end()
                    Self.close(conversation)
                } else if !conversation.ringing.isEmpty {
                    state.conversations[sessionID]?.ringing = conversation.ringing.filter { $0.value > now }
                }
            }
            return ended
        }
        for conversation in ended {
            logger.debug("conversation \(conversation.sessionID) idle for \(idle): closed")
        }
        return ended.count
    }

    /// A graceful shutdown: every conversation ends as if timed out (`BYE other 1`, then
    /// close), and no more cookies are issued or accepted.
    public func shutDown() {
        let count = state.withLock { state -> Int in
            state.shutDown = true
            let conversations = state.conversations.values
            state.conversations = [:]
            state.cookies.removeAll()
            for conversation in conversations {
                conversation.end()
                Self.close(conversation)
            }
            return conversations.count
        }
        logger.info("shutting down: closed \(count) conversation(s)")
    }

    /// Tells each participant of `conversation` that everyone else left (`BYE … 1`), then
    /// closes its connection once that is written.
    private static func close(_ conversation: SwitchboardConversation) {
        for recipient in conversation.participants {
            let others = conversation.others(than: recipient.id)
            var accounts: [String] = []
            for other in others where !accounts.contains(other.identity.accountKey) { accounts.append(other.identity.accountKey) }
            var frames: [Frame] = []
            for account in accounts {
                let members = others.filter { $0.identity.accountKey == account }
                for (index, member) in members.enumerated() {
                    frames += SwitchboardLines.left(member.identity, seenBy: recipient.identity,
                                                    lastOfAccount: index == members.count - 1, timedOut: true)
                }
            }
            if !frames.isEmpty { recipient.outbox.send(frames) }
            recipient.outbox.finish()
        }
    }

    // MARK: - Service

    /// Sweeps every `SwitchboardConfiguration.sweepInterval` until shutdown.
    public func run() async throws {
        let interval = configuration.sweepInterval
        await cancelWhenGracefulShutdown { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { break }
                sweep()
            }
        }
    }
}
