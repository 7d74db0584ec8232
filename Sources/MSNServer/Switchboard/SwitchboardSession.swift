import MSNCore

/// Runs a ``SwitchboardSessionState`` on a connection: asks the ``SwitchboardHub`` to join,
/// call and relay, and leaves the conversation when the connection ends.
public struct SwitchboardSession: FrameSession {
    var state: SwitchboardSessionState
    let context: ConnectionContext
    let hub: SwitchboardHub
    var participant: SwitchboardParticipant?
    /// Set once joined: the `MSG` path, shared with the event loop.
    var inlineRelay: SwitchboardInlineRelay?

    init(state: SwitchboardSessionState, context: ConnectionContext, hub: SwitchboardHub) {
        self.state = state
        self.context = context
        self.hub = hub
    }

    public var dialect: Dialect? { state.dialect }

    public mutating func receive(_ frame: Frame) async -> SessionDisposition {
        // The common case, a MSG to relay, without building action lists: the same steps as
        // perform([.relay(…)]), as on the event loop when the task is not busy.
        if let disposition = inlineRelay?.receiveInline(frame) { return disposition }
        return await perform(state.receive(frame))
    }

    public mutating func connectionClosed() async {
        if let participant { hub.leave(participant) }
    }

    private mutating func perform(_ actions: [SwitchboardAction]) async -> SessionDisposition {
        for action in actions {
            let followUp: [SwitchboardAction]
            switch action {
            case .send(let frame):
                guard context.outbox.send(frame) else { return .close }
                continue
            case .close:
                return .close
            case .start(let request):
                participant = hub.start(request, connectionID: context.id, outbox: context.outbox)
                followUp = state.loginFinished(participant?.identity, handle: request.handle)
                joined(request.handle)
            case .answer(let request):
                participant = hub.answer(request, connectionID: context.id, outbox: context.outbox)
                followUp = state.answerFinished(participant?.identity)
                joined(request.handle)
            case .call(let trID, let email):
                guard let participant else { return .close }
                let refusal = await hub.call(email, from: participant, transactionID: trID)
                followUp = state.callFinished(trID, refusal: refusal)
            case .relay(let trID, let mode, let payload):
                guard let participant else { return .close }
                let delivered = hub.relay(payload, from: participant)
                followUp = state.relayFinished(trID, mode: mode, delivered: delivered)
            }
            if await perform(followUp) == .close { return .close }
        }
        return .proceed
    }

    private mutating func joined(_ handle: EndpointHandle) {
        if let participant {
            let relay = SwitchboardInlineRelay(state: state, participant: participant, hub: hub, outbox: context.outbox)
            inlineRelay = relay
            context.receiveInline(with: relay)
            context.loginCompleted()
            context.logger.debug("\(handle) joined conversation \(participant.sessionID)")
        } else {
            context.logger.info("switchboard cookie refused for \(handle.account)")
        }
    }
}
