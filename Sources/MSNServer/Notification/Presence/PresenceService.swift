import Logging
import MSNCore
import NIOCore

/// Carries presence between sessions: the echo and initial dump of `CHG`, `NLN`/`FLN`/`UBX`
/// fan-out to allowed watchers (each in its own dialect), and sign-out.
///
/// Frames for others go straight into their bounded outboxes (`Outbox.send(_:)` never
/// waits), so one slow reader delays no one.
///
/// ```
/// [alice, MSNP18] C: CHG 7 AWY 2789003324:48
/// [alice]         S: CHG 7 AWY 2789003324:48
/// [bob, MSNP5]    S: NLN AWY alice@example.com Alice
/// ```
public struct PresenceService: Sendable {
    let store: any MessengerStore
    let registry: SessionRegistry
    let logger: Logger

    public init(store: any MessengerStore, registry: SessionRegistry, logger: Logger) {
        self.store = store
        self.registry = registry
        self.logger = logger
    }

    /// Applies a `CHG`; returns the frames for the changer: the echo, then (the first time)
    /// the `ILN` dump of visible contacts with the same TrID. Watchers are told before the
    /// changer hears its echo.
    func change(_ change: PresenceCommands.Change, transactionID trID: TransactionID, echo: Frame,
                handle: NotificationSessionHandle) async throws(StoreError) -> [Frame] {
        let me = handle.accountKey
        let dialect = handle.session.dialect
        let previous = handle.presence
        var state: PresenceState
        if let previous {
            state = previous
        } else {
            let settings = try await store.contactList(owner: me).settings
            state = PresenceState(status: change.status, msnObject: settings.msnObject, friendlyName: settings.friendlyName,
                                  personalMessage: settings.personalMessage, currentMedia: settings.currentMedia)
        }
        state.status = change.status
        state.capabilities = change.capabilities
        state.extendedCapabilities = change.extendedCapabilities
        if dialect.supportsMSNObjects, state.msnObject != change.msnObject {
            state.msnObject = change.msnObject
            try await store.setMSNObject(owner: me, change.msnObject)
        }
        handle.setPresence(state)
        await syncOwnEndpoints(of: handle, state, personalMessage: false)
        var frames = [echo]
        if previous == nil {
            for email in try await store.contactsVisible(to: me) {
                guard let contact = await visibleSession(of: email), let presence = contact.presence else { continue }
                frames.append(PresenceCommands.initial(email, presence, transactionID: trID, dialect: dialect))
                if let ubx = PresenceCommands.personalMessage(email, presence, dialect: dialect) { frames.append(ubx) }
            }
        }
        if state.status.isVisible {
            try await broadcast(handle, withPersonalMessage: previous == nil)
        } else if previous?.status.isVisible == true {
            try await broadcastOffline(me)
        }
        return frames
    }

    /// Applies a `UUX`: keeps the personal message and pushes `UBX` to watchers.
    func personalMessage(_ message: String, media: String, handle: NotificationSessionHandle) async throws(StoreError) {
        try await store.setPersonalMessage(owner: handle.accountKey, message: message, media: media)
        guard var state = handle.presence else { return }
        state.personalMessage = message
        state.currentMedia = media
        handle.setPresence(state)
        await syncOwnEndpoints(of: handle, state, personalMessage: true)
        guard state.status.isVisible else { return }
        for watcher in try await watcherSessions(of: handle.accountKey) {
            if let ubx = PresenceCommands.personalMessage(handle.accountKey, state, dialect: watcher.session.dialect) {
                watcher.outbox.send(ubx)
            }
        }
    }

    /// A new friendly name: watchers see it in a fresh `NLN`.
    func friendlyNameChanged(_ name: String, handle: NotificationSessionHandle) async throws(StoreError) {
        guard var state = handle.presence else { return }
        state.friendlyName = name
        handle.setPresence(state)
        if state.status.isVisible { try await broadcast(handle, withPersonalMessage: false) }
    }

    /// The session ended: watchers see `FLN` unless another visible session remains.
    func signedOut(_ handle: NotificationSessionHandle) async {
        guard handle.isVisible, await visibleSession(of: handle.accountKey) == nil else { return }
        do { try await broadcastOffline(handle.accountKey) } catch {
            logger.warning("no FLN for \(handle.accountKey): \(error)")
        }
    }

    /// After `owner` changed how `contact` may see them (AL/BL/BLP), or `owner` joined
    /// `contact`'s FL: sends `contact` the `NLN` or `FLN` it should now believe.
    func refresh(owner: String, toward contact: String) async throws(StoreError) {
        let sessions = await registry.sessions(of: contact).filter { $0.presence != nil }
        guard !sessions.isEmpty else { return }
        // Both facts from one snapshot: read apart, a change of the contact's own list between
        // the two reads (it adds the owner back) made it see the owner offline for a moment.
        let standing = try await store.watcherStanding(of: contact, toward: owner)
        guard standing.hasOwnerOnForwardList else { return }
        let ownerSession = await visibleSession(of: owner)
        for session in sessions {
            let dialect = session.session.dialect
            if standing.allowed, let ownerSession, let presence = ownerSession.presence {
                session.outbox.send(PresenceCommands.online(owner, presence, dialect: dialect))
                if let ubx = PresenceCommands.personalMessage(owner, presence, dialect: dialect) { session.outbox.send(ubx) }
            } else {
                session.outbox.send(PresenceCommands.offline(owner, dialect: dialect))
            }
        }
    }

    // MARK: - Fan-out

    /// MSNP16+ (MPOP): the account's other signed-in endpoints get its own `NLN` after a
    /// `CHG` (or `UBX` after a `UUX`), so every endpoint shows what the last one set:
    ///
    /// ```
    /// [alice, laptop, MSNP18] C: CHG 9 BSY 2789003324:48
    /// [alice, phone, MSNP18]  S: NLN BSY 1:alice@example.com Alice 2789003324:48 %3Cmsnobj%2F%3E
    /// ```
    private func syncOwnEndpoints(of handle: NotificationSessionHandle, _ state: PresenceState,
                                  personalMessage: Bool) async {
        let me = handle.accountKey
        for other in await registry.sessions(of: me)
        where other.id != handle.id && other.session.dialect.supportsMPOP && other.presence != nil {
            let dialect = other.session.dialect
            if !personalMessage {
                other.outbox.send(PresenceCommands.online(me, state, dialect: dialect))
            } else if let ubx = PresenceCommands.personalMessage(me, state, dialect: dialect) {
                other.outbox.send(ubx)
            }
        }
    }

    /// `NLN` (and, on the first `CHG`, `UBX`) to every allowed watcher: encoded once per
    /// recipient dialect, queued without waiting on any recipient.
    private func broadcast(_ handle: NotificationSessionHandle, withPersonalMessage: Bool) async throws(StoreError) {
        guard let state = handle.presence else { return }
        let me = handle.accountKey
        var encoded: [Dialect: (ByteBuffer, [Frame])] = [:]
        let watchers = try await watcherSessions(of: me)
        OutboxBatch.sending { batch in
            for watcher in watchers {
                let dialect = watcher.session.dialect
                if encoded[dialect] == nil {
                    var frames = [PresenceCommands.online(me, state, dialect: dialect)]
                    if withPersonalMessage, let ubx = PresenceCommands.personalMessage(me, state, dialect: dialect) {
                        frames.append(ubx)
                    }
                    var buffer = ByteBuffer()
                    for frame in frames { buffer.writeFrame(frame) }
                    encoded[dialect] = (buffer, frames)
                }
                let (buffer, frames) = encoded[dialect]!
                batch.send(encoded: buffer, frames: frames, to: watcher.outbox)
            }
        }
    }

    private func broadcastOffline(_ me: String) async throws(StoreError) {
        var encoded: [Dialect: (ByteBuffer, Frame)] = [:]
        let watchers = try await watcherSessions(of: me)
        OutboxBatch.sending { batch in
            for watcher in watchers {
                let dialect = watcher.session.dialect
                if encoded[dialect] == nil {
                    let frame = PresenceCommands.offline(me, dialect: dialect)
                    var buffer = ByteBuffer()
                    buffer.writeFrame(frame)
                    encoded[dialect] = (buffer, frame)
                }
                let (buffer, frame) = encoded[dialect]!
                batch.send(encoded: buffer, frames: [frame], to: watcher.outbox)
            }
        }
    }

    /// The online sessions (first `CHG` done) of everyone allowed to watch `email`: one store
    /// read, one registry hop.
    private func watcherSessions(of email: String) async throws(StoreError) -> [NotificationSessionHandle] {
        let watchers = try await store.allowedWatchers(of: email)
        return await registry.sessions(ofAll: watchers).filter { $0.presence != nil }
    }

    /// A session of `email` that others may see, if any.
    func visibleSession(of email: String) async -> NotificationSessionHandle? {
        await registry.sessions(of: email).first { $0.isVisible }
    }
}
