import MSNCore

/// The `MSG` of a joined switchboard connection, answered where it is read: relayed to the
/// others and acknowledged as its mode asks, on the event loop (see ``InlineFrameReceiver``),
/// or by the session's task when the task has frames of its own to answer first.
///
/// ```
/// C: MSG 4 A 161 + payload   → others: MSG alice@example.com Alice 161 + payload; alice: ACK 4
/// C: MSG 5 A 1700 + payload  → nil: the session answers 285 5 and closes
/// ```
struct SwitchboardInlineRelay: InlineFrameReceiver {
    /// The session's state when it joined (only its dialect and message limit are read).
    let state: SwitchboardSessionState
    let participant: SwitchboardParticipant
    let hub: SwitchboardHub
    let outbox: Outbox

    var dialect: Dialect { participant.identity.dialect }

    func receiveInline(_ frame: Frame) -> SessionDisposition? {
        guard case .relay(let trID, let mode, let payload)? = state.relayAction(frame) else { return nil }
        let delivered = hub.relay(payload, from: participant)
        guard let reply = state.relayReply(trID, mode: mode, delivered: delivered) else { return .proceed }
        return outbox.send(reply) ? .proceed : .close
    }
}
