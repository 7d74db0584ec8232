import Logging
import MSNCore
import NIOCore
import Synchronization

/// The bounded queue of bytes waiting to be written to one connection, drained by one writer.
///
/// Anything may push into an outbox without waiting: the session itself, and (for presence)
/// other sessions. When a peer reads too slowly and ``ConnectionSettings/outboxCapacity``
/// writes are queued, the next push closes the connection at once instead of queueing more:
/// one slow reader never holds up the others and never grows memory without bound.
///
/// ```
/// outbox.send(Frame(verb: .out, arguments: ["OTH"]))   // S: OUT OTH
/// outbox.finish()                                      // then close, after it is written
/// ```
public final class Outbox: Sendable {
    /// What the writer drains.
    typealias Stream = AsyncStream<ByteBuffer>

    private let continuation: Stream.Continuation
    private let allocator: ByteBufferAllocator
    private let closeConnection: @Sendable () -> Void
    private let logger: Logger
    private let trace: Bool
    private let state = Mutex(State())

    private struct State {
        var finished = false
        var overflowed = false
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
        let (stream, continuation) = Stream.makeStream(bufferingPolicy: .bufferingOldest(capacity))
        let outbox = Outbox(continuation: continuation, allocator: allocator, close: close,
                            logger: logger, trace: trace)
        return (outbox, stream)
    }

    private init(continuation: Stream.Continuation, allocator: ByteBufferAllocator,
                 close: @escaping @Sendable () -> Void, logger: Logger, trace: Bool) {
        self.continuation = continuation
        self.allocator = allocator
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
        var buffer = allocator.buffer(capacity: 64 + (frame.payload?.readableBytes ?? 0))
        buffer.writeFrame(frame)
        return enqueue(buffer)
    }

    /// Queues several frames as one write; returns `false` when they were not queued.
    @discardableResult
    public func send(_ frames: some Sequence<Frame>) -> Bool {
        var buffer = allocator.buffer(capacity: 256)
        for frame in frames {
            if trace { logger.info("S< \(frame.line)") }
            buffer.writeFrame(frame)
        }
        return enqueue(buffer)
    }

    /// Queues bytes encoded once for many recipients (a presence notice is encoded once per
    /// dialect, not once per watcher: `ByteBuffer` is copy-on-write, so every outbox shares
    /// the same storage). `frames` are only read for `--trace`.
    @discardableResult
    public func send(encoded buffer: ByteBuffer, frames: @autoclosure () -> [Frame]) -> Bool {
        if trace { for frame in frames() { logger.info("S< \(frame.line)") } }
        return enqueue(buffer)
    }

    private func enqueue(_ buffer: ByteBuffer) -> Bool {
        if state.withLock({ $0.finished }) { return false }
        switch continuation.yield(buffer) {
        case .enqueued:
            return true
        case .dropped:
            let first = state.withLock { state -> Bool in
                defer { state.finished = true; state.overflowed = true }
                return !state.overflowed
            }
            if first {
                logger.warning("outbox full: the peer reads too slowly; closing the connection")
            }
            abort()
            return false
        case .terminated:
            return false
        @unknown default:
            return false
        }
    }

    /// Accepts no more frames; the connection closes once the queued ones are written.
    public func finish() {
        state.withLock { $0.finished = true }
        continuation.finish()
    }

    /// Closes the connection now, dropping whatever is still queued.
    public func abort() {
        state.withLock { $0.finished = true }
        continuation.finish()
        closeConnection()
    }
}
