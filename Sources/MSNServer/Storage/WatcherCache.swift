import Synchronization

/// The allowed watchers of accounts with many of them, kept between two writes to the store.
///
/// A status change (`CHG 9 AWY 0`) fans out to everyone allowed to watch the account; for an
/// account with a thousand contacts the read behind that list took 1.6–2.3 ms of the ~12 ms a
/// fan-out takes. Presence changes far more often than lists do, so the list is kept:
///
/// - **every write to the store forgets everything** (``invalidate()``, called when any write
///   transaction ends): a list is never used after a change to a contact list, a privacy mode
///   or an account, whatever the change was;
/// - an entry is only stored if no write ended since the read began (the generation read
///   before the query still matches), so a read racing a write is used once and not kept;
/// - an entry lives at most ``lifetime``, which bounds what writes from another process on
///   the same database (`msn account remove` while `msn serve` runs) can leave unseen;
/// - only lists of at least ``minimumCount`` watchers are kept (smaller ones read in well
///   under a millisecond), and at most ``capacity`` of them.
final class WatcherCache: Sendable {
    static let minimumCount = 100
    static let capacity = 1_024
    static let lifetime: Duration = .seconds(2)

    private struct Entry {
        var watchers: [String]
        var storedAt: ContinuousClock.Instant
    }

    private struct State {
        var generation: UInt64 = 0
        var entries: [String: Entry] = [:]
    }

    private let state = Mutex(State())

    /// The generation to pass to ``store(_:for:generation:)`` after a read started now.
    var generation: UInt64 { state.withLock { $0.generation } }

    /// The watchers of `email` if known and fresh.
    func watchers(of email: String, now: ContinuousClock.Instant = .now) -> [String]? {
        state.withLock { state in
            guard let entry = state.entries[email] else { return nil }
            guard now - entry.storedAt < Self.lifetime else {
                state.entries[email] = nil
                return nil
            }
            return entry.watchers
        }
    }

    /// Keeps `watchers`, read after ``generation`` returned `generation`, unless a write has
    /// ended since.
    func store(_ watchers: [String], for email: String, generation: UInt64, now: ContinuousClock.Instant = .now) {
        guard watchers.count >= Self.minimumCount else { return }
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.entries.count >= Self.capacity { state.entries.removeAll() }
            state.entries[email] = Entry(watchers: watchers, storedAt: now)
        }
    }

    /// A write transaction ended (committed or not): forget every list.
    func invalidate() {
        state.withLock { state in
            state.generation &+= 1
            if !state.entries.isEmpty { state.entries.removeAll() }
        }
    }
}
