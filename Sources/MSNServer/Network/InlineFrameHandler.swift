import Logging
import MSNCore
import NIOCore

/// Decodes and answers, on the event loop, the frames the session's ``InlineFrameReceiver``
/// takes (a switchboard `MSG` and its `ACK`), and passes everything else on, as the bytes
/// read, to the connection's task. A relayed message so costs no wake-up of a task.
///
/// ```
/// bytes ─▶ InlineFrameHandler ─ MSG ─▶ receiver (relay + ACK, on the event loop)
///                             └ other frames, or while the task is busy ─▶ task
/// ```
///
/// Without a receiver, or while the task has not answered every earlier read, bytes go to
/// the task untouched. A frame the receiver declines, a malformed frame or too many buffered
/// bytes go to the task as the bytes they came in, from that frame on: the task answers or
/// refuses them as it would have, in order.
final class InlineFrameHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let gate: InlineGate
    private let limits: FrameLimits
    private let logger: Logger
    private let trace: Bool
    /// Bytes read in inline mode, not yet a whole frame.
    private var pending: ByteBuffer?
    /// Kept while it returns whole frames (its caches help); dropped when it stops mid-frame.
    private var decoder: FrameDecoder?

    init(gate: InlineGate, limits: FrameLimits, logger: Logger, trace: Bool) {
        self.gate = gate
        self.limits = limits
        self.logger = logger
        self.trace = trace
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        guard pending != nil || gate.taskCaughtUp, let receiver = gate.receiver else {
            forward(bytes, context: context)
            return
        }
        if pending == nil { pending = bytes } else { pending!.writeBuffer(&bytes) }
        while var buffer = pending {
            // Every decode starts on a frame boundary, with a decoder that holds no part of a
            // frame: a frame split across reads is decoded again, whole, when the rest has come.
            let start = buffer.readerIndex
            if decoder?.dialect != receiver.dialect {
                decoder = FrameDecoder(sender: .client, dialect: receiver.dialect, limits: limits)
            }
            let frame: Frame?
            do {
                frame = try decoder!.decode(buffer: &buffer)
            } catch {
                decoder = nil
                buffer.moveReaderIndex(to: start)
                handOver(buffer, context: context)
                return
            }
            guard let frame else {
                decoder = nil
                buffer.moveReaderIndex(to: start)
                if buffer.readableBytes > limits.maximumBufferedBytes {
                    handOver(buffer, context: context)
                } else {
                    pending = buffer
                }
                return
            }
            guard let disposition = receiver.receiveInline(frame) else {
                buffer.moveReaderIndex(to: start)
                handOver(buffer, context: context)
                return
            }
            if trace { logger.info("C> \(frame.line)") }
            if disposition == .close {
                pending = nil
                context.close(promise: nil)
                return
            }
            pending = buffer.readableBytes > 0 ? buffer : nil
        }
    }

    /// Gives `bytes` (from the first frame not answered inline) to the task.
    private func handOver(_ bytes: ByteBuffer, context: ChannelHandlerContext) {
        pending = nil
        forward(bytes, context: context)
    }

    private func forward(_ bytes: ByteBuffer, context: ChannelHandlerContext) {
        gate.didForward()
        context.fireChannelRead(wrapInboundOut(bytes))
    }
}
