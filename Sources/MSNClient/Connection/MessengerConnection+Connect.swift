import Logging
import MSNCore
import NIOCore
import NIOPosix

extension MessengerConnection {
    /// Opens a connection and starts reading.
    ///
    /// - Throws: ``MessengerClientError/Code/serverUnavailable`` (refused, unknown host) or
    ///   ``MessengerClientError/Code/timeout``.
    static func connect(
        to address: ServerAddress,
        timeout: Duration,
        limits: FrameLimits,
        trace: (@Sendable (TraceRecord) -> Void)?,
        logger: Logger
    ) async throws(MessengerClientError) -> MessengerConnection {
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(TimeAmount(timeout))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await bootstrap.connect(host: address.host, port: address.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        } catch {
            if case ChannelError.connectTimeout = error {
                throw MessengerClientError(.timeout, "no connection to \(address) within \(timeout)")
            }
            throw MessengerClientError(.serverUnavailable, "cannot connect to \(address) (\(Self.reason(error)))")
        }
        let connection = MessengerConnection(channel: channel, address: address, limits: limits,
                                             trace: trace, logger: logger)
        await connection.start()
        return connection
    }

    /// A short reason for a failed connect: `connection refused`, `unknown host`.
    static func reason(_ error: any Error) -> String {
        guard let error = error as? NIOConnectionError else { return "\(error)" }
        if error.connectionErrors.isEmpty, error.dnsAError != nil || error.dnsAAAAError != nil {
            return "unknown host"
        }
        guard let first = error.connectionErrors.first?.error else { return "no address" }
        if let io = first as? IOError {
            switch io.errnoCode {
            case ECONNREFUSED: return "connection refused"
            case ENETUNREACH, EHOSTUNREACH: return "unreachable"
            case ETIMEDOUT: return "timed out"
            default: return io.description
            }
        }
        return "\(first)"
    }
}
