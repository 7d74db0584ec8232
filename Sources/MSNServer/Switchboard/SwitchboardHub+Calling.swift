import MSNCore

extension SwitchboardHub {
    /// `CAL trID email` from `caller`: rings every visible notification session of the callee
    /// with an `RNG` in its own dialect and a cookie of its own, after queuing
    /// `CAL trID RINGING session-id` for the caller. Returns the error to answer instead:
    ///
    /// | Code | When |
    /// |---|---|
    /// | `208` | no such account (or not an e-mail address) |
    /// | `215` | already in the conversation, or already being called; calling oneself before MSNP16 |
    /// | `217` | offline, hidden, or blocking the caller (BL, or BLP BL and not on AL) |
    /// | `280` | the conversation is gone, or the store failed |
    /// | `712` | the conversation already holds ``SwitchboardConfiguration/maximumParticipants`` accounts (ringing ones included) |
    ///
    /// Calling again someone who is there or still ringing is `215` every time, and rings
    /// nobody; once they left, or their invitation ran out unanswered, they may be called again:
    ///
    /// ```
    /// C: CAL 3 bob@example.com    S: 215 3        (bob is here)
    /// C: CAL 4 dave@example.com   S: 712 4        (the conversation is full)
    /// ```
    ///
    /// From MSNP16 calling oneself rings one's other endpoints (`217` when there are none).
    public func call(_ email: String, from caller: SwitchboardParticipant, transactionID: TransactionID) async -> ErrorCode? {
        let callee = email.lowercased()
        let selfCall = callee == caller.identity.accountKey
        let limit = configuration.maximumParticipants
        if let refusal = state.withLock({ state in
            Self.precheck(state, caller: caller, callee: callee, selfCall: selfCall, limit: limit, now: now())
        }) {
            return refusal
        }
        guard (try? AccountValidation.normalisedEmail(email)) != nil else { return .invalidPrincipalName }
        do {
            guard try await store.account(email: callee) != nil else { return .invalidPrincipalName }
        } catch {
            logger.warning("CAL \(callee): \(error)")
            return .switchboardFailed
        }
        let sessions = await registry.sessions(of: callee).filter(\.isVisible)
        guard !sessions.isEmpty else { return .principalNotOnline }
        if !selfCall {
            do {
                let list = try await store.contactList(owner: callee)
                let lists = list.entry(for: caller.identity.accountKey)?.lists ?? []
                guard list.settings.privacyMode.allows(lists) else { return .principalNotOnline }
            } catch {
                logger.warning("CAL \(callee): \(error)")
                return .switchboardFailed
            }
        }
        return ring(sessions, callee: callee, from: caller, selfCall: selfCall, transactionID: transactionID)
    }

    /// The checks that need no store: the caller is still in its conversation; the callee is
    /// not already there or being called; there is room for one more account.
    private static func precheck(_ state: State, caller: SwitchboardParticipant, callee: String, selfCall: Bool,
                                 limit: Int, now: ContinuousClock.Instant) -> ErrorCode? {
        guard let conversation = state.conversations[caller.sessionID],
              conversation.participants.contains(where: { $0.id == caller.id })
        else { return .switchboardFailed }
        if selfCall { return caller.identity.dialect.supportsMPOP ? nil : .alreadyInList }
        if conversation.contains(account: callee) || conversation.isRinging(callee, now: now) { return .alreadyInList }
        if conversation.accountCount(now: now) >= limit { return .sessionOverloaded }
        return nil
    }

    /// Issues the invitation cookies and queues `CAL … RINGING` and the `RNG`s, checking again
    /// under the lock (the conversation may have changed during the lookups).
    private func ring(_ sessions: [NotificationSessionHandle], callee: String, from caller: SwitchboardParticipant,
                      selfCall: Bool, transactionID: TransactionID) -> ErrorCode? {
        let now = now()
        let expiry = now + configuration.cookieLifetime
        return state.withLock { state -> ErrorCode? in
            if let refusal = Self.precheck(state, caller: caller, callee: callee, selfCall: selfCall,
                                           limit: configuration.maximumParticipants, now: now) {
                return refusal
            }
            guard !state.shutDown, var conversation = state.conversations[caller.sessionID] else { return .switchboardFailed }
            let present = Set(conversation.participants.filter { $0.identity.accountKey == callee }
                .compactMap(\.identity.wireEndpoint))
            let targets = sessions.map { ($0, SwitchboardIdentity($0)) }
                .filter { !selfCall || $0.1.wireEndpoint.map { !present.contains($0) } ?? false }
            guard !targets.isEmpty else { return .principalNotOnline }
            var invitations: [(NotificationSessionHandle, String)] = []
            for (session, identity) in targets {
                let grant = SwitchboardGrant(purpose: .invitation(sessionID: conversation.sessionID),
                                             identity: identity, expiry: expiry)
                guard case .success(let cookie) = state.cookies.issue(grant, now: now) else { return .switchboardFailed }
                invitations.append((session, cookie))
            }
            conversation.ringing[callee] = expiry
            state.conversations[conversation.sessionID] = conversation
            caller.outbox.send(Frame(verb: .cal, transactionID: transactionID, arguments: ["RINGING", conversation.sessionID]))
            let inviterName = URLEncodedName(caller.identity.friendlyName)
            for (session, cookie) in invitations {
                let invitation = SwitchboardInvitation(sessionID: conversation.sessionID, address: state.address,
                                                       cookie: cookie, inviter: caller.identity.email,
                                                       inviterName: inviterName, dialect: session.session.dialect)
                session.outbox.send(invitation.frame)
            }
            return nil
        }
    }
}
