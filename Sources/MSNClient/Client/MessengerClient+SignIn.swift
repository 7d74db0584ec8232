import MSNCore

extension MessengerClient {
    /// Signs in: connects, negotiates the dialect, follows redirects, authenticates with the
    /// dialect's scheme, and waits briefly for the profile message.
    ///
    /// ```
    /// C: VER 1 MSNP18 MSNP17 … MSNP2 CVR0
    /// S: VER 1 MSNP18
    /// C: CVR 2 0x0409 winnt 5.1 i386 MSNMSGR 14.0.8117.0416 msmsgs alice@example.com
    /// C: USR 3 SSO I alice@example.com
    /// S: USR 3 SSO S MBI_KEY_OLD 8CLhG/xfgYZ7TyRQ/jIAWyDmd/w4R4GF2yKLS6tYrnjzi4cFag/Nr+hxsfg5zlCf
    /// C: USR 4 SSO S t=…&p=… HAAAAAEAAAADZgAABIAAAAgAAAAUAAAASAAAAAECAwQ… {F26D1F07-95E2-403C-BC18-D4BFED493428}
    /// S: USR 4 OK alice@example.com 1 0
    /// ```
    ///
    /// - Returns: who is signed in, in which dialect, on which server.
    /// - Throws: ``MessengerClientError`` — `wrongPassword`, `unknownAccount`, `dialectRefused`,
    ///   `serverUnavailable`, `timeout`, `protocolViolation`, `httpFailure`, `serverError`…
    @discardableResult
    public func signIn(email: String, password: String) async throws(MessengerClientError) -> SignedInAccount {
        guard !isClosed else { throw MessengerClientError(.invalidConfiguration, "the client is closed") }
        guard connection == nil, !signingIn else {
            throw MessengerClientError(.invalidConfiguration, "already signed in or signing in; sign out first")
        }
        guard !configuration.dialects.isEmpty else {
            throw MessengerClientError(.invalidConfiguration, "no dialect to offer")
        }
        signingIn = true
        defer { signingIn = false }
        var settings = LoginStateMachine.Settings(email: email, password: password, server: configuration.server,
                                                  dialects: configuration.dialects)
        settings.offerCVR0 = configuration.offerCVR0
        settings.sendCVRBeforeMSNP8 = configuration.sendCVRBeforeMSNP8
        settings.clientVersion = configuration.clientVersion
        settings.machineGUID = configuration.machineGUID
        settings.maximumRedirects = configuration.maximumRedirects
        var machine = LoginStateMachine(settings: settings)
        var current: MessengerConnection?
        do {
            var signedIn = try await runLogin(&machine, connection: &current, email: email, password: password)
            guard let current else { throw MessengerClientError.disconnected("no connection after sign-in") }
            await current.setNextTransactionID(machine.nextTransactionID)
            connection = current
            account = signedIn
            logger.info("signed in", metadata: ["email": "\(signedIn.email)", "dialect": "\(signedIn.dialect)",
                                                "server": "\(signedIn.server)"])
            await collectProfile(from: current)
            signedIn.profile = account?.profile
            account = signedIn
            if configuration.synchronizesContactList {
                try await synchronizeContacts(on: current, account: signedIn)
            }
            startSession(on: current)
            if let status = configuration.initialStatus {
                try await setStatus(status)
            }
            return account ?? signedIn
        } catch {
            let failure = MessengerClientError.wrap(error)
            stopSessionTasks()
            if let current { await current.abort(failure) }
            connection = nil
            account = nil
            logger.debug("sign-in failed", metadata: ["error": "\(failure)"])
            throw failure
        }
    }

    /// Performs the state machine's actions until it signs in or fails.
    private func runLogin(_ machine: inout LoginStateMachine, connection current: inout MessengerConnection?,
                          email: String, password: String) async throws -> SignedInAccount {
        var action = machine.start()
        while true {
            switch action {
            case .connect(let address):
                if let previous = current {
                    current = nil
                    await previous.close()
                }
                current = try await MessengerConnection.connect(
                    to: address, timeout: configuration.timeouts.connect, limits: configuration.frameLimits,
                    trace: configuration.trace, logger: logger)
                action = machine.connected()
            case .send(let frame):
                guard let connection = current else { throw MessengerClientError.disconnected("not connected") }
                do {
                    try await connection.write(frame)
                    action = machine.received(try await connection.nextFrame(timeout: configuration.timeouts.reply))
                } catch {
                    action = machine.connectionClosed(.wrap(error))
                }
            case .readNext:
                guard let connection = current else { throw MessengerClientError.disconnected("not connected") }
                do {
                    action = machine.received(try await connection.nextFrame(timeout: configuration.timeouts.reply))
                } catch {
                    action = machine.connectionClosed(.wrap(error))
                }
            case .fetchTweenerTicket(let policy):
                guard let dialect = machine.dialect else { throw MessengerClientError.disconnected("no dialect") }
                let passport = PassportAuthenticator(transport: passportTransport(), configuration: configuration, logger: logger)
                let result = try await passport.tweenerTicket(email: email, password: password, policy: policy, dialect: dialect)
                action = machine.ticketReceived(result.ticket, tickets: result.tickets)
            case .fetchSSOTicket(let policy, let nonce):
                guard let dialect = machine.dialect else { throw MessengerClientError.disconnected("no dialect") }
                let passport = PassportAuthenticator(transport: passportTransport(), configuration: configuration, logger: logger)
                let result = try await passport.ssoTokens(email: email, password: password, policy: policy, dialect: dialect)
                let blob = try AuthenticationMath.ssoBlob(nonce: nonce, proofKey: result.proofKey)
                action = machine.ticketReceived(result.ticket, blob: blob, tickets: result.tickets)
            case .signedIn(let account):
                return account
            case .fail(let error):
                throw error
            }
        }
    }

    /// Handles what follows `USR … OK` until the profile arrives or the wait ends.
    private func collectProfile(from connection: MessengerConnection) async {
        let deadline = ContinuousClock.now + configuration.timeouts.profile
        while account?.profile == nil {
            let remaining = deadline - .now
            guard remaining > .zero else { return }
            do {
                let frame = try await connection.nextFrame(timeout: remaining)
                await handle(frame, on: connection)
            } catch {
                return
            }
        }
    }
}
