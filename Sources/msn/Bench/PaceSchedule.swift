/// The send schedule of one paced sender: message *i* is meant to leave at
/// `origin + phase + i × interval` (its *ideal* time), and is written at the first point of
/// the sender's grid (`origin + k × period`) at or after that: its *scheduled* time. Senders
/// sharing a rate get different phases, so that together they send evenly over time instead
/// of all at the same instants.
///
/// The schedule is open-loop: it depends only on the clock, never on how fast the server
/// answers, so a slow server cannot slow the offered load down and hide its own latency
/// (coordinated omission). A message is stamped with its scheduled time, not with the moment
/// it was actually written: when the timer fires late because the event loop was busy, that
/// delay counts as latency too.
///
/// ```swift
/// // 1,950 messages/s, written in batches every millisecond from t = 5 ms:
/// let schedule = PaceSchedule(origin: 5_000_000, rate: 1_950, period: 1_000_000)
/// schedule.due(at: 7_400_000)   // 4: messages 0…3 (ideal 5.0, 5.51, 6.03, 6.54 ms) are due
/// schedule.scheduled(4)         // 8_000_000: its ideal 7.05 ms, rounded up to the grid
/// ```
struct PaceSchedule: Sendable, Hashable {
    /// When message 0 is due, in nanoseconds of ``RelayMessage/now()``; a point of the grid.
    var origin: UInt64
    /// Nanoseconds between two messages' ideal times (10⁹ ÷ the rate).
    var interval: Double
    /// Nanoseconds between two points of the grid; writes happen only at grid points.
    var period: UInt64
    /// Nanoseconds from `origin` to message 0's ideal time.
    var phase: UInt64

    /// `rate` messages per second from `origin + phase`, written every `period` nanoseconds.
    init(origin: UInt64, rate: Double, period: UInt64, phase: UInt64 = 0) {
        precondition(rate > 0 && period > 0, "a pace needs a positive rate and period")
        self.origin = origin
        self.interval = 1e9 / rate
        self.period = period
        self.phase = phase
    }

    /// When message `index` would leave with no batching.
    func ideal(_ index: Int) -> UInt64 {
        origin + phase + UInt64((Double(index) * interval).rounded(.up))
    }

    /// When message `index` is written and what it is stamped with: the first grid point at
    /// or after its ideal time.
    func scheduled(_ index: Int) -> UInt64 {
        let offset = ideal(index) - origin
        return origin + (offset + period - 1) / period * period
    }

    /// How many messages are due at `time`: those whose scheduled time is at or before it
    /// (messages `0..<due(at: time)`).
    func due(at time: UInt64) -> Int {
        guard time >= origin else { return 0 }
        let grid = origin + (time - origin) / period * period
        // Message i is due when ideal(i) ≤ grid; start from the floating-point estimate and
        // settle on exactly what ideal(_:) says, so due and scheduled never disagree.
        var last = max(-1, Int(((Double(grid - origin) - Double(phase)) / interval).rounded(.down)))
        while ideal(last + 1) <= grid { last += 1 }
        while last >= 0, ideal(last) > grid { last -= 1 }
        return last + 1
    }
}
