import Logging
import MSNCore
import NIOCore

/// Runs one accepted connection: a reader task that decodes frames for the session; what the
/// session (or anyone else) queues in its bounded ``Outbox`` is written on the event loop.
///
/// ```
/// bytes ─▶ receive buffer (≤ maximumBufferedBytes) ─▶ FrameDecoder(sender: .client) ─▶ session
/// session / other sessions ─▶ Outbox (≤ outboxCapacity) ─▶ event loop ─▶ socket
/// ```
///
/// Whichever side ends first ends the connection: when the reader stops (the peer closed, a
/// limit was broken, the session asked to close) the outbox is finished, so what is queued is
/// written and then the channel closes; when the outbox closes the channel (it was finished
/// from elsewhere, e.g. `OUT OTH`, or it overflowed) the reader sees the end of its stream.
struct FrameConnection<Factory: FrameSessionFactory>: Sendable {
    let channel: NIOAsyncChannel<ByteBuffer, Never>
    let outbox: Outbox
    let inline: InlineGate
    /// The channel's event loop as a task executor: this connection's task prefers it.
    let taskExecutor: EventLoopTaskExecutor
    let factory: Factory
    let settings: ConnectionSettings
    let tracker: ConnectionTracker
    let id: UInt64
    let logger: Logger

    func run() async {
        let address = channel.channel.remoteAddress?.ipAddress ?? ""
        guard tracker.opened(id: id, address: address, outbox: outbox) else {
            logger.notice("refused: \(address) already holds \(tracker.maximumPerAddress ?? 0) connections")
            outbox.abort()
            return
        }
        let context = ConnectionContext(id: id, channel: channel.channel, outbox: outbox, inline: inline, taskExecutor: taskExecutor,
                                        logger: logger, settings: settings)
        defer {
            context.receiveInline(with: nil)
            tracker.closed(id: id)
            context.loginCompleted()
        }
        logger.debug("connection opened")
        do {
            try await channel.executeThenClose { inbound in
                var session = factory.makeSession(context: context)
                await read(inbound, into: &session, context: context)
                // Nothing is answered on the event loop any more once the session ends.
                context.receiveInline(with: nil)
                await session.connectionClosed()
                outbox.finish()
                // The outbox closes the channel once what is queued is written.
                try await channel.channel.closeFuture.get()
            }
        } catch {
            logger.debug("connection ended with \(error)")
        }
        logger.debug("connection closed")
    }

    /// Reads until the peer closes, the session asks to close, a limit is broken, or the task
    /// is cancelled.
    private func read(_ inbound: NIOAsyncChannelInboundStream<ByteBuffer>,
                      into session: inout Factory.Session, context: ConnectionContext) async {
        var decoder = FrameDecoder(sender: .client, dialect: session.dialect, limits: settings.limits)
        // Grows with the first bytes; an idle connection keeps only what its lines needed.
        var received = channel.channel.allocator.buffer(capacity: 0)
        do {
            for try await bytes in inbound {
                received.writeImmutableBuffer(bytes)
                while true {
                    let frame: Frame?
                    do {
                        frame = try decoder.decode(buffer: &received)
                    } catch {
                        logger.info("closing: \(error)")
                        return
                    }
                    guard let frame else { break }
                    if settings.traceFrames { logger.info("C> \(frame.line)") }
                    if await session.receive(frame) == .close || context.outbox.isFinished { return }
                    decoder.dialect = session.dialect
                }
                context.inline.didConsume(partialFrame: received.readableBytes > 0)
                if received.readableBytes > settings.limits.maximumBufferedBytes {
                    logger.info("closing: \(received.readableBytes) undecoded bytes exceed the limit of \(settings.limits.maximumBufferedBytes)")
                    return
                }
                received.discardReadBytes()
            }
        } catch is CancellationError {
            return
        } catch {
            logger.debug("read failed: \(error)")
        }
    }
}
