import MSNCore
import NIOCore

extension MessengerClient {
    /// Starts reading pushes and sending keepalives on a signed-in connection.
    func startSession(on connection: MessengerConnection) {
        unansweredPingSince = nil
        lastPing = .now
        pingInterval = configuration.keepaliveInterval
        readerTask = Task { await self.readLoop(connection) }
        keepaliveTask = Task { await self.keepaliveLoop(connection) }
    }

    func stopSessionTasks() {
        readerTask?.cancel()
        keepaliveTask?.cancel()
        readerTask = nil
        keepaliveTask = nil
    }

    /// Reads unclaimed frames until the connection closes.
    private func readLoop(_ connection: MessengerConnection) async {
        while !Task.isCancelled {
            let frame: Frame
            do {
                frame = try await connection.nextFrame()
            } catch {
                if !Task.isCancelled { await connectionLost(connection, error: .wrap(error)) }
                return
            }
            await handle(frame, on: connection)
        }
    }

    /// The connection dropped without ``signOut()``.
    private func connectionLost(_ lost: MessengerConnection, error: MessengerClientError) async {
        guard connection === lost else { return }
        keepaliveTask?.cancel()
        keepaliveTask = nil
        readerTask = nil
        let reason = closingReason ?? error
        closingReason = nil
        connection = nil
        account = nil
        logger.info("disconnected", metadata: ["reason": "\(reason)"])
        emit(.disconnected(reason))
    }

    /// Handles one pushed frame.
    ///
    /// ```
    /// S: CHL 0 15570131571988941333   → C: QRY 12 msmsgs@msnmsgr.com 32 …
    /// S: QNG 50                       → next PNG in ≤ 50 s
    /// S: OUT OTH                      → .signedOutElsewhere, then .disconnected
    /// ```
    func handle(_ frame: Frame, on connection: MessengerConnection) async {
        switch frame.verb {
        case .chl:
            await answerChallenge(frame, on: connection)
        case .qry:
            if let id = frame.transactionID, let challenge = pendingChallenges.removeValue(forKey: id) {
                emit(.challengeAnswered(challenge: challenge.challenge, productID: challenge.productID, accepted: true))
            } else {
                emit(.unhandledFrame(frame))
            }
        case .qng:
            unansweredPingSince = nil
            let seconds = frame.argument(0).flatMap { Int($0) }
            if let seconds, seconds > 0 {
                pingInterval = min(configuration.keepaliveInterval, .seconds(seconds))
            }
            emit(.keepalive(nextPingInSeconds: seconds))
        case .out:
            switch frame.argument(0) {
            case "OTH":
                closingReason = MessengerClientError(.signedInElsewhere, "the account signed in elsewhere", line: frame.line)
                emit(.signedOutElsewhere)
            case "SSD":
                closingReason = MessengerClientError(.serverUnavailable, "the server is shutting down", line: frame.line)
                emit(.serverShuttingDown)
            default:
                closingReason = MessengerClientError(.disconnected, "the server signed the client out", line: frame.line)
                emit(.signedOutByServer(reason: frame.arguments.map(String.init)))
            }
            await connection.close()
        case .rng:
            handleInvitation(frame)
        case .prp where frame.arguments.count == 2 && frame.argument(0) == "MFN":
            // PRP MFN Alice%20L: the owner's name in the MSNP10+ contact-list dump.
            account?.friendlyName = URLEncoding.decodeLeniently(frame.arguments[1])
        case _ where ContactListState.verbs.contains(frame.verb) && contactState != nil:
            applyContactFrame(frame)
        case .msg where isProfile(frame):
            guard let dialect = account?.dialect, let text = frame.payloadText else { return }
            let profile = Profile(payload: text, dialect: dialect)
            account?.profile = profile
            emit(.profileReceived(profile))
        default:
            if frame.verb.isError, let id = frame.transactionID,
               let challenge = pendingChallenges.removeValue(forKey: id) {
                emit(.challengeAnswered(challenge: challenge.challenge, productID: challenge.productID, accepted: false))
                return
            }
            emit(.unhandledFrame(frame))
        }
    }

    private func isProfile(_ frame: Frame) -> Bool {
        guard let payload = frame.payload, let message = try? MIMEMessage(parsing: payload) else { return false }
        return message.mediaType?.lowercased() == ProfileMessage.mediaType
    }

    /// `CHL 0 <challenge>` → `QRY <id> <product> 32` + 32 hex characters.
    private func answerChallenge(_ frame: Frame, on connection: MessengerConnection) async {
        guard let dialect = account?.dialect, let challenge = frame.argument(0) else { return }
        do {
            let (productID, response) = try AuthenticationMath.challengeResponse(to: String(challenge), dialect: dialect)
            let id = await connection.allocateTransactionID()
            pendingChallenges[id] = (String(challenge), productID)
            try await connection.write(Frame(verb: .qry, transactionID: id, arguments: [productID],
                                             payload: ByteBuffer(string: response)))
        } catch {
            logger.warning("cannot answer the challenge", metadata: ["error": "\(error)"])
        }
    }

    /// Sends `PNG` every ``pingInterval``; a `PNG` unanswered for `timeouts.keepaliveReply`
    /// means the connection is dead.
    private func keepaliveLoop(_ connection: MessengerConnection) async {
        let clock = ContinuousClock()
        let replyTimeout = configuration.timeouts.keepaliveReply
        while !Task.isCancelled {
            let pingAt = lastPing + pingInterval
            if let since = unansweredPingSince, since + replyTimeout <= pingAt {
                do { try await clock.sleep(until: since + replyTimeout) } catch { return }
                if unansweredPingSince == since { return await declareDead(connection, after: replyTimeout) }
                continue
            }
            do { try await clock.sleep(until: pingAt) } catch { return }
            if let since = unansweredPingSince, clock.now - since >= replyTimeout {
                return await declareDead(connection, after: replyTimeout)
            }
            guard self.connection === connection else { return }
            do {
                try await connection.write(Frame(verb: .png))
            } catch {
                return
            }
            lastPing = clock.now
            if unansweredPingSince == nil { unansweredPingSince = lastPing }
        }
    }

    private func declareDead(_ dead: MessengerConnection, after timeout: Duration) async {
        guard connection === dead else { return }
        logger.warning("no QNG within \(timeout); the connection is dead")
        closingReason = MessengerClientError(.timeout, "no QNG within \(timeout) of PNG: the connection is dead")
        await dead.abort(closingReason!)
    }
}
