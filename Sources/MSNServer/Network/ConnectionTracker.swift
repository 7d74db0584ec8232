import MSNCore
import Synchronization

/// The open connections of one listener, so that a shutdown can say goodbye to each.
final class ConnectionTracker: Sendable {
    private struct State {
        var open: [UInt64: Outbox] = [:]
        var farewell: Frame?
        var shuttingDown = false
    }

    private let state = Mutex(State())

    /// Records a new connection. During shutdown it is told goodbye at once.
    func opened(id: UInt64, outbox: Outbox) {
        let farewell: Frame?? = state.withLock { state in
            guard !state.shuttingDown else { return .some(state.farewell) }
            state.open[id] = outbox
            return .none
        }
        if case .some(let frame) = farewell {
            if let frame { outbox.send(frame) }
            outbox.finish()
        }
    }

    func closed(id: UInt64) {
        state.withLock { _ = $0.open.removeValue(forKey: id) }
    }

    /// How many connections are open.
    var count: Int { state.withLock { $0.open.count } }

    /// Sends `farewell` (e.g. `OUT SSD`) to every open connection and closes each once its
    /// queue is written; connections opened later get the same.
    func closeAll(farewell: Frame?) {
        let outboxes = state.withLock { state in
            state.shuttingDown = true
            state.farewell = farewell
            return Array(state.open.values)
        }
        for outbox in outboxes {
            if let farewell { outbox.send(farewell) }
            outbox.finish()
        }
    }
}
