import Foundation
import MSNCore
import NIOCore

extension Conversation {
    /// How a `CAL` went.
    enum CallOutcome {
        /// `CAL 2 RINGING 11752013`, or `215` (already here or already being called).
        case ringing
        /// `217` (offline, invisible, or blocking), `216` on old servers.
        case offline
        /// `712`: the conversation holds as many people as the switchboard allows.
        case full
    }

    /// The contacts of a ``call(_:on:)`` that did not ring.
    struct CallRefusals {
        /// Answered `217` (or `216`).
        var offline: [String] = []
        /// Answered `712`.
        var full: [String] = []
    }

    // MARK: - Opening

    /// Asks the notification server for a switchboard and signs in to it.
    ///
    /// ```
    /// NS C: XFR 8 SB          NS S: XFR 8 SB 127.0.0.1:1864 CKI c1b42040841307ddfc1f
    /// SB C: USR 1 alice@example.com c1b42040841307ddfc1f
    /// SB S: USR 1 OK alice@example.com alice@example.com
    /// ```
    func openSwitchboard() async throws(MessengerClientError) -> MessengerConnection {
        let referral = try await client.requestSwitchboard()
        guard let address = ServerAddress(referral.address) else {
            throw MessengerClientError(.protocolViolation, "switchboard address \(referral.address.prefix(64)) is unreadable",
                                       line: referral.frame.line)
        }
        let connection = try await connect(to: address)
        let login = SwitchboardLoginRequest(handle: handle, cookie: referral.cookie)
        let reply = try await request(login.frame, on: connection, step: "USR")
        do {
            _ = try SwitchboardLoginReply(frame: reply)
        } catch {
            await connection.abort(.violation("unexpected switchboard welcome", frame: reply))
            throw .violation("unexpected switchboard welcome: \(error)", frame: reply)
        }
        install(connection, early: [])
        return connection
    }

    /// Answers an invitation: connects, `ANS`, and takes the `IRO` list.
    ///
    /// ```
    /// SB C: ANS 1 bob@example.com 250068911be19f1e6a5b 5be71a94f5ca750e94fcd8a0e96bd75
    /// SB S: IRO 1 1 1 alice@example.com alice@example.com
    /// SB S: ANS 1 OK
    /// ```
    func answer(_ invitation: SwitchboardInvitation) async throws(MessengerClientError) {
        guard let address = ServerAddress(invitation.address) else {
            throw MessengerClientError(.protocolViolation, "switchboard address \(invitation.address.prefix(64)) is unreadable",
                                       line: invitation.frame.line)
        }
        await acquire()
        defer { release() }
        let connection = try await connect(to: address)
        let answer = SwitchboardAnswer(handle: handle, invitation: invitation)
        _ = try await request(answer.frame, on: connection, step: "ANS")
        install(connection, early: await connection.drainQueued())
        for participant in roster.participants where !invitees.contains(participant) { invitees.append(participant) }
        if invitees.isEmpty, invitation.inviter.lowercased() != account { invitees.append(invitation.inviter.lowercased()) }
    }

    /// Opens a switchboard, calls `contacts`, and waits (up to the invitation timeout) until
    /// they have all joined. Returns the contacts that were offline or found it full.
    func openAndCall(_ contacts: [String]) async throws(MessengerClientError) -> CallRefusals {
        let connection = try await openSwitchboard()
        do {
            return try await call(contacts, on: connection)
        } catch {
            endSession(.disconnected(error))
            throw error
        }
    }

    /// Calls each contact and waits for those ringing to join. Returns those who did not ring.
    func call(_ contacts: [String], on connection: MessengerConnection) async throws(MessengerClientError) -> CallRefusals {
        var refusals = CallRefusals()
        var ringing: [String] = []
        for contact in contacts where !roster.contains(contact) {
            switch try await call(contact, on: connection) {
            case .ringing: ringing.append(contact)
            case .offline: refusals.offline.append(contact)
            case .full: refusals.full.append(contact)
            }
        }
        let deadline = ContinuousClock.now + settings.invitationTimeout
        await waitUntil(deadline) { ringing.allSatisfy { roster.contains($0) } }
        return refusals
    }

    /// `CAL TrID email` → `CAL TrID RINGING session-id`. Calling again someone still ringing
    /// is `215`, which counts as ringing (the first call's `JOI` is awaited); `712` is a full
    /// conversation.
    func call(_ contact: String, on connection: MessengerConnection) async throws(MessengerClientError) -> CallOutcome {
        let reply: Frame
        do {
            reply = try await connection.request(.cal, arguments: [contact], timeout: configuration.timeouts.reply)
        } catch {
            throw MessengerClientError.wrap(error)
        }
        guard let code = reply.errorCode else { return .ringing }
        switch code {
        case .principalNotOnline, .notInList: return .offline
        case .alreadyInList: return .ringing
        case .sessionOverloaded: return .full
        default: throw MessengerClientError.server(reply, during: "CAL \(contact)")
        }
    }

    private func connect(to address: ServerAddress) async throws(MessengerClientError) -> MessengerConnection {
        try await MessengerConnection.connect(to: address, timeout: configuration.timeouts.connect,
                                              limits: configuration.frameLimits, trace: configuration.trace,
                                              logger: logger)
    }

    /// Sends the first command of a switchboard; a numeric reply means the switchboard refused.
    private func request(_ frame: Frame, on connection: MessengerConnection, step: String)
        async throws(MessengerClientError) -> Frame
    {
        let reply: Frame
        do {
            reply = try await connection.request(frame.verb, arguments: frame.arguments.map(String.init),
                                                 timeout: configuration.timeouts.reply)
        } catch {
            let failure = MessengerClientError.wrap(error)
            await connection.abort(failure)
            throw failure
        }
        if reply.verb.isError {
            let code = reply.errorCode
            await connection.abort(.disconnected("refused"))
            throw MessengerClientError(.switchboardRefused, "the switchboard answered \(step) with \(code.map { "\($0)" } ?? reply.line)",
                                       serverErrorCode: code, line: reply.line)
        }
        return reply
    }

    // MARK: - Session

    /// Makes `connection` the current switchboard: handles `early` frames, then reads the rest.
    func install(_ connection: MessengerConnection, early: [Frame]) {
        generation += 1
        let session = generation
        self.connection = connection
        roster.reset()
        sawIdleTimeout = false
        for frame in early { receive(frame, session: session) }
        Task { [weak self] in
            while true {
                let frame: Frame
                do {
                    frame = try await connection.nextFrame()
                } catch {
                    await self?.sessionClosed(session, error: .wrap(error))
                    return
                }
                guard let self else { return await connection.close() }
                await self.receive(frame, session: session)
            }
        }
    }

    /// Ends the current switchboard session on the client's side: `OUT`, close, `.ended`.
    func endSession(_ reason: ConversationEndReason) {
        guard let connection else { return }
        self.connection = nil
        generation += 1
        for participant in roster.participants { emit(.left(participant, timedOut: false)) }
        roster.reset()
        emit(.ended(reason))
        wakeAll()
        Task {
            try? await connection.write(Frame(verb: .out))
            await connection.close()
        }
    }

    /// The reader saw the switchboard connection close.
    private func sessionClosed(_ session: Int, error: MessengerClientError) {
        guard session == generation, connection != nil else { return }
        connection = nil
        generation += 1
        for participant in roster.participants { emit(.left(participant, timedOut: sawIdleTimeout)) }
        roster.reset()
        emit(.ended(sawIdleTimeout ? .idleTimeout : .disconnected(error)))
        wakeAll()
    }
}
