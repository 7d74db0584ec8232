import Synchronization

/// Counts and latencies of one operation kind of `msn bench mixed`, shared by its tasks.
final class OperationStats: Sendable {
    let name: String
    private let latencies = Mutex(LatencyRecorder())
    let succeeded = Atomic<Int>(0)
    let failed = Atomic<Int>(0)
    /// Operations not started because nobody was free for them (not an error).
    let skipped = Atomic<Int>(0)
    private let errors = Mutex<[String]>([])

    init(_ name: String) { self.name = name }

    func success(_ latency: Duration) {
        latencies.withLock { $0.record(latency) }
        succeeded.add(1, ordering: .relaxed)
    }

    func failure(_ error: any Error) { failure("\(error)") }

    func failure(_ text: String) {
        failed.add(1, ordering: .relaxed)
        errors.withLock { if $0.count < LoadRunner.keptErrors { $0.append(text) } }
    }

    /// Times `body`; a throw is a failure.
    @discardableResult
    func measure<T: Sendable>(_ body: () async throws -> T) async -> T? {
        let started = ContinuousClock.now
        do {
            let value = try await body()
            success(.now - started)
            return value
        } catch {
            failure(error)
            return nil
        }
    }

    func result(elapsed: Duration) -> LoadResult {
        LoadResult(succeeded: succeeded.load(ordering: .relaxed), failed: failed.load(ordering: .relaxed),
                   sampleErrors: errors.withLock { $0 }, elapsed: elapsed,
                   latency: latencies.withLock { $0.summary() })
    }
}

/// A shared integer counter that escaping closures can capture (an `Atomic` cannot be).
final class SharedCounter: Sendable {
    private let value = Atomic<Int>(0)

    /// Adds one; returns the value before.
    func next() -> Int { value.wrappingAdd(1, ordering: .relaxed).oldValue }
    func add(_ amount: Int) { value.add(amount, ordering: .relaxed) }
    var current: Int { value.load(ordering: .relaxed) }
}

/// A value behind a lock that escaping closures can capture (a `Mutex` cannot be).
final class SharedBox<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) { mutex = Mutex(value) }

    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        mutex.withLock { body(&$0) }
    }
}
