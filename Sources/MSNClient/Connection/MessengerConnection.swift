import Logging
import MSNCore
import NIOCore
import NIOPosix

/// One TCP connection to a dispatch or notification server.
///
/// A reader loop cuts the server's bytes into ``Frame``s with a ``FrameDecoder`` (sender
/// `.server`; the dialect is set from the `VER` reply as soon as it is decoded). A frame whose
/// transaction id and verb belong to a ``request(_:arguments:payload:timeout:)`` in flight
/// resumes that request; every other frame is queued, in order, for ``nextFrame(timeout:)``.
///
/// ```
/// C: CHG 9 NLN 0          request → resumed by  S: CHG 9 NLN 0
/// S: CHL 0 1557…          queued  → nextFrame()
/// ```
///
/// The actor runs on the channel's event loop. Requests and waits are bounded by timeouts,
/// cancellable, and fail with ``MessengerClientError/Code/disconnected`` once the connection
/// is gone. The queue of unread frames is bounded too.
actor MessengerConnection {
    /// The most frames kept unread before the connection is dropped as flooded.
    static let maximumQueuedFrames = 4096

    nonisolated let address: ServerAddress
    nonisolated let unownedExecutor: UnownedSerialExecutor

    private let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
    private let outgoing: AsyncStream<ByteBuffer>.Continuation
    private let outgoingStream: AsyncStream<ByteBuffer>
    private let trace: (@Sendable (TraceRecord) -> Void)?
    private let logger: Logger

    private var decoder: FrameDecoder
    private var received: ByteBuffer
    private var queue = FrameQueue()
    private var waiter: Waiter?
    private var pending: [TransactionID: Pending] = [:]
    private var nextID: TransactionID = 1
    private var waitToken = 0
    private var closure: MessengerClientError?
    private var closedWaiters: [CheckedContinuation<Void, Never>] = []
    private var started = false

    private struct Waiter {
        var token: Int
        var continuation: CheckedContinuation<Frame, any Error>
        var timer: Task<Void, Never>?
    }

    private struct Pending {
        /// The verbs that answer the request (`CHG` for `CHG`; `ACK` or `NAK` for `MSG … A`).
        var replies: [Verb]
        var continuation: CheckedContinuation<Frame, any Error>
        var timer: Task<Void, Never>?
    }

    // MARK: - Opening

    init(channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>, address: ServerAddress, limits: FrameLimits,
                 trace: (@Sendable (TraceRecord) -> Void)?, logger: Logger) {
        self.channel = channel
        self.address = address
        self.unownedExecutor = channel.channel.eventLoop.executor.asUnownedSerialExecutor()
        self.decoder = FrameDecoder(sender: .server, dialect: nil, limits: limits)
        self.received = channel.channel.allocator.buffer(capacity: 1024)
        (self.outgoingStream, self.outgoing) = AsyncStream.makeStream(of: ByteBuffer.self)
        self.trace = trace
        var logger = logger
        logger[metadataKey: "msn.server"] = "\(address)"
        self.logger = logger
    }

    func start() {
        guard !started else { return }
        started = true
        Task { await self.run() }
    }

    /// Reads until the channel closes; writes from a child task in order.
    private func run() async {
        let outgoingStream = self.outgoingStream
        let underlying = channel.channel
        var failure: MessengerClientError?
        do {
            try await channel.executeThenClose { inbound, outbound in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for await buffer in outgoingStream {
                            try await outbound.write(buffer)
                        }
                        outbound.finish()
                        try? await underlying.close()
                    }
                    for try await buffer in inbound {
                        try self.receive(buffer)
                    }
                    group.cancelAll()
                }
            }
        } catch let error as MessengerClientError {
            failure = error
        } catch let error as FramingError {
            failure = MessengerClientError(.protocolViolation, "unreadable bytes from \(address): \(error)")
        } catch {
            failure = MessengerClientError(.disconnected, "connection to \(address) failed: \(error)")
        }
        finish(failure ?? closure ?? .disconnected("\(address) closed the connection"))
    }

    // MARK: - Reading

    private func receive(_ buffer: ByteBuffer) throws {
        var buffer = buffer
        received.writeBuffer(&buffer)
        while let frame = try decoder.decode(buffer: &received) {
            deliver(frame)
        }
        if received.readableBytes > decoder.maximumBufferedBytes {
            throw MessengerClientError(.protocolViolation, "\(address) sent more than \(decoder.maximumBufferedBytes) bytes without completing a frame")
        }
        received.discardReadBytes()
    }

    private func deliver(_ frame: Frame) {
        if frame.verb == .ver, let dialect = VersionNegotiation.chosenDialect(in: frame.arguments) {
            decoder.dialect = dialect
        }
        trace?(TraceRecord(direction: .received, server: address, line: frame.line, payload: frame.payloadText))
        // The reply echoes the id and the verb (or is a numeric error); other lines with the same
        // id (`ILN 9 …` before `CHG 9 NLN 0`) are queued like pushes.
        if let id = frame.transactionID, id != .asynchronous, let request = pending[id],
           request.replies.contains(frame.verb) || frame.verb.isError {
            pending[id] = nil
            request.timer?.cancel()
            request.continuation.resume(returning: frame)
            return
        }
        if let waiter {
            self.waiter = nil
            waiter.timer?.cancel()
            waiter.continuation.resume(returning: frame)
            return
        }
        guard queue.count < Self.maximumQueuedFrames else {
            logger.warning("too many unread frames; closing")
            closure = MessengerClientError(.protocolViolation, "more than \(Self.maximumQueuedFrames) unread frames from \(address)")
            channel.channel.close(promise: nil)
            return
        }
        queue.append(frame)
    }

    /// The next frame no request claimed, in order of arrival.
    ///
    /// - Parameter timeout: how long to wait; `nil` waits until a frame arrives or the
    ///   connection closes.
    func nextFrame(timeout: Duration? = nil) async throws -> Frame {
        if let frame = queue.popFirst() { return frame }
        if let closure { throw closure }
        precondition(waiter == nil, "one reader of a connection's frames at a time")
        waitToken += 1
        let token = waitToken
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Frame, any Error>) in
                var timer: Task<Void, Never>?
                if let timeout {
                    timer = Task { [weak self] in
                        try? await Task.sleep(for: timeout)
                        guard !Task.isCancelled else { return }
                        await self?.expireWaiter(token, after: timeout)
                    }
                }
                waiter = Waiter(token: token, continuation: continuation, timer: timer)
            }
        } onCancel: {
            Task { await self.cancelWaiter(token) }
        }
    }

    /// Every frame already received and not claimed, without waiting (the `IRO`s that came
    /// before `ANS 1 OK`).
    func drainQueued() -> [Frame] {
        var frames: [Frame] = []
        while let frame = queue.popFirst() { frames.append(frame) }
        return frames
    }

    private func expireWaiter(_ token: Int, after timeout: Duration) {
        guard let waiter, waiter.token == token else { return }
        self.waiter = nil
        waiter.continuation.resume(throwing: MessengerClientError.timeout("no line from \(address) within \(timeout)"))
    }

    private func cancelWaiter(_ token: Int) {
        guard let waiter, waiter.token == token else { return }
        self.waiter = nil
        waiter.timer?.cancel()
        waiter.continuation.resume(throwing: CancellationError())
    }

    // MARK: - Writing

    /// Writes a frame as it is (its transaction id, if any, chosen by the caller).
    func write(_ frame: Frame) throws(MessengerClientError) {
        if let closure { throw closure }
        trace?(TraceRecord(direction: .sent, server: address, line: frame.line, payload: frame.payloadText))
        var buffer = channel.channel.allocator.buffer(capacity: 64)
        buffer.writeFrame(frame)
        outgoing.yield(buffer)
    }

    /// The next transaction id of this connection.
    func allocateTransactionID() -> TransactionID {
        let id = nextID
        nextID = nextID.next
        return id
    }

    /// Continues numbering after the ids a login used.
    func setNextTransactionID(_ id: TransactionID) {
        nextID = id
    }

    /// Sends `verb` with a fresh transaction id and returns the line that echoes the id
    /// (a numeric error included).
    ///
    /// ```
    /// C: CHG 9 NLN 0   →   S: CHG 9 NLN 0
    /// ```
    ///
    /// - Parameter replies: the verbs that answer; default the request's own verb. A switchboard
    ///   `MSG 4 A 161` is answered by `ACK 4` or `NAK 4`.
    func request(_ verb: Verb, arguments: [String], payload: ByteBuffer? = nil,
                 replies: [Verb]? = nil, timeout: Duration) async throws -> Frame {
        if let closure { throw closure }
        let id = allocateTransactionID()
        let frame = Frame(verb: verb, transactionID: id, arguments: arguments, payload: payload)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Frame, any Error>) in
                let timer = Task { [weak self] in
                    try? await Task.sleep(for: timeout)
                    guard !Task.isCancelled else { return }
                    await self?.expireRequest(id, verb: verb, after: timeout)
                }
                pending[id] = Pending(replies: replies ?? [verb], continuation: continuation, timer: timer)
                do {
                    try write(frame)
                } catch {
                    pending[id] = nil
                    timer.cancel()
                    continuation.resume(throwing: error)
                }
            }
        } onCancel: {
            Task { await self.cancelRequest(id) }
        }
    }

    private func expireRequest(_ id: TransactionID, verb: Verb, after timeout: Duration) {
        guard let request = pending.removeValue(forKey: id) else { return }
        request.continuation.resume(throwing: MessengerClientError.timeout("no reply to \(verb) \(id) from \(address) within \(timeout)"))
    }

    private func cancelRequest(_ id: TransactionID) {
        guard let request = pending.removeValue(forKey: id) else { return }
        request.timer?.cancel()
        request.continuation.resume(throwing: CancellationError())
    }

    // MARK: - Closing

    /// Sends what is queued, then closes. Pending requests fail with `disconnected`.
    func close() {
        if closure == nil { closure = .disconnected("the connection to \(address) was closed by the client") }
        outgoing.finish()
    }

    /// Closes at once without flushing.
    func abort(_ error: MessengerClientError) {
        if closure == nil { closure = error }
        outgoing.finish()
        channel.channel.close(promise: nil)
    }

    /// Waits until the connection is closed and its reader has stopped.
    func waitUntilClosed() async {
        if finished { return }
        await withCheckedContinuation { closedWaiters.append($0) }
    }

    private var finished = false

    private func finish(_ error: MessengerClientError) {
        if closure == nil { closure = error }
        finished = true
        outgoing.finish()
        let failure = closure ?? error
        for (_, request) in pending {
            request.timer?.cancel()
            request.continuation.resume(throwing: failure)
        }
        pending.removeAll()
        if let waiter, queue.isEmpty {
            self.waiter = nil
            waiter.timer?.cancel()
            waiter.continuation.resume(throwing: failure)
        }
        for waiter in closedWaiters { waiter.resume() }
        closedWaiters.removeAll()
        logger.debug("connection closed", metadata: ["reason": "\(failure)"])
    }

    /// Why the connection closed, once it has.
    var closeReason: MessengerClientError? { finished ? closure : nil }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
