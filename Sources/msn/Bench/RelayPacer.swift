import NIOCore

/// Paces many ``RelayConnection`` senders with one timer per event loop instead of one per
/// connection.
///
/// Every sender gets a ``PaceSchedule`` at the same rate, its first message shifted by
/// `index ÷ count` of the interval between two of its messages, so that all senders together
/// send evenly over time: 100 senders at 10 messages/s make one message every millisecond,
/// not a burst of 100 every 100 ms. The senders of one event loop are
/// spread over `slots` grids offset by `period ÷ slots`, and the loop's timer fires every
/// `period ÷ slots`: each firing writes, on every sender of that loop, the messages that have
/// become due (one write and flush per sender that has any). With 100 senders on 2 loops, a
/// 1 ms period and 4 slots that is 8,000 timer firings a second in all, where one repeated
/// task per connection at 1 ms cost 100,000, and each sender still writes once a millisecond,
/// a quarter of them at a time.
///
/// ```swift
/// RelayPacer.start(senders, rate: 1_950)   // each sender: 1,950 messages/s until stopSending()
/// ```
/// The timer stops by itself once none of its senders is pacing (``RelayConnection/stopSending()``
/// or the connection closed).
enum RelayPacer {
    /// Grid period: how often each sender writes.
    static let period: Duration = .milliseconds(1)
    /// Grids per event loop, offset from each other; the loop's timer fires `slots` times a period.
    static let slots = 4

    /// Starts pacing every sender at `rate` messages per second (returns at once).
    static func start(_ senders: [RelayConnection], rate: Double, period: Duration = period, slots: Int = slots) {
        guard rate > 0, !senders.isEmpty else { return }
        let periodNanoseconds = UInt64(max(1, TimeAmount(period).nanoseconds))
        let slots = max(1, slots)
        // A little ahead, so that the first firing is not already late.
        let origin = RelayMessage.now() + periodNanoseconds
        let interval = 1e9 / rate
        var byLoop: [ObjectIdentifier: (loop: any EventLoop, senders: [(RelayConnection, phase: UInt64)])] = [:]
        for (index, sender) in senders.enumerated() {
            let loop = sender.channel.eventLoop
            let phase = UInt64(interval * Double(index) / Double(senders.count))
            byLoop[ObjectIdentifier(loop), default: (loop, [])].senders.append((sender, phase))
        }
        for (loop, group) in byLoop.values {
            let handlers = group.map { ($0.0.handler, $0.phase) }
            loop.execute {
                let pacer = LoopPacer(loop: loop, handlers: handlers.map { ($0.0.value, $0.1) }, origin: origin, rate: rate,
                                      period: periodNanoseconds, slots: slots)
                pacer.start()
            }
        }
    }

    /// The timer of one event loop and the senders it serves (used only on that loop).
    final class LoopPacer {
        private let loop: any EventLoop
        private let handlers: [RelayConnectionHandler]
        private let origin: UInt64
        /// Nanoseconds between firings: period ÷ slots.
        private let step: UInt64
        private var firing = 0

        /// `handlers` with the phase of each one's schedule.
        init(loop: any EventLoop, handlers: [(RelayConnectionHandler, UInt64)], origin: UInt64, rate: Double,
             period: UInt64, slots: Int) {
            self.loop = loop
            self.handlers = handlers.map(\.0)
            self.origin = origin
            self.step = max(1, period / UInt64(slots))
            for (index, (handler, phase)) in handlers.enumerated() {
                let offset = UInt64(index % slots) * step
                handler.startPaced(PaceSchedule(origin: origin + offset, rate: rate, period: period, phase: phase))
            }
        }

        func start() { scheduleNext() }

        private func scheduleNext() {
            let bound = NIOLoopBound(self, eventLoop: loop)
            loop.scheduleTask(deadline: .uptimeNanoseconds(origin + UInt64(firing) * step)) { bound.value.fire() }
        }

        private func fire() {
            let now = RelayMessage.now()
            var pacing = false
            for handler in handlers {
                if handler.writeDue(now: now) { pacing = true }
            }
            guard pacing else { return }
            // The next grid point after now; firings missed while the loop was busy are not
            // repeated, their messages went out just now (and carry their scheduled times).
            firing = max(firing + 1, Int((now - min(now, origin)) / step) + 1)
            scheduleNext()
        }
    }
}
