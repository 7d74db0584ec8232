import Foundation
import Synchronization

/// How long a load phase runs: until `count` operations have started, or `duration` has
/// passed, whichever comes first. At least one bound is always set.
struct LoadLimits: Sendable, Hashable {
    /// Most operations started (across all workers); `nil`: no count bound.
    var count: Int?
    /// Longest time new operations are started; `nil`: no time bound.
    var duration: Duration?
}

/// What a load phase measured.
struct LoadResult: Sendable {
    /// Operations that succeeded.
    var succeeded: Int
    /// Operations that threw.
    var failed: Int
    /// The first few errors, for the report.
    var sampleErrors: [String]
    /// Wall-clock time from the first start to the last finish.
    var elapsed: Duration
    /// Latencies of the successful operations.
    var latency: LatencySummary

    /// Successful operations per second of wall-clock time.
    var rate: Double { elapsed > .zero ? Double(succeeded) / elapsed.seconds : 0 }
}

/// Runs one operation in a loop on `concurrency` workers, timing each call, and prints a
/// progress line on standard error every second.
///
/// ```swift
/// let result = try await LoadRunner(label: "login", concurrency: 50, limits: .init(count: 1000))
///     .run { worker, iteration in try await signInOnce(account: accounts[worker]) }
/// ```
/// Every loop is bounded: by `limits`, and each operation by its own timeouts.
struct LoadRunner: Sendable {
    /// Names the phase in the progress line.
    var label: String
    /// Concurrent workers (clients).
    var concurrency: Int
    /// When to stop starting operations.
    var limits: LoadLimits
    /// Print a progress line every second.
    var showsProgress = true
    /// How many error messages to keep.
    static let keptErrors = 5

    /// Runs `operation(worker, iteration)` until the limits are reached.
    func run(_ operation: @escaping @Sendable (_ worker: Int, _ iteration: Int) async throws -> Void) async -> LoadResult {
        let counters = LoadCounters(limit: limits.count ?? .max)
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = limits.duration.map { start + $0 }
        let progress: Task<Void, Never>? = showsProgress ? Task { await reportProgress(counters, since: start) } : nil

        let recorder = await withTaskGroup(of: LatencyRecorder.self) { group in
            for worker in 0..<max(1, concurrency) {
                group.addTask {
                    var local = LatencyRecorder()
                    var iteration = 0
                    while counters.claim() {
                        if let deadline, clock.now >= deadline { break }
                        let began = clock.now
                        do {
                            try await operation(worker, iteration)
                            local.record(clock.now - began)
                            counters.succeeded.add(1, ordering: .relaxed)
                        } catch {
                            counters.fail(with: error)
                        }
                        iteration += 1
                    }
                    return local
                }
            }
            var merged = LatencyRecorder()
            for await local in group { merged.merge(local) }
            return merged
        }
        let elapsed = clock.now - start
        progress?.cancel()
        await progress?.value
        if showsProgress { FileHandle.standardError.write(Data("\n".utf8)) }
        return LoadResult(
            succeeded: counters.succeeded.load(ordering: .relaxed),
            failed: counters.failed.load(ordering: .relaxed),
            sampleErrors: counters.errors.withLock { $0 },
            elapsed: elapsed, latency: recorder.summary())
    }

    private func reportProgress(_ counters: LoadCounters, since start: ContinuousClock.Instant) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(1))
            let done = counters.succeeded.load(ordering: .relaxed)
            let failed = counters.failed.load(ordering: .relaxed)
            let seconds = (ContinuousClock.now - start).seconds
            let rate = seconds > 0 ? Double(done) / seconds : 0
            let line = "\r\(label): \(done) ok, \(failed) failed, \(String(format: "%.0f", rate))/s, "
                + "\(String(format: "%.0f", seconds)) s   "
            FileHandle.standardError.write(Data(line.utf8))
        }
    }
}

/// The counters workers share.
final class LoadCounters: Sendable {
    let started = Atomic<Int>(0)
    let succeeded = Atomic<Int>(0)
    let failed = Atomic<Int>(0)
    let errors = Mutex<[String]>([])
    let limit: Int

    init(limit: Int) { self.limit = limit }

    /// Takes one operation from the count budget; `false` when it is spent.
    func claim() -> Bool {
        started.wrappingAdd(1, ordering: .relaxed).newValue <= limit
    }

    func fail(with error: any Error) {
        failed.add(1, ordering: .relaxed)
        errors.withLock { kept in
            if kept.count < LoadRunner.keptErrors { kept.append("\(error)") }
        }
    }
}

extension LoadRunner {
    /// Runs `operation` (which returns its own measured latency) one at a time until the limits;
    /// an operation that throws counts as failed, with its error kept for the report.
    static func repeatRuns(_ label: String, unit: String, settings: BenchSettings, progress: BenchProgress,
                           _ operation: () async throws -> Duration) async -> LoadResult {
        var recorder = LatencyRecorder()
        var failed = 0
        var errors: [String] = []
        let start = ContinuousClock.now
        let deadline = settings.limits.duration.map { start + $0 }
        var done = 0
        while done < (settings.limits.count ?? .max) {
            if let deadline, ContinuousClock.now >= deadline { break }
            do {
                recorder.record(try await operation())
            } catch {
                failed += 1
                if errors.count < keptErrors { errors.append("\(error)") }
            }
            done += 1
            progress.tick("\(label): \(done) \(unit), \(failed) failed")
        }
        progress.end()
        return LoadResult(succeeded: recorder.count, failed: failed, sampleErrors: errors,
                          elapsed: ContinuousClock.now - start, latency: recorder.summary())
    }
}
