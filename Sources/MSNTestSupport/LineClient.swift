import MSNCore
import NIOCore
import NIOPosix
import Synchronization

/// A raw line client for tests: connects, writes lines as typed, reads the server's frames
/// with `FrameDecoder(sender: .server)`. Every wait is bounded.
///
/// ```swift
/// let client = try await LineClient.connect(to: network.dispatchAddress)
/// try await client.send("VER 1 MSNP13 CVR0")
/// let reply = try await client.readFrame()          // VER 1 MSNP13 CVR0
/// ```
/// After `VER` the client switches its decoder to the highest dialect the server answered.
public final class LineClient {
    /// Why a read did not give a frame.
    public enum ReadError: Error, Equatable, CustomStringConvertible {
        /// Nothing complete arrived in time.
        case timedOut
        /// The server closed the connection.
        case closed
        public var description: String { self == .timedOut ? "timed out" : "connection closed" }
    }

    private let channel: any Channel
    private var iterator: AsyncStream<ByteBuffer>.AsyncIterator
    private let timedOut: TimeoutFlag
    private var received = ByteBuffer()
    private var decoder: FrameDecoder
    /// The default bound on every wait.
    public var timeout: Duration

    private init(channel: any Channel, stream: AsyncStream<ByteBuffer>, timedOut: TimeoutFlag,
                 timeout: Duration) {
        self.channel = channel
        self.iterator = stream.makeAsyncIterator()
        self.timedOut = timedOut
        self.decoder = FrameDecoder(sender: .server)
        self.timeout = timeout
    }

    /// Connects to `host:port` (`127.0.0.1:40213`, `[::1]:40213`).
    ///
    /// - Parameters:
    ///   - timeout: the default bound on every read.
    ///   - reads: `false` makes a client that never reads from its socket (a slow reader);
    ///     `receiveBufferSize` then bounds how much the kernel buffers for it.
    public static func connect(to address: String, timeout: Duration = .seconds(5), reads: Bool = true,
                               receiveBufferSize: Int? = nil) async throws -> LineClient {
        guard let parsed = HostAndPort(address), let port = parsed.port else { throw ReadError.closed }
        return try await connect(host: parsed.host, port: port, timeout: timeout, reads: reads,
                                 receiveBufferSize: receiveBufferSize)
    }

    /// Connects to `host` on `port`.
    public static func connect(host: String, port: Int, timeout: Duration = .seconds(5), reads: Bool = true,
                               receiveBufferSize: Int? = nil) async throws -> LineClient {
        let (stream, continuation) = AsyncStream.makeStream(of: ByteBuffer.self)
        var bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.autoRead, value: reads)
        if let receiveBufferSize {
            bootstrap = bootstrap.channelOption(.socketOption(.so_rcvbuf), value: SocketOptionValue(receiveBufferSize))
        }
        let channel = try await bootstrap
            .connectTimeout(.seconds(5))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Collector(continuation: continuation))
                }
            }
            .connect(host: host, port: port)
            .get()
        return LineClient(channel: channel, stream: stream, timedOut: TimeoutFlag(), timeout: timeout)
    }

    /// The dialect frames are decoded with (set automatically from the server's `VER`).
    public var dialect: Dialect? {
        get { decoder.dialect }
        set { decoder.dialect = newValue }
    }

    /// Writes `line` and CR LF.
    public func send(_ line: String) async throws {
        try await send(raw: Array(line.utf8) + [0x0D, 0x0A])
    }

    /// Writes `frame` as a client would.
    public func send(_ frame: Frame) async throws {
        var buffer = channel.allocator.buffer(capacity: 64)
        buffer.writeFrame(frame)
        try await channel.writeAndFlush(buffer)
    }

    /// Writes bytes exactly as given.
    public func send(raw bytes: [UInt8]) async throws {
        try await channel.writeAndFlush(channel.allocator.buffer(bytes: bytes))
    }

    /// Reads the next frame, waiting at most `timeout` (the client's default when `nil`).
    ///
    /// A timeout closes the connection (a test has failed by then anyway).
    public func readFrame(timeout: Duration? = nil) async throws -> Frame {
        let timer = startTimer(timeout ?? self.timeout)
        defer { timer.cancel() }
        while true {
            if let frame = try decoder.decode(buffer: &received) {
                if frame.verb == .ver, let chosen = VersionNegotiation.chosenDialect(in: frame.arguments) {
                    decoder.dialect = chosen
                }
                return frame
            }
            var local = iterator
            let chunk = await local.next()
            iterator = local
            guard var chunk else { throw timedOut.isSet ? ReadError.timedOut : ReadError.closed }
            received.writeBuffer(&chunk)
        }
    }

    /// Reads `count` frames.
    public func readFrames(_ count: Int, timeout: Duration? = nil) async throws -> [Frame] {
        var frames: [Frame] = []
        for _ in 0..<count { frames.append(try await readFrame(timeout: timeout)) }
        return frames
    }

    /// Reads frames until the server closes; returns them. Throws ``ReadError/timedOut`` if the
    /// connection is still open after `timeout`.
    public func readUntilClosed(timeout: Duration? = nil) async throws -> [Frame] {
        var frames: [Frame] = []
        while true {
            do {
                frames.append(try await readFrame(timeout: timeout))
            } catch ReadError.closed {
                return frames
            }
        }
    }

    /// `true` once the connection is closed.
    public var isClosed: Bool { !channel.isActive }

    /// Closes the connection.
    public func close() async {
        try? await channel.close()
    }

    deinit {
        channel.close(promise: nil)
    }

    private func startTimer(_ timeout: Duration) -> Scheduled<Void> {
        let (seconds, attoseconds) = timeout.components
        let nanos = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        let channel = channel, flag = timedOut
        return channel.eventLoop.scheduleTask(in: .nanoseconds(nanos)) {
            flag.set()
            channel.close(promise: nil)
        }
    }
}

/// Set when a read timed out.
private final class TimeoutFlag: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .relaxed) }
    func set() { value.store(true, ordering: .relaxed) }
}

/// Hands every inbound buffer to the client's stream; ends the stream when the channel closes.
private final class Collector: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    let continuation: AsyncStream<ByteBuffer>.Continuation

    init(continuation: AsyncStream<ByteBuffer>.Continuation) {
        self.continuation = continuation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        continuation.yield(unwrapInboundIn(data))
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
