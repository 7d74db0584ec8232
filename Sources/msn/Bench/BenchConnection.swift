import MSNAuth
import MSNClient
import MSNCore
import NIOCore
import NIOPosix
import Synchronization

/// One raw protocol connection of the load generator (notification server or switchboard),
/// light enough to hold ten thousand of in one process: a NIO handler decodes frames on the
/// event loop, hands replies to whoever waits for their transaction id, answers `CHL` with
/// `QRY` by itself, and passes every other frame to `onPush`.
///
/// ```
/// C: CHG 12 NLN 0            → request(…) returns S: CHG 12 NLN 0
/// S: CHL 0 15570131571988941333
/// C: QRY 13 PROD0090YUAUV{2B 32 + response     (sent by the handler)
/// S: NLN AWY bob@bench.invalid bob@bench.invalid 0   → onPush
/// ```
/// A close the caller did not ask for (``close()``, or a reply to `OUT`) is an *unexpected
/// close*: ``onClose`` is told which it was.
final class BenchConnection: Sendable {
    let channel: any Channel
    private let handler: NIOLoopBound<BenchFrameHandler>
    private let nextID = Atomic<UInt32>(1)
    private let closing = Atomic<Bool>(false)

    /// The frames that are not replies; called on the event loop.
    typealias PushHandler = @Sendable (Frame) -> Void
    /// Called once when the connection is gone; `true` when nobody asked for it to close.
    typealias CloseHandler = @Sendable (_ unexpected: Bool) -> Void

    private init(channel: any Channel, handler: BenchFrameHandler) {
        self.channel = channel
        self.handler = NIOLoopBound(handler, eventLoop: channel.eventLoop)
    }

    /// Connects to `address`, decoding server frames of `dialect`; `answersChallenges` makes
    /// the connection answer `CHL` (notification server only).
    static func connect(to address: ServerAddress, dialect: Dialect, answersChallenges: Bool,
                        timeout: Duration = .seconds(10), onPush: @escaping PushHandler,
                        onClose: @escaping CloseHandler = { _ in }) async throws -> BenchConnection {
        let box = SharedBox<BenchConnection?>(nil)
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(TimeAmount(timeout))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handler = BenchFrameHandler(dialect: dialect, answersChallenges: answersChallenges,
                                                    onPush: onPush) { box.withLock { $0 } }
                    try channel.pipeline.syncOperations.addHandler(handler)
                    box.withLock { $0 = BenchConnection(channel: channel, handler: handler) }
                }
            }
            .connect(host: address.host, port: address.port).get()
        guard let connection = box.withLock({ $0 }) else {
            channel.close(promise: nil)
            throw NotificationLoginClient.Failure(description: "no handler on the connection")
        }
        channel.closeFuture.whenComplete { _ in onClose(!connection.closing.load(ordering: .relaxed)) }
        return connection
    }

    /// A fresh transaction id.
    func makeTransactionID() -> TransactionID {
        TransactionID(nextID.wrappingAdd(1, ordering: .relaxed).oldValue)
    }

    /// Writes `frame`, expecting no reply.
    func send(_ frame: Frame) {
        var buffer = channel.allocator.buffer(capacity: 64 + (frame.payload?.readableBytes ?? 0))
        buffer.writeFrame(frame)
        channel.writeAndFlush(buffer, promise: nil)
    }

    /// Writes `frame` (which has a transaction id) and returns the reply with that id and
    /// `verb`, or an error reply with that id; throws on timeout or when the connection closes.
    func request(_ frame: Frame, expecting verb: Verb, timeout: Duration = .seconds(15)) async throws -> Frame {
        guard let trID = frame.transactionID else { throw failure("\(frame.verb) has no transaction id") }
        let promise = channel.eventLoop.makePromise(of: Frame.self)
        var encoded = channel.allocator.buffer(capacity: 64 + (frame.payload?.readableBytes ?? 0))
        encoded.writeFrame(frame)
        let handler = handler, channel = channel, buffer = encoded
        channel.eventLoop.execute {
            handler.value.expect(trID, verb: verb, promise: promise)
            channel.writeAndFlush(buffer, promise: nil)
        }
        let timer = channel.eventLoop.scheduleTask(in: TimeAmount(timeout)) {
            handler.value.forget(trID)
            promise.fail(NotificationLoginClient.Failure(description: "no \(verb) \(trID) within \(timeout)"))
        }
        defer { timer.cancel() }
        let reply = try await promise.futureResult.get()
        if reply.verb.isError { throw failure("\(frame.verb) \(trID) refused: \(reply.line)") }
        return reply
    }

    /// Sends `OUT` and waits (at most `timeout`) for the server to close.
    func signOut(timeout: Duration = .seconds(10)) async throws {
        closing.store(true, ordering: .relaxed)
        send(Frame(verb: "OUT"))
        let channel = channel
        let timer = channel.eventLoop.scheduleTask(in: TimeAmount(timeout)) { channel.close(promise: nil) }
        defer { timer.cancel() }
        let started = ContinuousClock.now
        try? await channel.closeFuture.get()
        if ContinuousClock.now - started >= timeout { throw failure("no close within \(timeout) after OUT") }
    }

    /// Closes without a word (not counted as unexpected).
    /// Signs every one of `connections` out (`OUT`), `concurrency` at a time; failures are
    /// ignored (the connection may already be gone).
    static func signOutAll(_ connections: [BenchConnection], concurrency: Int) async {
        await withTaskGroup(of: Void.self) { group in
            var next = 0
            func add() {
                guard next < connections.count else { return }
                let connection = connections[next]
                next += 1
                group.addTask { try? await connection.signOut() }
            }
            for _ in 0..<max(1, concurrency) { add() }
            while await group.next() != nil { add() }
        }
    }

    func close() {
        closing.store(true, ordering: .relaxed)
        channel.close(promise: nil)
    }

    /// Marks the coming close as expected (the peer will close: `BYE`, `OUT SSD` on shutdown).
    func expectClose() { closing.store(true, ordering: .relaxed) }

    /// `true` until the connection is closed.
    var isActive: Bool { channel.isActive }

    /// How many `CHL` challenges this connection answered.
    func challengesAnswered() async -> Int {
        let handler = handler
        return (try? await channel.eventLoop.submit { handler.value.challenges }.get()) ?? 0
    }

    private func failure(_ text: String) -> NotificationLoginClient.Failure {
        NotificationLoginClient.Failure(description: text)
    }
}

/// Decodes server frames for a ``BenchConnection``; lives on its event loop.
final class BenchFrameHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private var decoder: FrameDecoder
    private var received = ByteBuffer()
    private var waiters: [UInt32: (verb: Verb, promise: EventLoopPromise<Frame>)] = [:]
    private let dialect: Dialect
    private let answersChallenges: Bool
    private let onPush: BenchConnection.PushHandler
    private let connection: @Sendable () -> BenchConnection?
    private(set) var challenges = 0

    init(dialect: Dialect, answersChallenges: Bool, onPush: @escaping BenchConnection.PushHandler,
         connection: @escaping @Sendable () -> BenchConnection?) {
        self.decoder = FrameDecoder(sender: .server, dialect: dialect)
        self.dialect = dialect
        self.answersChallenges = answersChallenges
        self.onPush = onPush
        self.connection = connection
    }

    func expect(_ trID: TransactionID, verb: Verb, promise: EventLoopPromise<Frame>) {
        waiters[trID.rawValue] = (verb, promise)
    }

    /// Forgets the waiter of `trID` (its request timed out).
    func forget(_ trID: TransactionID) {
        waiters[trID.rawValue] = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        received.writeBuffer(&bytes)
        do {
            while let frame = try decoder.decode(buffer: &received) {
                handle(frame, context: context)
            }
            received.discardReadBytes()
        } catch {
            context.close(promise: nil)
        }
    }

    private func handle(_ frame: Frame, context: ChannelHandlerContext) {
        if let trID = frame.transactionID, trID != .asynchronous, let waiter = waiters[trID.rawValue],
           waiter.verb == frame.verb || frame.verb.isError {
            waiters[trID.rawValue] = nil
            waiter.promise.succeed(frame)
            return
        }
        if answersChallenges, frame.verb == "CHL", let challenge = frame.argument(0),
           let product = ChallengeProduct.preferred(forProtocolVersion: dialect.version),
           let algorithm = ChallengeAlgorithm(protocolVersion: dialect.version),
           let response = try? ChallengeResponder.response(to: String(challenge), product: product, algorithm: algorithm),
           let connection = connection() {
            challenges += 1
            connection.send(Frame(verb: "QRY", transactionID: connection.makeTransactionID(), arguments: [product.id],
                                  payloadText: response))
            return
        }
        onPush(frame)
    }

    func channelInactive(context: ChannelHandlerContext) {
        let pending = waiters
        waiters = [:]
        for (_, waiter) in pending {
            waiter.promise.fail(NotificationLoginClient.Failure(description: "connection closed while waiting for \(waiter.verb)"))
        }
        context.fireChannelInactive()
    }
}
