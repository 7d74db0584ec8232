import Foundation
import MSNCore
import NIOCore
import NIOPosix
import Synchronization

/// What one load-generator connection counted, readable from any thread.
final class RelayCounters: Sendable {
    /// Messages written (a sending side).
    let sent = Atomic<Int>(0)
    /// `ACK`s read (MSN), or echo bytes read (byte relay).
    let acknowledged = Atomic<Int>(0)
    /// `NAK`s and any other unexpected line on a sending side; misframed messages on a receiving side.
    let errors = Atomic<Int>(0)
    /// Messages read whole (a receiving side).
    let received = Atomic<Int>(0)
    /// The peer closed the connection when we did not ask for it.
    let disconnected = Atomic<Bool>(false)
}

/// One load-generator TCP connection. It starts in *line* mode, where the server's frames
/// arrive on ``frames`` (for the switchboard and notification handshakes), and can then be
/// turned into a *sender* (writes ``RelayMessage``s, counts `ACK`s) or a *receiver* (counts
/// messages by their fixed length, reads their send times), all on the channel's event loop:
/// no task switch per message, one write and flush per batch.
///
/// ```swift
/// let sb = try await RelayConnection.connect(to: address, dialect: .msnp11)
/// try await sb.send(Frame(verb: .usr, transactionID: 1, arguments: [email, cookie]))
/// var frames = sb.frames.makeAsyncIterator()
/// ```
final class RelayConnection: Sendable {
    let channel: any Channel
    let counters: RelayCounters
    /// Frames read in line mode.
    let frames: AsyncThrowingStream<Frame, any Error>
    /// The handler, usable on the channel's event loop (``RelayPacer`` drives it there).
    let handler: NIOLoopBound<RelayConnectionHandler>

    private init(channel: any Channel, handler: NIOLoopBound<RelayConnectionHandler>, counters: RelayCounters,
                 frames: AsyncThrowingStream<Frame, any Error>) {
        self.channel = channel
        self.handler = handler
        self.counters = counters
        self.frames = frames
    }

    /// Connects to `host:port`; frames are decoded in `dialect` until the mode changes.
    static func connect(host: String, port: Int, dialect: Dialect?) async throws -> RelayConnection {
        let counters = RelayCounters()
        let (frames, continuation) = AsyncThrowingStream<Frame, any Error>.makeStream(bufferingPolicy: .bufferingOldest(1024))
        let (channel, handler) = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handler = RelayConnectionHandler(counters: counters, frames: continuation, dialect: dialect)
                    try channel.pipeline.syncOperations.addHandler(handler)
                    return (channel, NIOLoopBound(handler, eventLoop: channel.eventLoop))
                }
            }
        return RelayConnection(channel: channel, handler: handler, counters: counters, frames: frames)
    }

    /// Writes `frame` (line mode).
    func send(_ frame: Frame) async throws {
        var buffer = channel.allocator.buffer(capacity: 128)
        buffer.writeFrame(frame)
        try await channel.writeAndFlush(buffer).get()
    }

    /// Writes raw bytes.
    func send(bytes: [UInt8]) async throws {
        try await channel.writeAndFlush(channel.allocator.buffer(bytes: bytes)).get()
    }

    /// Runs `body` with the handler on its event loop.
    @discardableResult
    func onLoop<Result: Sendable>(_ body: @escaping @Sendable (RelayConnectionHandler) -> Result) async throws -> Result {
        let handler = handler
        return try await channel.eventLoop.submit { body(handler.value) }.get()
    }

    /// Becomes a sender of `message`'s bytes; `echoAcknowledges`: each byte read is one
    /// acknowledgement (byte relay) instead of an `ACK` line.
    func becomeSender(echoAcknowledges: Bool) async throws {
        try await onLoop { $0.becomeSender(echoAcknowledges: echoAcknowledges) }
    }

    /// Becomes a receiver; `echo`: writes one byte back per message (byte relay).
    func becomeReceiver(echo: Bool) async throws {
        try await onLoop { $0.becomeReceiver(echo: echo) }
    }

    /// Runs `body` with the handler on its event loop, without waiting for it.
    private func onLoopLater(_ body: @escaping @Sendable (RelayConnectionHandler) -> Void) {
        let handler = handler
        channel.eventLoop.execute { body(handler.value) }
    }

    /// Keeps `window` messages outstanding until ``stopSending()`` (returns at once).
    func startWindow(_ window: Int) {
        onLoopLater { $0.startWindow(window) }
    }

    /// Stops sending (returns at once; the event loop stops at its next turn).
    func stopSending() {
        onLoopLater { $0.stopSending() }
    }

    /// Stops sending and returns once the event loop has: nothing is sent after that.
    func stopSendingAndWait() async {
        _ = try? await onLoop { $0.stopSending() }
    }

    /// Messages stamped at or after `time` count as latency-phase messages from now on.
    func setLatencyPhase(from time: UInt64) async throws {
        try await onLoop { $0.latencyFrom = time }
    }

    /// The latencies recorded so far: (before the latency phase, during it).
    func latencies() async throws -> (peak: LatencyRecorder, paced: LatencyRecorder) {
        try await onLoop { ($0.peakLatencies, $0.pacedLatencies) }
    }

    /// A paced sender's lateness: per message, actual write time − scheduled send time.
    func paceLateness() async throws -> LatencyRecorder {
        try await onLoop { $0.paceLateness }
    }

    /// Closes the connection; its close is not counted as a disconnect.
    func close() async {
        _ = try? await onLoop { $0.closing = true }
        try? await channel.close().get()
    }
}

/// The event-loop side of a ``RelayConnection``.
final class RelayConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum Mode { case lines, sender, receiver }

    private let counters: RelayCounters
    private let frames: AsyncThrowingStream<Frame, any Error>.Continuation
    private var mode = Mode.lines
    private var context: ChannelHandlerContext?
    /// Set before we close, so that the close is not a disconnect.
    var closing = false

    // Line mode.
    private var decoder: FrameDecoder
    private var pending = ByteBuffer()

    // Sender.
    private var message = RelayMessage()
    private var echoAcknowledges = false
    private var sent = 0
    private var acknowledged = 0
    private var window = 0
    private var sending = false
    /// Paced sending: the schedule, and ``sent`` when it started.
    private var pace: PaceSchedule?
    private var pacedBaseline = 0
    /// The scheduled time of the next paced message: before it, ``writeDue(now:)`` is one comparison.
    private var nextDue = UInt64.max
    /// Per paced message: actual write time − scheduled time (how late the generator's timer was).
    private(set) var paceLateness = LatencyRecorder()
    private var lineStart = true
    private var firstByte: UInt8 = 0

    // Receiver.
    private var echo = false
    private var messageSize = 0
    private var position = 0
    private var stamp = [UInt8](repeating: 0, count: RelayMessage.stampDigits)
    private var misframed = false
    var latencyFrom = UInt64.max
    private(set) var peakLatencies = LatencyRecorder()
    private(set) var pacedLatencies = LatencyRecorder()

    init(counters: RelayCounters, frames: AsyncThrowingStream<Frame, any Error>.Continuation, dialect: Dialect?) {
        self.counters = counters
        self.frames = frames
        self.decoder = FrameDecoder(sender: .server, dialect: dialect)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        switch mode {
        case .lines:
            pending.writeBuffer(&bytes)
            decodeLines()
        case .sender:
            readAcknowledgements(bytes)
        case .receiver:
            readMessages(bytes)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        pace = nil
        sending = false
        if !closing {
            counters.disconnected.store(true, ordering: .relaxed)
            frames.finish(throwing: RelayError("the server closed the connection"))
        } else {
            frames.finish()
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    // MARK: - Lines

    private func decodeLines() {
        do {
            while let frame = try decoder.decode(buffer: &pending) { frames.yield(frame) }
            pending.discardReadBytes()
        } catch {
            frames.finish(throwing: error)
            context?.close(promise: nil)
        }
    }

    // MARK: - Sender

    func becomeSender(echoAcknowledges: Bool) {
        mode = .sender
        self.echoAcknowledges = echoAcknowledges
        frames.finish()
    }

    func startWindow(_ window: Int) {
        self.window = window
        sending = true
        topUp()
    }

    /// Starts sending on `schedule`; ``RelayPacer``'s timer then calls ``writeDue(now:)``.
    func startPaced(_ schedule: PaceSchedule) {
        sending = true
        window = 0
        pace = schedule
        pacedBaseline = sent
        nextDue = schedule.scheduled(0)
    }

    /// Writes, in one buffer and one flush, every message of the pace that is due at `now`
    /// and not yet written, each stamped with its scheduled time. Returns whether this
    /// connection is still pacing.
    func writeDue(now: UInt64) -> Bool {
        guard sending, let pace else { return false }
        if now < nextDue { return true }
        guard let context, context.channel.isActive else { return false }
        let written = sent - pacedBaseline
        let due = pace.due(at: now) - written
        if due > 0 {
            write(due) { sequence in
                let scheduled = pace.scheduled(sequence - self.pacedBaseline)
                self.paceLateness.record(nanoseconds: now > scheduled ? now - scheduled : 0)
                return scheduled
            }
        }
        nextDue = pace.scheduled(sent - pacedBaseline)
        return true
    }

    func stopSending() {
        sending = false
        pace = nil
    }

    private func topUp() {
        guard sending, window > 0 else { return }
        let room = window - (sent - acknowledged)
        if room > 0 {
            let now = RelayMessage.now()
            write(room) { _ in now }
        }
    }

    /// Writes `count` messages in one buffer and flushes once; message number `n` (counting
    /// every message this connection sent) carries the send time `stamp(n)`.
    private func write(_ count: Int, stamp: (Int) -> UInt64) {
        guard let context, context.channel.isActive else { return }
        var buffer = context.channel.allocator.buffer(capacity: count * message.count)
        for _ in 0..<count {
            let time = stamp(sent)
            message.stamp(sequence: sent, time: time)
            buffer.writeBytes(message.bytes)
            sent += 1
        }
        counters.sent.store(sent, ordering: .relaxed)
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
    }

    /// Counts `ACK` lines (or echo bytes); `NAK` and anything else are errors.
    private func readAcknowledgements(_ bytes: ByteBuffer) {
        if echoAcknowledges {
            acknowledged += bytes.readableBytes
        } else {
            var errors = 0
            bytes.withUnsafeReadableBytes { raw in
                for byte in raw {
                    if lineStart {
                        firstByte = byte
                        lineStart = false
                    }
                    if byte == UInt8(ascii: "\n") {
                        if firstByte == UInt8(ascii: "A") { acknowledged += 1 } else { errors += 1 }
                        lineStart = true
                    }
                }
            }
            if errors > 0 { counters.errors.add(errors, ordering: .relaxed) }
        }
        counters.acknowledged.store(acknowledged, ordering: .relaxed)
        topUp()
    }

    // MARK: - Receiver

    func becomeReceiver(echo: Bool) {
        mode = .receiver
        self.echo = echo
        frames.finish()
        if pending.readableBytes > 0 {
            let rest = pending
            pending.clear()
            readMessages(rest)
        }
    }

    /// Counts whole messages by length. The length is learnt from the first message's
    /// header line (`MSG sender name 164` or `MSG 1000000 A 164`): header plus payload.
    private func readMessages(_ bytes: ByteBuffer) {
        guard !misframed else { return }
        var bytes = bytes
        if messageSize == 0 {
            pending.writeBuffer(&bytes)
            guard let size = Self.messageSize(of: pending) else {
                if pending.readableBytes > 4096 { misframe() }
                return
            }
            messageSize = size
            bytes = pending
            pending = ByteBuffer()
        }
        let now = RelayMessage.now()
        let size = messageSize, stampStart = size - RelayMessage.stampDigits
        var completed = 0
        bytes.withUnsafeReadableBytes { raw in
            var index = 0
            while index < raw.count {
                if position == 0, raw[index] != UInt8(ascii: "M") {
                    misframed = true
                    return
                }
                let take = min(size - position, raw.count - index)
                let low = max(position, stampStart), high = position + take
                if low < high {
                    for offset in low..<high { stamp[offset - stampStart] = raw[index + offset - position] }
                }
                position += take
                index += take
                if position == size {
                    position = 0
                    completed += 1
                    if let sentAt = RelayMessage.readStamp(stamp) {
                        let latency = now > sentAt ? now - sentAt : 0
                        if sentAt >= latencyFrom {
                            pacedLatencies.record(nanoseconds: latency)
                        } else {
                            peakLatencies.record(nanoseconds: latency)
                        }
                    }
                }
            }
        }
        if misframed { misframe() }
        guard completed > 0 else { return }
        counters.received.add(completed, ordering: .relaxed)
        if echo, let context {
            var reply = context.channel.allocator.buffer(capacity: completed)
            reply.writeRepeatingByte(UInt8(ascii: "+"), count: completed)
            context.writeAndFlush(wrapOutboundOut(reply), promise: nil)
        }
    }

    private func misframe() {
        misframed = true
        counters.errors.add(1, ordering: .relaxed)
    }

    /// Header line length plus the payload length it announces, once the line is complete.
    static func messageSize(of buffer: ByteBuffer) -> Int? {
        let view = buffer.readableBytesView
        guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let line = view[view.startIndex..<newline]
        let header = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard header.hasPrefix("MSG "), let length = header.split(separator: " ").last.flatMap({ Int($0) }),
              length >= RelayMessage.stampDigits
        else { return nil }
        return newline - view.startIndex + 1 + length
    }
}

/// A relay benchmark step that failed.
struct RelayError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
