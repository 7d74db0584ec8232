import Logging
import MSNCore
import NIOCore
import Synchronization

/// The bounded queue of bytes waiting to be written to one connection, drained by one writer.
///
/// Anything may push into an outbox without waiting: the session itself, and (for presence or
/// a switchboard `MSG`) other sessions. Frames are encoded straight into one pending buffer;
/// the writer takes everything pending at once and writes it with a single write and flush,
/// so a busy connection costs one system call per batch, not per frame. When a peer reads too
/// slowly and ``ConnectionSettings/outboxCapacity`` sends are waiting for the writer, the next
/// send closes the connection at once instead of queueing more: one slow reader never holds up
/// the others and never grows memory without bound.
///
/// ```
/// outbox.send(Frame(verb: .out, arguments: ["OTH"]))   // S: OUT OTH
/// outbox.finish()                                      // then close, after it is written
/// ```
public final class Outbox: Sendable {
    /// What the writer drains: each element is every byte queued since the last one.
    typealias Stream = OutboxStream

    private let allocator: ByteBufferAllocator
    private let capacity: Int
    private let closeConnection: @Sendable () -> Void
    private let logger: Logger
    private let trace: Bool
    private let state = Mutex(State())

    private struct State {
        var finished = false
        var overflowed = false
        /// Bytes not yet taken by the writer.
        var pending: ByteBuffer?
        /// Sends in ``pending``.
        var queued = 0
        /// The writer, waiting for bytes.
        var waiter: CheckedContinuation<ByteBuffer?, Never>?
        /// The writer's wait was cancelled before it began.
        var cancelled = false
    }

    /// Creates an outbox for `channel` and the stream its writer drains.
    static func make(channel: any Channel, capacity: Int, logger: Logger,
                     trace: Bool) -> (Outbox, Stream) {
        make(allocator: channel.allocator, capacity: capacity, logger: logger, trace: trace) {
            channel.close(mode: .all, promise: nil)
        }
    }

    /// Creates an outbox and the stream its writer drains; `close` ends the connection at once.
    static func make(allocator: ByteBufferAllocator, capacity: Int, logger: Logger, trace: Bool,
                     close: @escaping @Sendable () -> Void) -> (Outbox, Stream) {
        let outbox = Outbox(allocator: allocator, capacity: max(1, capacity), close: close, logger: logger, trace: trace)
        return (outbox, OutboxStream(outbox: outbox))
    }

    private init(allocator: ByteBufferAllocator, capacity: Int,
                 close: @escaping @Sendable () -> Void, logger: Logger, trace: Bool) {
        self.allocator = allocator
        self.capacity = capacity
        self.closeConnection = close
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
        if trace { for frame in frames() { logger.info("S< \(frame.line)") } }
        return enqueue(sizeHint: buffer.readableBytes) { $0.writeImmutableBuffer(buffer) }
    }

    private enum Outcome { case queued, refused, overflowed }

    private func enqueue(sizeHint: Int, _ write: (inout ByteBuffer) -> Void) -> Bool {
        let (outcome, wake) = state.withLock { state -> (Outcome, (CheckedContinuation<ByteBuffer?, Never>, ByteBuffer)?) in
            if state.finished { return (.refused, nil) }
            if state.queued >= capacity {
                state.finished = true
                state.overflowed = true
                return (.overflowed, state.waiter.take().map { ($0, ByteBuffer()) })
            }
            var buffer = state.pending.take() ?? allocator.buffer(capacity: max(sizeHint, 512))
            write(&buffer)
            if let waiter = state.waiter.take() { return (.queued, (waiter, buffer)) }
            state.pending = buffer
            state.queued += 1
            return (.queued, nil)
        }
        switch outcome {
        case .queued:
            if let (waiter, buffer) = wake { waiter.resume(returning: buffer) }
            return true
        case .refused:
            return false
        case .overflowed:
            if let (waiter, _) = wake { waiter.resume(returning: nil) }
            logger.warning("outbox full: the peer reads too slowly; closing the connection")
            closeConnection()
            return false
        }
    }

    /// Everything queued since the last call, waiting until something is; `nil` once the
    /// outbox is finished and drained (or the wait is cancelled).
    func next() async -> ByteBuffer? {
        if let ready = state.withLock({ state -> ByteBuffer?? in
            if let pending = state.pending.take() {
                state.queued = 0
                return .some(pending)
            }
            return state.finished || state.cancelled ? .some(nil) : .none
        }) {
            return ready
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<ByteBuffer?, Never>) in
                let ready: ByteBuffer?? = state.withLock { state in
                    if let pending = state.pending.take() {
                        state.queued = 0
                        return .some(pending)
                    }
                    if state.finished || state.cancelled { return .some(nil) }
                    state.waiter = continuation
                    return .none
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                state.cancelled = true
                return state.waiter.take()
            }
            waiter?.resume(returning: nil)
        }
    }

    /// Accepts no more frames; the connection closes once the queued ones are written.
    public func finish() {
        let waiter = state.withLock { state in
            state.finished = true
            return state.pending == nil ? state.waiter.take() : nil
        }
        waiter?.resume(returning: nil)
    }

    /// Closes the connection now, dropping whatever is still queued.
    public func abort() {
        let waiter = state.withLock { state in
            state.finished = true
            state.pending = nil
            state.queued = 0
            return state.waiter.take()
        }
        waiter?.resume(returning: nil)
        closeConnection()
    }
}

/// The bytes an ``Outbox``'s writer drains, one batch per element.
struct OutboxStream: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let outbox: Outbox

    struct AsyncIterator: AsyncIteratorProtocol {
        let outbox: Outbox
        mutating func next() async -> ByteBuffer? { await outbox.next() }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(outbox: outbox) }
}
