import Synchronization

/// Times one presence round: from the subject's `CHG` until the last expected watcher has
/// its `NLN` with the round's status. Watchers report from their event loops; the subject
/// waits for the round to complete or time out.
///
/// ```swift
/// let elapsed = await round.run(status: "AWY", expecting: watchers, timeout: .seconds(5)) { send(chg) }
/// // watcher i, on `NLN AWY alice@… …`: round.arrived(watcher: i, status: "AWY")
/// ```
final class FanOutRound: Sendable {
    private struct State {
        var number = 0
        var status: StatusToken?
        var expected: [Bool] = []
        /// The round each watcher last counted for, so a duplicate counts once.
        var counted: [Int]
        var remaining = 0
        var sent = ContinuousClock.now
        var last = ContinuousClock.now
        var waiter: CheckedContinuation<Duration?, Never>?
        /// `NLN`s with a status no round expects (late or duplicate).
        var strays = 0
    }

    private let state: Mutex<State>

    init(watchers: Int) {
        state = Mutex(State(counted: Array(repeating: -1, count: watchers)))
    }

    /// `NLN`s that matched no round.
    var strays: Int { state.withLock { $0.strays } }

    /// Starts a round for the watchers marked in `expecting`, calls `send` (the `CHG`) and
    /// waits; returns the time to the last `NLN`, or `nil` when some were missing after
    /// `timeout` (then `missing` tells how many).
    func run(status: String, expecting: [Bool], timeout: Duration,
             send: @Sendable () -> Void) async -> (elapsed: Duration?, missing: Int) {
        let count = expecting.reduce(0) { $0 + ($1 ? 1 : 0) }
        var timer: Task<Void, Never>?
        let elapsed: Duration? = await withCheckedContinuation { continuation in
            state.withLock { state in
                state.number += 1
                state.status = StatusToken(status)
                state.expected = expecting
                state.remaining = count
                state.waiter = continuation
                state.sent = ContinuousClock.now
            }
            if count == 0 { finish() }
            send()
            let number = state.withLock { $0.number }
            timer = Task {
                try? await Task.sleep(for: timeout)
                if !Task.isCancelled { self.expire(number) }
            }
        }
        timer?.cancel()
        return (elapsed, elapsed == nil ? state.withLock { $0.remaining } : 0)
    }

    /// Watcher `index` received `NLN status …`.
    func arrived(watcher index: Int, status: Substring) {
        arrived(watcher: index, status: StatusToken(status))
    }

    /// Watcher `index` received `NLN status …`; the status as packed from the line's bytes.
    func arrived(watcher index: Int, status: StatusToken?) {
        let now = ContinuousClock.now
        let waiter: CheckedContinuation<Duration?, Never>? = state.withLock { state in
            guard let status, status == state.status, index < state.expected.count, state.expected[index],
                  state.counted[index] != state.number else {
                state.strays += 1
                return nil
            }
            state.counted[index] = state.number
            state.remaining -= 1
            state.last = now
            guard state.remaining == 0, let waiter = state.waiter else { return nil }
            state.waiter = nil
            return waiter
        }
        waiter?.resume(returning: now - state.withLock { $0.sent })
    }

    private func finish() {
        let (waiter, elapsed) = state.withLock { state in
            defer { state.waiter = nil }
            return (state.waiter, state.last - state.sent)
        }
        waiter?.resume(returning: max(.zero, elapsed))
    }

    private func expire(_ number: Int) {
        let waiter = state.withLock { state -> CheckedContinuation<Duration?, Never>? in
            guard state.number == number, let waiter = state.waiter else { return nil }
            state.waiter = nil
            state.status = nil
            return waiter
        }
        waiter?.resume(returning: nil)
    }
}
