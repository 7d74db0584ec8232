import MSNAuth
import MSNClient
import MSNCore
import NIOCore
import NIOPosix

/// A minimal notification-server client that signs in with a ticket already in hand and signs
/// out, for timing the notification server alone:
///
/// ```
/// C: VER 1 MSNP15 CVR0                       S: VER 1 MSNP15 CVR0
/// C: CVR 2 0x0409 winnt 5.1 i386 MSNMSGR …   S: CVR 2 …
/// C: USR 3 SSO I alice@example.com           S: GCF 0 …  USR 3 SSO S MBI_KEY_OLD <nonce>
/// C: USR 4 SSO S t=…&p=… <blob for nonce>    S: USR 4 OK alice@example.com 1 0  SBS 0 null  MSG Hotmail …
/// C: OUT                                     (server closes)
/// ```
/// Tweener dialects send `USR 4 TWN S <ticket>` instead. Everything is bounded by `timeout`:
/// when it passes, the connection is closed and the sign-in fails.
struct NotificationLoginClient: Sendable {
    /// Why a sign-in failed.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    var server: ServerAddress
    var dialect: Dialect
    var timeout: Duration = .seconds(30)
    var clientVersion = MessengerClient.ClientVersion()
    var machineGUID = MessengerClient.Configuration.makeMachineGUID()

    /// Signs `email` in with `ticket`, then out; returns when the server has closed the connection.
    func signIn(email: String, ticket: MessengerClient.PassportTicket) async throws {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(TimeAmount(timeout))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connect(host: server.host, port: server.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let raw = channel.channel
        let started = ContinuousClock.now
        let timer = raw.eventLoop.scheduleTask(in: TimeAmount(timeout)) { raw.close(promise: nil) }
        defer { timer.cancel() }
        try await channel.executeThenClose { inbound, outbound in
            var reader = FrameReader(iterator: inbound.makeAsyncIterator())
            try await exchange(email: email, ticket: ticket, reader: &reader, outbound: outbound)
        }
        if ContinuousClock.now - started >= timeout {
            throw Failure(description: "no sign-in and close within \(timeout)")
        }
    }

    private func exchange(email: String, ticket: MessengerClient.PassportTicket, reader: inout FrameReader,
                          outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) async throws {
        func send(_ frame: Frame) async throws {
            var buffer = ByteBuffer()
            buffer.writeFrame(frame)
            try await outbound.write(buffer)
        }
        let scheme = dialect.authenticationScheme
        guard scheme != .md5 else { throw Failure(description: "\(dialect) has no ticket login") }

        try await send(Frame(verb: .ver, transactionID: 1, arguments: [dialect.token, "CVR0"]))
        _ = try await reader.reply(to: 1, verb: .ver)
        reader.decoder.dialect = dialect

        var cvr = [clientVersion.localeID, clientVersion.osType, clientVersion.osVersion, clientVersion.architecture,
                   clientVersion.clientName, clientVersion.version(for: dialect), clientVersion.brand]
        if dialect.cvrCarriesEmail { cvr.append(email) }
        try await send(Frame(verb: .cvr, transactionID: 2, arguments: cvr))
        _ = try await reader.reply(to: 2, verb: .cvr)

        try await send(Frame(verb: .usr, transactionID: 3, arguments: [scheme.rawValue, "I", email]))
        let challenge = try await reader.reply(to: 3, verb: .usr)
        var proof = [scheme.rawValue, "S", ticket.ticket]
        if scheme == .sso {
            guard let nonce = challenge.argument(3), let proofKey = ticket.proofKey else {
                throw Failure(description: "SSO needs a nonce and a proof key: \(challenge.line)")
            }
            proof.append(try SSOBlob.make(nonce: String(nonce), proofKey: proofKey))
            if dialect.usrCarriesMachineGUID { proof.append(machineGUID) }
        }
        try await send(Frame(verb: .usr, transactionID: 4, arguments: proof))
        let ok = try await reader.reply(to: 4, verb: .usr)
        guard ok.argument(0) == "OK" else { throw Failure(description: "expected USR 4 OK: \(ok.line)") }

        try await send(Frame(verb: .out))
        try await reader.waitForClose()
    }
}

/// Frames from a ``NIOAsyncChannel``'s inbound bytes.
struct FrameReader {
    var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    var decoder = FrameDecoder(sender: .server)
    var received = ByteBuffer()

    init(iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) {
        self.iterator = iterator
    }

    /// The next frame; throws when the connection closes first.
    mutating func next() async throws -> Frame? {
        while true {
            if let frame = try decoder.decode(buffer: &received) { return frame }
            guard var chunk = try await iterator.next() else { return nil }
            received.writeBuffer(&chunk)
        }
    }

    /// The frame with transaction id `id` and `verb`, skipping pushes (`GCF 0`, `SBS`, `MSG`);
    /// an error reply with that id throws.
    mutating func reply(to id: TransactionID, verb: Verb) async throws -> Frame {
        while let frame = try await next() {
            guard frame.transactionID == id else { continue }
            if frame.verb == verb { return frame }
            throw NotificationLoginClient.Failure(description: "expected \(verb) \(id): \(frame.line)")
        }
        throw NotificationLoginClient.Failure(description: "connection closed while waiting for \(verb) \(id)")
    }

    /// Reads (and drops) frames until the server closes the connection.
    mutating func waitForClose() async throws {
        while try await next() != nil {}
    }
}
