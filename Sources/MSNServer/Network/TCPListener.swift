import Logging
import MSNCore
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

/// A TCP listener that runs one ``FrameSession`` per accepted connection, as a `Service`.
///
/// The socket is bound when the listener is made, so its real port is known before the
/// service group starts (port 0 picks a free one, as the tests do):
///
/// ```swift
/// let listener = try await TCPListener.bind(host: "127.0.0.1", port: 0, factory: factory)
/// print(listener.port)                       // e.g. 40213
/// try await ServiceGroup(services: [listener], logger: logger).run()
/// ```
///
/// Connections are served in a discarding task group. On graceful shutdown the listener stops
/// accepting, calls the factory's ``FrameSessionFactory/willShutDown()``, sends its
/// ``FrameSessionFactory/shutdownFrame`` (`OUT SSD`) to every open connection, and returns once
/// they have all closed.
public final class TCPListener<Factory: FrameSessionFactory>: Service, Sendable {
    /// The bound address.
    public let localAddress: SocketAddress
    /// The factory making each connection's session.
    public let factory: Factory

    private let serverChannel: NIOAsyncChannel<FrameConnection<Factory>, Never>
    private let logger: Logger
    private let tracker: ConnectionTracker

    private init(serverChannel: NIOAsyncChannel<FrameConnection<Factory>, Never>,
                 factory: Factory, tracker: ConnectionTracker, logger: Logger) throws {
        guard let address = serverChannel.channel.localAddress else {
            throw ListenerError(description: "the \(factory.name) listener has no local address")
        }
        self.localAddress = address
        self.serverChannel = serverChannel
        self.factory = factory
        self.tracker = tracker
        self.logger = logger
    }

    /// Binds `host:port` (port 0: any free port) for `factory`'s sessions.
    public static func bind(host: String, port: Int, factory: Factory,
                            settings: ConnectionSettings = .default,
                            group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                            logger: Logger) async throws -> TCPListener {
        var logger = logger
        logger[metadataKey: "service"] = "\(factory.name)"
        let idle = settings.idleTimeout.timeAmount
        let tracker = ConnectionTracker(maximumPerAddress: settings.maximumConnectionsPerAddress)
        let listenerLogger = logger
        let serverChannel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 256)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 4)
            // Most connections sit idle between short lines (`PNG`, `CHG`); NIO keeps each
            // connection's receive buffers for reuse, so start them small (they grow on
            // demand). With the default 2 KB start, each idle session held ~2.7 KB more.
            .childChannelOption(.recvAllocator, value: AdaptiveRecvByteBufferAllocator(
                minimum: 64, initial: 256, maximum: 65_536))
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let id = connectionNumbers.wrappingAdd(1, ordering: .relaxed).oldValue
                    var logger = listenerLogger
                    logger[metadataKey: "connection"] = "\(id)"
                    if let peer = channel.remoteAddress {
                        logger[metadataKey: "peer"] = "\(peer.ipAddress ?? "?"):\(peer.port ?? 0)"
                    }
                    let outbox = Outbox(channel: channel, capacity: settings.outboxCapacity, logger: logger,
                                        trace: settings.traceFrames)
                    let handlers = channel.pipeline.syncOperations
                    try handlers.addHandler(IdleStateHandler(readTimeout: idle))
                    try handlers.addHandler(IdleTimeoutHandler(logger: logger))
                    try handlers.addHandler(OutboxWritabilityHandler(outbox: outbox))
                    let inline = InlineGate()
                    try handlers.addHandler(InlineFrameHandler(gate: inline, limits: settings.limits, logger: logger,
                                                               trace: settings.traceFrames))
                    let inbound = try NIOAsyncChannel<ByteBuffer, Never>(wrappingChannelSynchronously: channel)
                    return FrameConnection(channel: inbound, outbox: outbox, inline: inline,
                                           taskExecutor: EventLoopTaskExecutor(channel.eventLoop), factory: factory, settings: settings,
                                           tracker: tracker, id: id, logger: logger)
                }
            }
        return try TCPListener(serverChannel: serverChannel, factory: factory, tracker: tracker, logger: logger)
    }

    /// The bound port.
    public var port: Int { localAddress.port ?? 0 }

    /// The bound address as `host:port`, e.g. `127.0.0.1:40213` (or `[::1]:40213`).
    public var hostAndPort: String { HostAndPort.format(host: localAddress.ipAddress ?? "127.0.0.1", port: port) }

    /// Closes a listener that will not be run.
    public func close() async throws {
        try await serverChannel.channel.close()
    }

    /// How many connections are open now.
    public var openConnections: Int { tracker.count }

    /// How many connections `address` (an IP address as text, `127.0.0.1`) holds open now.
    public func openConnections(from address: String) -> Int { tracker.count(from: address) }

    public func run() async throws {
        let factory = factory, tracker = tracker, serverChannel = serverChannel
        try await withGracefulShutdownHandler {
            try await withThrowingDiscardingTaskGroup { group in
                try await serverChannel.executeThenClose { inbound in
                    for try await connection in inbound {
                        group.addTask(executorPreference: connection.taskExecutor) { await connection.run() }
                    }
                }
            }
        } onGracefulShutdown: { [logger] in
            logger.info("shutting down: closing the listener and \(tracker.count) connection(s)")
            serverChannel.channel.close(promise: nil)
            factory.willShutDown()
            tracker.closeAll(farewell: factory.shutdownFrame)
        }
    }
}

/// Numbers every accepted connection of the process (``ConnectionContext/id``).
private let connectionNumbers = Atomic<UInt64>(1)

/// A listener could not be set up.
public struct ListenerError: Error, CustomStringConvertible, Sendable {
    public var description: String
}
