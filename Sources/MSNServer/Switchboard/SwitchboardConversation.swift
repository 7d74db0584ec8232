/// One running switchboard session: its participants in join order and the invitations still
/// ringing. Lives in the ``SwitchboardHub``'s state; its ``room`` is what `MSG` relaying uses.
struct SwitchboardConversation: Sendable {
    let sessionID: String
    /// The members and last activity, shared with every participant for relaying.
    let room: SwitchboardRoom
    /// Connections in join order (the room is updated with every change).
    var participants: [SwitchboardParticipant] = [] {
        didSet { room.setParticipants(participants) }
    }
    /// Accounts called and not yet answered, with when their invitation runs out.
    var ringing: [String: ContinuousClock.Instant] = [:]
    /// The last `MSG` or join.
    var lastActivity: ContinuousClock.Instant {
        get { room.lastActivity }
        nonmutating set { room.lastActivity = newValue }
    }

    init(sessionID: String, now: ContinuousClock.Instant) {
        self.sessionID = sessionID
        self.room = SwitchboardRoom(now: now)
    }

    /// The conversation has ended: relaying stops, and the room lets go of its members.
    func end() {
        room.setParticipants([])
    }

    /// Whether `account` (lower-cased) has a connection here.
    func contains(account: String) -> Bool {
        participants.contains { $0.identity.accountKey == account }
    }

    /// Whether `account` was called and may still answer.
    func isRinging(_ account: String, now: ContinuousClock.Instant) -> Bool {
        ringing[account].map { $0 > now } ?? false
    }

    /// How many accounts are here or still ringing (`now`), each counted once however many
    /// endpoints it has.
    func accountCount(now: ContinuousClock.Instant) -> Int {
        var accounts = Set(participants.map(\.identity.accountKey))
        for (account, expiry) in ringing where expiry > now { accounts.insert(account) }
        return accounts.count
    }

    /// Everyone but the connection `id`.
    func others(than id: UInt64) -> [SwitchboardParticipant] {
        participants.filter { $0.id != id }
    }
}
