import NIOCore

/// Resumes an ``Outbox``'s drain when its channel becomes writable again.
///
/// While a peer reads slowly, NIO's outbound buffer reaches its high-water mark and the channel
/// turns unwritable; the outbox then keeps new frames pending (up to its capacity) instead of
/// handing them to the channel. This handler hands them over once the socket has drained.
final class OutboxWritabilityHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    let outbox: Outbox

    init(outbox: Outbox) {
        self.outbox = outbox
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { outbox.drain() }
        context.fireChannelWritabilityChanged()
    }
}
