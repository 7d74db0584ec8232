import Logging
import NIOCore

/// Closes a connection when `IdleStateHandler` reports that nothing was read for too long.
///
/// Installed behind `IdleStateHandler(readTimeout:)` in every child channel: a timer on the
/// event loop, so thousands of quiet connections cost no task each.
final class IdleTimeoutHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    private let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            logger.info("idle timeout: closing the connection")
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }
}
