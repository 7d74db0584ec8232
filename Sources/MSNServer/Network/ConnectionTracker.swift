import MSNCore
import Synchronization

/// The open connections of one listener: how many each address holds (so one host cannot take
/// them all), and their outboxes, so that a shutdown can say goodbye to each.
final class ConnectionTracker: Sendable {
    private struct Connection {
        var outbox: Outbox
        var address: String
    }

    private struct State {
        var open: [UInt64: Connection] = [:]
        var perAddress: [String: Int] = [:]
        var farewell: Frame?
        var shuttingDown = false
    }

    /// The most connections one address may hold open at once; `nil`: no limit.
    let maximumPerAddress: Int?
    private let state = Mutex(State())

    init(maximumPerAddress: Int?) {
        self.maximumPerAddress = maximumPerAddress
    }

    /// Records a new connection from `address` (an IP address as text); `false` when that
    /// address already holds ``maximumPerAddress`` connections, and the connection is not
    /// recorded. During shutdown it is told goodbye at once.
    func opened(id: UInt64, address: String, outbox: Outbox) -> Bool {
        enum Outcome { case admitted, refused, farewell(Frame?) }
        let outcome = state.withLock { state -> Outcome in
            if state.shuttingDown { return .farewell(state.farewell) }
            let held = state.perAddress[address, default: 0]
            if let maximumPerAddress, held >= maximumPerAddress { return .refused }
            state.perAddress[address] = held + 1
            state.open[id] = Connection(outbox: outbox, address: address)
            return .admitted
        }
        switch outcome {
        case .admitted:
            return true
        case .refused:
            return false
        case .farewell(let frame):
            if let frame { outbox.send(frame) }
            outbox.finish()
            return true
        }
    }

    func closed(id: UInt64) {
        state.withLock { state in
            guard let connection = state.open.removeValue(forKey: id) else { return }
            let held = state.perAddress[connection.address, default: 1] - 1
            state.perAddress[connection.address] = held > 0 ? held : nil
        }
    }

    /// How many connections are open.
    var count: Int { state.withLock { $0.open.count } }

    /// How many connections `address` holds open.
    func count(from address: String) -> Int { state.withLock { $0.perAddress[address, default: 0] } }

    /// Sends `farewell` (e.g. `OUT SSD`) to every open connection and closes each once its
    /// queue is written; connections opened later get the same.
    func closeAll(farewell: Frame?) {
        let outboxes = state.withLock { state in
            state.shuttingDown = true
            state.farewell = farewell
            return state.open.values.map(\.outbox)
        }
        for outbox in outboxes {
            if let farewell { outbox.send(farewell) }
            outbox.finish()
        }
    }
}
