import Logging
import MSNCore
import NIOCore
import Synchronization

/// The bounded queue of bytes waiting to be written to one connection, drained on the
/// connection's event loop.
///
/// Anything may push into an outbox without waiting: the session itself, and (for presence or
/// a switchboard `MSG`) other sessions. Frames are encoded straight into one pending buffer;
/// the first send after a drain schedules one on the channel's event loop, which writes
/// everything pending with a single write and flush. A busy connection so costs one hop and
/// one system call per batch, not per frame, and no task of its own.
///
/// Backpressure comes from the socket: while the channel is not writable (the peer reads
/// slower than we write and NIO's high-water mark is reached) nothing is drained, and when
/// ``ConnectionSettings/outboxCapacity`` sends have piled up the next one closes the
/// connection at once instead of queueing more: one slow reader never holds up the others and
/// never grows memory without bound. While the channel is writable a drain is already on its
/// way, so a burst may queue up to four times the capacity before it counts as overflow.
///
/// ```
/// outbox.send(Frame(verb: .out, arguments: ["OTH"]))   // S: OUT OTH
/// outbox.finish()                                      // then close, after it is written
/// ```
public final class Outbox: Sendable {
    private let channel: any Channel
    private let capacity: Int
    private let logger: Logger
    private let trace: Bool
    private let state = Mutex(State())

    private struct State {
        var finished = false
        var overflowed = false
        /// Bytes not yet handed to the channel.
        var pending: ByteBuffer?
        /// Sends in ``pending``.
        var queued = 0
        /// A drain is scheduled on the event loop, or waits for the channel to be writable:
        /// further sends only add to ``pending``.
        var draining = false
        /// The channel's close was requested.
        var closing = false
    }

    /// Creates the outbox of `channel`; at most `capacity` sends wait while it is not writable.
    init(channel: any Channel, capacity: Int, logger: Logger, trace: Bool) {
        self.channel = channel
        self.capacity = max(1, capacity)
        self.logger = logger
        self.trace = trace
    }

    /// `true` once the outbox accepts no more frames (finished, overflowed, or closed).
    public var isFinished: Bool { state.withLock { $0.finished } }

    /// `true` when the connection was closed because its outbox was full.
    public var didOverflow: Bool { state.withLock { $0.overflowed } }

    /// Queues `frame`; returns `false` when it was not queued (finished or full).
    @discardableResult
    public func send(_ frame: Frame) -> Bool {
        if trace { logger.info("S< \(frame.line)") }
        return enqueue(sizeHint: 64 + (frame.payload?.readableBytes ?? 0)) { $0.writeFrame(frame) }
    }

    /// Queues several frames as one write; returns `false` when they were not queued.
    @discardableResult
    public func send(_ frames: some Sequence<Frame>) -> Bool {
        let frames = Array(frames)
        if trace { for frame in frames { logger.info("S< \(frame.line)") } }
        return enqueue(sizeHint: 256) { buffer in
            for frame in frames { buffer.writeFrame(frame) }
        }
    }

    /// Queues bytes encoded once for many recipients (a presence notice is encoded once per
    /// dialect, not once per watcher). `frames` are only read for `--trace`.
    @discardableResult
    public func send(encoded buffer: ByteBuffer, frames: @autoclosure () -> [Frame]) -> Bool {
        let (queued, needsDrain) = queue(encoded: buffer, frames: frames())
        if needsDrain { scheduleDrain() }
        return queued
    }

    /// ``send(encoded:frames:)`` without scheduling the drain it may need: `needsDrain` tells
    /// the caller to call ``scheduleDrain()`` or ``drain()`` on the event loop (``OutboxBatch``).
    func queue(encoded buffer: ByteBuffer, frames: @autoclosure () -> [Frame]) -> (queued: Bool, needsDrain: Bool) {
        if trace { for frame in frames() { logger.info("S< \(frame.line)") } }
        return enqueueDeferringDrain(sizeHint: buffer.readableBytes, first: buffer) { $0.writeImmutableBuffer(buffer) }
    }

    /// The event loop this outbox is drained on.
    var eventLoop: any EventLoop { channel.eventLoop }

    /// Schedules a drain on the event loop.
    func scheduleDrain() {
        channel.eventLoop.execute { self.drain() }
    }

    private enum Outcome { case queued, refused, overflowed }

    /// Appends to the pending bytes with `write`; `first`, when given, becomes the pending
    /// buffer as is (shared, not copied) when nothing else is pending.
    private func enqueue(sizeHint: Int, first: ByteBuffer? = nil, _ write: (inout ByteBuffer) -> Void) -> Bool {
        let (queued, needsDrain) = enqueueDeferringDrain(sizeHint: sizeHint, first: first, write)
        if needsDrain { scheduleDrain() }
        return queued
    }

    /// ``enqueue(sizeHint:first:_:)``, leaving the drain to the caller.
    private func enqueueDeferringDrain(sizeHint: Int, first: ByteBuffer?,
                                       _ write: (inout ByteBuffer) -> Void) -> (queued: Bool, needsDrain: Bool) {
        let (outcome, schedule) = state.withLock { state -> (Outcome, Bool) in
            if state.finished { return (.refused, false) }
            if state.queued >= capacity, state.queued >= capacity * 4 || !channel.isWritable {
                state.finished = true
                state.overflowed = true
                state.pending = nil
                state.queued = 0
                state.closing = true
                return (.overflowed, false)
            }
            if state.pending == nil, let first {
                state.pending = first
            } else {
                if state.pending == nil { state.pending = channel.allocator.buffer(capacity: max(sizeHint, 512)) }
                write(&state.pending!)
            }
            state.queued += 1
            return (.queued, scheduleDrain(&state))
        }
        switch outcome {
        case .queued:
            return (true, schedule)
        case .refused:
            return (false, false)
        case .overflowed:
            logger.warning("outbox full: the peer reads too slowly; closing the connection")
            channel.close(mode: .all, promise: nil)
            return (false, false)
        }
    }

    /// Marks a drain as scheduled; `true` when the caller must schedule it.
    private func scheduleDrain(_ state: inout State) -> Bool {
        if state.draining { return false }
        state.draining = true
        return true
    }

    /// Writes everything pending with one write and flush, then closes the channel if the
    /// outbox is finished. Runs on the event loop: when a drain is scheduled, and when the
    /// channel becomes writable again (``OutboxWritabilityHandler``).
    func drain() {
        let writable = channel.isWritable
        let (bytes, close) = state.withLock { state -> (ByteBuffer?, Bool) in
            guard writable, !state.closing else {
                // Stay marked as draining: the writability change calls back.
                return (nil, false)
            }
            state.draining = false
            let bytes = state.pending.take()
            state.queued = 0
            if state.finished {
                state.closing = true
                return (bytes, true)
            }
            return (bytes, false)
        }
        switch (bytes, close) {
        case (let bytes?, false):
            channel.writeAndFlush(bytes, promise: nil)
        case (let bytes?, true):
            let channel = channel
            channel.writeAndFlush(bytes).whenComplete { _ in channel.close(mode: .all, promise: nil) }
        case (nil, true):
            channel.close(mode: .all, promise: nil)
        case (nil, false):
            break
        }
    }

    /// Accepts no more frames; the connection closes once the queued ones are written.
    public func finish() {
        let schedule = state.withLock { state -> Bool in
            if state.finished { return false }
            state.finished = true
            return scheduleDrain(&state)
        }
        if schedule { scheduleDrain() }
    }

    /// Closes the connection now, dropping whatever is still queued.
    public func abort() {
        state.withLock { state in
            state.finished = true
            state.pending = nil
            state.queued = 0
            state.closing = true
        }
        channel.close(mode: .all, promise: nil)
    }
}
