import MSNAuth
import MSNClient
import MSNCore
import NIOCore
import NIOPosix

/// A raw notification connection that signs in with a ticket already in hand, goes online and
/// then hands every frame it receives to a callback, on its event loop, with no task hop:
///
/// ```
/// C: VER 1 MSNP11 CVR0     S: VER 1 MSNP11 CVR0
/// C: CVR 2 0x0409 …        S: CVR 2 …
/// C: USR 3 TWN I bob@…     S: USR 3 TWN S <policy>
/// C: USR 4 TWN S t=…&p=…   S: USR 4 OK bob@… 1 0
/// C: CHG 5 NLN 0           S: CHG 5 NLN 0   (ILN 5 … first)     ← connect(…) returns here
///                          S: NLN AWY alice@example.com Alice 0   → onFrame
/// ```
/// Load tools use it where thousands of connections must stay signed in and the client side
/// must cost as little as possible (`msn bench presence`, `msn bench sync`).
///
/// With `onStatus`, `NLN` lines are not decoded into frames at all: the handler checks the
/// first bytes of each line for `NLN `, hands the status (the next token) to `onStatus` and
/// skips to the line's end. Every other line still goes through the frame decoder to `onFrame`.
enum OnlineNotificationClient {
    /// Signs `email` in on a new connection and sends `CHG 5 NLN 0`; returns once the echo
    /// arrived. `onFrame` then sees every later frame — except `NLN` lines when `onStatus` is
    /// given: those go to `onStatus` as their status only. `receiveBuffer` sets `SO_RCVBUF`.
    static func connect(server: ServerAddress, dialect: Dialect, email: String,
                        ticket: MessengerClient.PassportTicket, receiveBuffer: Int? = nil,
                        timeout: Duration = .seconds(30),
                        onStatus: (@Sendable (StatusToken) -> Void)? = nil,
                        onFrame: @escaping @Sendable (Frame) -> Void) async throws -> any Channel {
        guard dialect.authenticationScheme != .md5 else {
            throw NotificationLoginClient.Failure(description: "\(dialect) has no ticket login")
        }
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let ready = loop.makePromise(of: Void.self)
        var bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(TimeAmount(timeout))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
        if let receiveBuffer {
            bootstrap = bootstrap.channelOption(.socketOption(.so_rcvbuf), value: SocketOptionValue(receiveBuffer))
        }
        let login = Login(dialect: dialect, email: email, ticket: ticket)
        let channel = try await bootstrap.channelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(
                    Handler(login: login, ready: ready, onStatus: onStatus, onFrame: onFrame))
            }
        }.connect(host: server.host, port: server.port).get()
        let timer = loop.scheduleTask(in: TimeAmount(timeout)) {
            ready.fail(NotificationLoginClient.Failure(description: "\(email): not online within \(timeout)"))
        }
        do {
            try await ready.futureResult.get()
            timer.cancel()
            return channel
        } catch {
            timer.cancel()
            try? await channel.close()
            throw error
        }
    }

    /// What the sign-in needs.
    struct Login: Sendable {
        var dialect: Dialect
        var email: String
        var ticket: MessengerClient.PassportTicket
        var clientVersion = MessengerClient.ClientVersion()
        var machineGUID = MessengerClient.Configuration.makeMachineGUID()
    }

    /// Sends `frame` on `channel` (any thread).
    static func send(_ frame: Frame, on channel: any Channel) {
        var buffer = channel.allocator.buffer(capacity: 64)
        buffer.writeFrame(frame)
        channel.writeAndFlush(buffer, promise: nil)
    }

    /// The sign-in state machine, then a frame pump.
    final class Handler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        private enum Step { case version, clientVersion, initial, proof, online, ready }

        private let login: Login
        private let ready: EventLoopPromise<Void>
        private let onFrame: @Sendable (Frame) -> Void
        private let onStatus: (@Sendable (StatusToken) -> Void)?
        private var decoder = FrameDecoder(sender: .server)
        private var received = ByteBuffer()
        private var step = Step.version

        init(login: Login, ready: EventLoopPromise<Void>, onStatus: (@Sendable (StatusToken) -> Void)? = nil,
             onFrame: @escaping @Sendable (Frame) -> Void) {
            self.login = login
            self.ready = ready
            self.onStatus = onStatus
            self.onFrame = onFrame
        }

        func channelActive(context: ChannelHandlerContext) {
            send(Frame(verb: .ver, transactionID: 1, arguments: [login.dialect.token, "CVR0"]), context: context)
            context.fireChannelActive()
        }

        func channelInactive(context: ChannelHandlerContext) {
            if step != .ready {
                ready.fail(NotificationLoginClient.Failure(description: "\(login.email): closed during sign-in"))
            }
            context.fireChannelInactive()
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            ready.fail(error)
            context.close(promise: nil)
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var bytes = unwrapInboundIn(data)
            // Usually nothing is left over from the previous read: use the read's buffer as is.
            if received.readableBytes == 0 { received = bytes } else { received.writeBuffer(&bytes) }
            do {
                while true {
                    if step == .ready, let onStatus, let status = Self.skipStatusLine(&received) {
                        onStatus(status)
                        continue
                    }
                    guard received.readableBytes > 0, let frame = try decoder.decode(buffer: &received) else { break }
                    if step == .ready { onFrame(frame) } else { advance(frame, context: context) }
                }
                if received.readableBytes == 0 { received.clear() } else { received.discardReadBytes() }
            } catch {
                ready.fail(error)
                context.close(promise: nil)
            }
        }

        /// When `buffer` starts with a whole `NLN <status> …` line: reads past it and returns the
        /// status. Otherwise (another verb, an incomplete line, an odd status) leaves `buffer`
        /// as it is and returns `nil`, for the frame decoder. `NLN` never carries a payload.
        static func skipStatusLine(_ buffer: inout ByteBuffer) -> StatusToken? {
            let found: (token: StatusToken, length: Int)? = buffer.withUnsafeReadableBytes { raw in
                guard raw.count > 4, raw[0] == UInt8(ascii: "N"), raw[1] == UInt8(ascii: "L"),
                      raw[2] == UInt8(ascii: "N"), raw[3] == UInt8(ascii: " "),
                      let newline = raw.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
                var end = 4
                while end < newline, raw[end] != UInt8(ascii: " "), raw[end] != UInt8(ascii: "\r") { end += 1 }
                guard let token = StatusToken(bytes: raw[4..<end]) else { return nil }
                return (token, newline + 1)
            }
            guard let found else { return nil }
            buffer.moveReaderIndex(forwardBy: found.length)
            return found.token
        }

        private func send(_ frame: Frame, context: ChannelHandlerContext) {
            var buffer = context.channel.allocator.buffer(capacity: 128)
            buffer.writeFrame(frame)
            context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
        }

        private func fail(_ text: String, context: ChannelHandlerContext) {
            ready.fail(NotificationLoginClient.Failure(description: "\(login.email): \(text)"))
            context.close(promise: nil)
        }

        /// One sign-in step; pushes (`GCF 0`, `SBS`, `MSG`, `ILN`) are skipped.
        private func advance(_ frame: Frame, context: ChannelHandlerContext) {
            let expected: (TransactionID, Verb) = switch step {
            case .version: (1, .ver)
            case .clientVersion: (2, .cvr)
            case .initial: (3, .usr)
            case .proof: (4, .usr)
            case .online, .ready: (5, .chg)
            }
            guard frame.transactionID == expected.0 else { return }
            guard frame.verb == expected.1 else { return fail("expected \(expected.1): \(frame.line)", context: context) }
            let dialect = login.dialect
            let scheme = dialect.authenticationScheme
            switch step {
            case .version:
                decoder.dialect = dialect
                let version = login.clientVersion
                var cvr = [version.localeID, version.osType, version.osVersion, version.architecture,
                           version.clientName, version.version(for: dialect), version.brand]
                if dialect.cvrCarriesEmail { cvr.append(login.email) }
                step = .clientVersion
                send(Frame(verb: .cvr, transactionID: 2, arguments: cvr), context: context)
            case .clientVersion:
                step = .initial
                send(Frame(verb: .usr, transactionID: 3, arguments: [scheme.rawValue, "I", login.email]), context: context)
            case .initial:
                var proof = [scheme.rawValue, "S", login.ticket.ticket]
                if scheme == .sso {
                    guard let nonce = frame.argument(3), let key = login.ticket.proofKey,
                          let blob = try? SSOBlob.make(nonce: String(nonce), proofKey: key) else {
                        return fail("SSO needs a nonce and a proof key: \(frame.line)", context: context)
                    }
                    proof.append(blob)
                    if dialect.usrCarriesMachineGUID { proof.append(login.machineGUID) }
                }
                step = .proof
                send(Frame(verb: .usr, transactionID: 4, arguments: proof), context: context)
            case .proof:
                guard frame.argument(0) == "OK" else { return fail("expected USR 4 OK: \(frame.line)", context: context) }
                step = .online
                send(Frame(verb: .chg, transactionID: 5, arguments: ["NLN", "0"]), context: context)
            case .online, .ready:
                step = .ready
                ready.succeed()
            }
        }
    }
}
