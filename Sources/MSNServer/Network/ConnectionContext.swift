import Logging
import NIOCore
import Synchronization

/// What a session knows about the connection it runs on: who the peer is, where its frames
/// go, and the login timer it stops once the peer has signed in.
public final class ConnectionContext: Sendable {
    /// A number unique among this process's connections, for logs and registries.
    public let id: UInt64
    /// The peer's address, e.g. `127.0.0.1:49094`.
    public let remoteAddress: SocketAddress?
    /// The address the peer connected to.
    public let localAddress: SocketAddress?
    /// Where this connection's outbound frames are queued.
    public let outbox: Outbox
    /// A logger carrying the connection id and peer address.
    public let logger: Logger
    /// The limits and timers of this connection.
    public let settings: ConnectionSettings
    /// Shared with the connection's ``InlineFrameHandler``.
    let inline: InlineGate
    /// Runs the connection's task on its channel's event loop; a session's own tasks use it too.
    let taskExecutor: EventLoopTaskExecutor

    private let loginTimer: Mutex<Scheduled<Void>?>

    init(id: UInt64, channel: any Channel, outbox: Outbox, inline: InlineGate, taskExecutor: EventLoopTaskExecutor,
         logger: Logger, settings: ConnectionSettings) {
        self.id = id
        self.inline = inline
        self.taskExecutor = taskExecutor
        self.remoteAddress = channel.remoteAddress
        self.localAddress = channel.localAddress
        self.outbox = outbox
        self.logger = logger
        self.settings = settings
        let timeout = settings.loginTimeout
        let scheduled = channel.eventLoop.scheduleTask(in: timeout.timeAmount) { [logger] in
            logger.info("login timeout (\(timeout)): closing the connection")
            outbox.finish()
        }
        self.loginTimer = Mutex(scheduled)
    }

    /// The peer's IP address as text (`127.0.0.1`), or an empty string when unknown.
    public var remoteIP: String { remoteAddress?.ipAddress ?? "" }

    /// The peer's TCP port, or 0 when unknown.
    public var remotePort: Int { remoteAddress?.port ?? 0 }

    /// Stops the login timer: the peer has signed in (or been redirected).
    public func loginCompleted() {
        loginTimer.withLock { timer in
            timer?.cancel()
            timer = nil
        }
    }

    /// From now on, frames `receiver` takes are answered on the event loop as they are read
    /// (see ``InlineFrameReceiver``); `nil` stops that.
    ///
    /// ```swift
    /// context.receiveInline(with: SwitchboardInlineRelay(…))   // after USR … OK
    /// ```
    public func receiveInline(with receiver: (any InlineFrameReceiver)?) {
        inline.receiver = receiver
    }

    deinit {
        loginTimer.withLock { $0?.cancel() }
    }
}
