import Logging
import MSNCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Runs a ``NotificationSessionState`` on a connection: queues its frames, asks the
/// ``NotificationAuthenticator``, and registers the signed-in session.
public struct NotificationSession: FrameSession, Sendable {
    var state: NotificationSessionState
    let context: ConnectionContext
    let authenticator: any NotificationAuthenticator
    let registry: SessionRegistry
    let contacts: ContactListService
    /// Where `XFR … SB` cookies come from; `nil` when the network runs no switchboard.
    var switchboard: SwitchboardHub?
    var handle: NotificationSessionHandle?
    /// Changes left under ``NotificationSessionConfiguration/changeRateLimit``, from the first one.
    var changes: ChangeBucket?

    init(state: NotificationSessionState, context: ConnectionContext,
         authenticator: any NotificationAuthenticator, registry: SessionRegistry, contacts: ContactListService) {
        self.state = state
        self.context = context
        self.authenticator = authenticator
        self.registry = registry
        self.contacts = contacts
    }

    public var dialect: Dialect? { state.dialect }

    public mutating func receive(_ frame: Frame) async -> SessionDisposition {
        if handle != nil, let trID = frame.transactionID, Self.changesWhatWatchersSee(frame), !takeChange() {
            return context.outbox.send(.error(.changingTooRapidly, trID)) ? .proceed : .close
        }
        let actions = state.receive(frame)
        if let disposition = performImmediately(actions) { return disposition }
        // The rest awaits other actors (authentication, the store, presence) through large
        // async frames, and a task keeps the memory of its deepest call until it ends: in the
        // connection's reader that was ≈ 12 KB of the 32 KB an idle session cost (heaptrack,
        // docs/benchmarks.md). A task of its own gives that memory back when the work is done.
        let session = self
        // On the connection's event loop, as the connection's task: no third thread competing
        // with the event loops for the cores (a presence fan-out queues to 1,000 outboxes here).
        let (disposition, updated) = await Task(executorPreference: context.taskExecutor) {
            var session = session
            let disposition = await session.perform(actions)
            return (disposition, session)
        }.value
        self = updated
        return disposition
    }

    /// `CHG`, `UUX`, `REA` and `PRP MFN`: each one fans out to every allowed watcher.
    static func changesWhatWatchersSee(_ frame: Frame) -> Bool {
        switch frame.verb {
        case .chg, .uux, .rea: true
        case .prp: frame.arguments.first == "MFN"
        default: false
        }
    }

    /// Takes one change from the session's ``ChangeRateLimit``; `false` when none is left.
    private mutating func takeChange() -> Bool {
        guard let limit = state.configuration.changeRateLimit else { return true }
        if changes == nil { changes = ChangeBucket(limit) }
        return changes!.take()
    }

    /// Performs `actions` when they only queue frames or close (`PNG` → `QNG`, errors, most of
    /// the login exchange); `nil` when one of them has to wait for something.
    private func performImmediately(_ actions: [NotificationAction]) -> SessionDisposition? {
        for action in actions {
            switch action {
            case .send, .close: continue
            default: return nil
            }
        }
        for action in actions {
            switch action {
            case .send(let frame): guard context.outbox.send(frame) else { return .close }
            default: return .close
            }
        }
        return .proceed
    }

    public mutating func connectionClosed() async {
        if let handle {
            await registry.unregister(handle)
            // Not in this task: it may be cancelled (a shutting-down service group cancels its
            // connections), and a cancelled task's store reads fail, which would leave watchers
            // without their `FLN`. An unstructured task is not cancelled with it.
            let presence = contacts.presence
            await Task { await presence.signedOut(handle) }.value
            context.logger.info("\(handle.session.account.email) signed out")
        }
    }

    private mutating func perform(_ actions: [NotificationAction]) async -> SessionDisposition {
        for action in actions {
            switch action {
            case .send(let frame):
                guard context.outbox.send(frame) else { return .close }
            case .close:
                return .close
            case .authenticate(let request):
                let outcome = await authenticator.authenticate(request)
                if case .failure(let reason) = outcome {
                    context.logger.info("authentication of \(request.email) failed: \(reason)")
                }
                let now = Int(Date().timeIntervalSince1970)
                if await perform(state.authenticationFinished(outcome, loginTime: now)) == .close {
                    return .close
                }
            case .signIn(let session):
                context.loginCompleted()
                let handle = NotificationSessionHandle(id: context.id, session: session, outbox: context.outbox)
                self.handle = handle
                let replaced = await registry.register(handle)
                context.logger.info("\(session.account.email) signed in with \(session.dialect)",
                                    metadata: replaced.isEmpty ? nil : ["replaced": "\(replaced.map(\.id))"])
            case .contactList(let command, let trID):
                guard let handle else { return .close }
                let frames = await contacts.perform(command, transactionID: trID, handle: handle)
                guard frames.isEmpty || context.outbox.send(frames) else { return .close }
            case .membership(let command, let trID):
                guard let handle else { return .close }
                let frames = await contacts.perform(command, transactionID: trID, handle: handle)
                guard frames.isEmpty || context.outbox.send(frames) else { return .close }
            case .changePresence(let change, let echo, let trID):
                guard let handle else { return .close }
                do {
                    let frames = try await contacts.presence.change(change, transactionID: trID, echo: echo, handle: handle)
                    guard context.outbox.send(frames) else { return .close }
                } catch {
                    context.logger.error("presence change failed: \(error)")
                    guard context.outbox.send(echo) else { return .close }
                }
            case .requestSwitchboard(let trID):
                guard let handle else { return .close }
                let reply = switchboard?.referral(for: handle, transactionID: trID) ?? .error(.switchboardFailed, trID)
                guard context.outbox.send(reply) else { return .close }
            case .setPersonalMessage(let message, let media):
                guard let handle else { return .close }
                do {
                    try await contacts.presence.personalMessage(message, media: media, handle: handle)
                } catch {
                    context.logger.error("personal message failed: \(error)")
                }
            }
        }
        return .proceed
    }
}
