import NIOCore
import NIOPosix
import Synchronization

/// The ceiling of `msn bench relay`: a TCP relay that does nothing but forward bytes between
/// the two connections of a pair, with no parsing, on a free loopback port.
///
/// Each connection first writes its pair number as 8 bytes (big-endian); from then on every
/// byte it writes goes to the other connection of the pair, as it arrived, one write and
/// flush per read. Bytes that arrive before the partner is there wait for it.
///
/// ```swift
/// let relay = try await ByteRelay.start()
/// // connect two clients to 127.0.0.1:relay.port, each writes UInt64(7) first
/// try await relay.stop()
/// ```
final class ByteRelay: Sendable {
    private let serverChannel: any Channel
    /// The bound loopback port.
    let port: Int

    private init(serverChannel: any Channel, port: Int) {
        self.serverChannel = serverChannel
        self.port = port
    }

    /// Binds 127.0.0.1 on a free port and starts relaying.
    static func start(group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) async throws -> ByteRelay {
        let pairing = ByteRelayPairing()
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 256)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteRelayHandler(pairing: pairing))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        return ByteRelay(serverChannel: channel, port: channel.localAddress?.port ?? 0)
    }

    /// Stops accepting connections (open pairs close when their clients do).
    func stop() async throws {
        try await serverChannel.close()
    }
}

/// Connections waiting for their partner, by pair number.
final class ByteRelayPairing: Sendable {
    private let waiting = Mutex<[UInt64: ByteRelayWaiter]>([:])

    /// Registers `handler` for `pair`; returns its partner when that was already waiting.
    func join(_ pair: UInt64, _ handler: ByteRelayWaiter) -> ByteRelayWaiter? {
        waiting.withLock { waiting in
            if let partner = waiting.removeValue(forKey: pair) { return partner }
            waiting[pair] = handler
            return nil
        }
    }

    func forget(_ pair: UInt64) {
        _ = waiting.withLock { $0.removeValue(forKey: pair) }
    }
}

/// A connection waiting for its partner.
struct ByteRelayWaiter: Sendable {
    var channel: any Channel
    var handler: NIOLoopBound<ByteRelayHandler>
}

/// One side of a relayed pair.
final class ByteRelayHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let pairing: ByteRelayPairing
    private var context: ChannelHandlerContext?
    private var pair: UInt64?
    private var prefix = ByteBuffer()
    /// The partner's channel, once both are there.
    private var peer: (any Channel)?
    /// Bytes read and not yet handed to the partner.
    private var outgoing: [ByteBuffer] = []

    init(pairing: ByteRelayPairing) {
        self.pairing = pairing
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        if pair == nil {
            prefix.writeBuffer(&bytes)
            guard let number = prefix.readInteger(as: UInt64.self) else { return }
            pair = number
            if prefix.readableBytes > 0 { outgoing.append(prefix) }
            prefix = ByteBuffer()
            let me = ByteRelayWaiter(channel: context.channel, handler: NIOLoopBound(self, eventLoop: context.eventLoop))
            if let partner = pairing.join(number, me) {
                let mine = context.channel
                partner.channel.eventLoop.execute { partner.handler.value.paired(with: mine) }
                paired(with: partner.channel)
            }
            return
        }
        if bytes.readableBytes > 0 { outgoing.append(bytes) }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        forward()
    }

    /// The partner arrived: from now on bytes go to `channel`.
    func paired(with channel: any Channel) {
        peer = channel
        forward()
    }

    private func forward() {
        guard let peer, !outgoing.isEmpty else { return }
        let batch = outgoing
        outgoing.removeAll(keepingCapacity: true)
        if let context, peer.eventLoop === context.eventLoop {
            for buffer in batch { peer.write(buffer, promise: nil) }
            peer.flush()
        } else {
            peer.eventLoop.execute {
                for buffer in batch { peer.write(buffer, promise: nil) }
                peer.flush()
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let pair, peer == nil { pairing.forget(pair) }
        peer?.close(promise: nil)
        peer = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
