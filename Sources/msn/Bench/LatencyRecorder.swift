/// Collects latencies and summarises them as percentiles.
///
/// Samples are kept exactly (nanoseconds, 8 bytes each) and sorted once when summarised, so
/// percentiles are exact. A run is bounded in count and time, which bounds memory too: a
/// million samples take 8 MB. Each worker owns a recorder; ``merge(_:)`` combines them.
///
/// ```swift
/// var recorder = LatencyRecorder()
/// recorder.record(.milliseconds(3))
/// recorder.summary().p99        // 3 ms
/// ```
struct LatencyRecorder: Sendable {
    private(set) var samples: [UInt64] = []

    /// Number of samples recorded.
    var count: Int { samples.count }

    /// Records one latency (negative durations count as zero).
    mutating func record(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let nanoseconds = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        samples.append(UInt64(max(0, nanoseconds)))
    }

    /// Records one latency given in nanoseconds.
    mutating func record(nanoseconds: UInt64) {
        samples.append(nanoseconds)
    }

    /// Adds every sample of `other`.
    mutating func merge(_ other: LatencyRecorder) {
        samples.append(contentsOf: other.samples)
    }

    /// The percentiles of everything recorded (all zero when nothing was).
    func summary() -> LatencySummary {
        guard !samples.isEmpty else { return LatencySummary() }
        let sorted = samples.sorted()
        /// The nearest-rank percentile: the smallest sample with at least `p` % at or below it.
        func percentile(_ p: Double) -> Duration {
            let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
            return .nanoseconds(Int64(sorted[min(max(rank, 1), sorted.count) - 1]))
        }
        let total = sorted.reduce(0.0) { $0 + Double($1) }
        return LatencySummary(
            count: sorted.count,
            minimum: .nanoseconds(Int64(sorted[0])),
            mean: .nanoseconds(Int64(total / Double(sorted.count))),
            p50: percentile(50), p90: percentile(90), p99: percentile(99),
            maximum: .nanoseconds(Int64(sorted[sorted.count - 1])))
    }
}

/// Percentiles of a set of latencies (nearest rank).
struct LatencySummary: Sendable, Hashable {
    var count = 0
    var minimum: Duration = .zero
    var mean: Duration = .zero
    var p50: Duration = .zero
    var p90: Duration = .zero
    var p99: Duration = .zero
    var maximum: Duration = .zero
}

extension Duration {
    /// This duration in milliseconds, as a floating-point number.
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1_000 + Double(attoseconds) / 1e15
    }

    /// This duration in seconds, as a floating-point number.
    var seconds: Double { milliseconds / 1_000 }
}
