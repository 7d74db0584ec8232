import MSNCore
import Synchronization

/// One signed-in notification session, as other sessions see it.
public final class NotificationSessionHandle: Sendable, Identifiable {
    /// The connection id.
    public let id: UInt64
    /// Who is signed in, in which dialect, from which machine.
    public let session: SignedInSession
    /// Where frames for this client are queued.
    public let outbox: Outbox
    /// What others see of this session; `nil` until its first `CHG`.
    private let presenceState = Mutex<PresenceState?>(nil)

    public init(id: UInt64, session: SignedInSession, outbox: Outbox) {
        self.id = id
        self.session = session
        self.outbox = outbox
    }

    /// What others see of this session; `nil` until its first `CHG` (it gets no presence
    /// notices before that).
    public var presence: PresenceState? { presenceState.withLock { $0 } }

    /// Replaces the presence; returns the previous one.
    @discardableResult
    public func setPresence(_ presence: PresenceState?) -> PresenceState? {
        presenceState.withLock { state in
            defer { state = presence }
            return state
        }
    }

    /// Whether others may currently see this session online.
    public var isVisible: Bool { presence?.status.isVisible ?? false }

    /// The registry key of the account: the sign-in name, lower-cased.
    public var accountKey: String { session.account.email.lowercased() }
}

/// Maps each account to its live notification sessions.
///
/// A new sign-in replaces the older ones (`OUT OTH`) unless both ends speak MSNP16+ (multiple
/// points of presence) from different machines:
///
/// ```
/// [conn 1] S: OUT OTH          ← alice signed in again on conn 2 (MSNP15)
/// ```
/// The next issues use it for presence fan-out and switchboard invitations (`RNG`).
public actor SessionRegistry {
    private var sessions: [String: [UInt64: NotificationSessionHandle]] = [:]

    public init() {}

    /// Adds `handle`, signing out the sessions it replaces; returns those.
    @discardableResult
    public func register(_ handle: NotificationSessionHandle) -> [NotificationSessionHandle] {
        let key = handle.accountKey
        var live = sessions[key] ?? [:]
        let replaced = live.values.filter { SessionRegistry.replaces(handle.session, $0.session) }
        for old in replaced {
            live[old.id] = nil
            old.outbox.send(Frame(verb: .out, arguments: ["OTH"]))
            old.outbox.finish()
        }
        live[handle.id] = handle
        sessions[key] = live
        return replaced
    }

    /// Removes `handle` if it is still registered.
    public func unregister(_ handle: NotificationSessionHandle) {
        let key = handle.accountKey
        guard var live = sessions[key], live[handle.id] != nil else { return }
        live[handle.id] = nil
        sessions[key] = live.isEmpty ? nil : live
    }

    /// The live sessions of the account signed in as `email`.
    public func sessions(of email: String) -> [NotificationSessionHandle] {
        Array((sessions[email.lowercased()] ?? [:]).values).sorted { $0.id < $1.id }
    }

    /// The live sessions of every account in `emails` (already lower-cased), in one hop: the
    /// presence fan-out asks once for all of an account's watchers.
    public func sessions(ofAll emails: [String]) -> [NotificationSessionHandle] {
        var found: [NotificationSessionHandle] = []
        found.reserveCapacity(emails.count)
        for email in emails {
            guard let live = sessions[email] else { continue }
            found.append(contentsOf: live.values)
        }
        return found
    }

    /// How many sessions are signed in.
    public var count: Int { sessions.values.reduce(0) { $0 + $1.count } }

    /// Whether signing in as `new` signs `old` out: always before MSNP16; with MPOP on both
    /// sides only when the machine GUID is the same.
    public static func replaces(_ new: SignedInSession, _ old: SignedInSession) -> Bool {
        guard new.dialect.supportsMPOP, old.dialect.supportsMPOP else { return true }
        return new.machineGUID == old.machineGUID
    }
}
