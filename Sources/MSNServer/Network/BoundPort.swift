import Synchronization

/// A port that becomes known once a service is running (Hummingbird reports its bound port
/// from `onServerRunning`), awaited by whoever needs it.
///
/// ```swift
/// let port = await network.httpPort.wait()    // nil only if the waiting task is cancelled
/// ```
public final class BoundPort: Sendable {
    private struct State {
        var port: Int?
        var nextWaiter = 0
        var waiters: [Int: CheckedContinuation<Int?, Never>] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// The port, if the service has reported it.
    public var current: Int? { state.withLock { $0.port } }

    /// Records the bound port and wakes every waiter.
    public func set(_ port: Int) {
        let waiters = state.withLock { state in
            state.port = port
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume(returning: port) }
    }

    /// Waits until the port is known; `nil` when the waiting task is cancelled first.
    public func wait() async -> Int? {
        let id = state.withLock { state in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let answer = state.withLock { state -> Int?? in
                    if let port = state.port { return .some(port) }
                    if Task.isCancelled { return .some(nil) }
                    state.waiters[id] = continuation
                    return .none
                }
                if case .some(let port) = answer { continuation.resume(returning: port) }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume(returning: nil)
        }
    }
}
