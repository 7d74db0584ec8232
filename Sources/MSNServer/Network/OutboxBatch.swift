import MSNCore
import NIOCore

/// Queues one notice in many outboxes and then schedules their drains with one task per event
/// loop, not one per outbox: a status change to 1,000 watchers on 2 event loops costs 2
/// hand-offs between threads instead of 1,000.
///
/// ```swift
/// OutboxBatch.sending { batch in
///     for watcher in watchers { batch.send(encoded: nln, frames: [frame], to: watcher.outbox) }
/// }   // S (to each watcher): NLN NLN alice@example.com Alice 2789003324:48
/// ```
public struct OutboxBatch {
    private var waiting: [ObjectIdentifier: (loop: any EventLoop, outboxes: [Outbox])] = [:]

    private init() {}

    /// Runs `body` with a batch, then schedules the drains it collected.
    public static func sending(_ body: (inout OutboxBatch) -> Void) {
        var batch = OutboxBatch()
        body(&batch)
        for (loop, outboxes) in batch.waiting.values {
            loop.execute {
                for outbox in outboxes { outbox.drain() }
            }
        }
    }

    /// Queues `buffer` (encoded once for many recipients) in `outbox`, as
    /// ``Outbox/send(encoded:frames:)`` does; `false` when it was not queued.
    @discardableResult
    public mutating func send(encoded buffer: ByteBuffer, frames: @autoclosure () -> [Frame], to outbox: Outbox) -> Bool {
        let (queued, needsDrain) = outbox.queue(encoded: buffer, frames: frames())
        if needsDrain {
            let loop = outbox.eventLoop
            waiting[ObjectIdentifier(loop), default: (loop, [])].outboxes.append(outbox)
        }
        return queued
    }
}
