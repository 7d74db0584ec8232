import MSNCore
import NIOCore
import Synchronization

/// What relaying a `MSG` needs of a conversation — who is in it, and when it last carried
/// something — behind a lock of its own, so that a message takes neither the hub's lock nor a
/// lookup by session id.
///
/// ```
/// C: MSG 4 A 161 + payload   → room.relay(…)   S (to the others): MSG alice@example.com Alice 161 + payload
/// ```
///
/// The ``SwitchboardHub`` keeps the room in step with ``SwitchboardConversation/participants``
/// while it holds its own lock (always taken before this one), and changes the membership only
/// after queuing the lines a joiner must see first (`IRO`, `ANS … OK`) and before queuing
/// `BYE`: a `MSG` reaches exactly the connections that have joined and not left, in order.
final class SwitchboardRoom: Sendable {
    private struct State {
        var participants: [SwitchboardParticipant] = []
        var lastActivity: ContinuousClock.Instant
    }

    private let state: Mutex<State>

    init(now: ContinuousClock.Instant) {
        state = Mutex(State(lastActivity: now))
    }

    /// The last `MSG` or join.
    var lastActivity: ContinuousClock.Instant {
        get { state.withLock { $0.lastActivity } }
        set { state.withLock { $0.lastActivity = newValue } }
    }

    /// Replaces the members (the hub's list, in join order); `[]` when the conversation ends.
    func setParticipants(_ participants: [SwitchboardParticipant]) {
        state.withLock { $0.participants = participants }
    }

    /// Queues `MSG sender name length` + `payload` for every member but `sender`. `true` only
    /// when there was at least one and every one took it.
    func relay(_ payload: ByteBuffer, from sender: SwitchboardParticipant, now: ContinuousClock.Instant) -> Bool {
        state.withLock { state -> Bool in
            guard state.participants.contains(where: { $0.id != sender.id }) else { return false }
            state.lastActivity = now
            let frame = Frame(verb: .msg, arguments: sender.messageArguments, payload: payload)
            var delivered = true
            for recipient in state.participants where recipient.id != sender.id && !recipient.outbox.send(frame) {
                delivered = false
            }
            return delivered
        }
    }
}
