import MSNCore

extension NotificationSessionState {
    /// Commands after sign-in: keep-alive, challenges, presence (`CHG`, `UUX`) and the
    /// contact-list commands, which ``ContactListCommands`` reads and the runner executes.
    mutating func receiveSignedIn(_ frame: Frame, session: SignedInSession) -> [NotificationAction] {
        let dialect = session.dialect
        switch frame.verb {
        case .png:
            // C: PNG   S: QNG 60 (MSNP9+) / QNG
            let seconds = dialect.qngCarriesSeconds ? [String(configuration.pingInterval)] : []
            return [.send(Frame(verb: .qng, arguments: seconds))]
        case .chg:
            return changeStatus(frame)
        case .xfr:
            // C: XFR 10 SB   S: XFR 10 SB 127.0.0.1:1864 CKI 4831297305.1770432918.9023441750[ U messenger.msn.com[ 1]]
            guard let request = try? ReferralRequest(frame: frame), request.target == .switchboard else { return close() }
            return [.requestSwitchboard(request.transactionID)]
        case .qry where dialect.challengeKind != .none:
            return answerChallenge(frame, dialect: dialect)
        case .gcf where dialect.supportsPersonalMessages:
            // C: GCF 9 Shields.xml   S: GCF 9 Shields.xml <length> + policies (MSNP11+)
            guard let trID = frame.transactionID, let name = frame.argument(0) else { return close() }
            return [.send(Frame(verb: .gcf, transactionID: trID, arguments: [String(name)],
                                payloadText: configuration.policies))]
        case .uux where dialect.supportsPersonalMessages:
            // C: UUX 10 75 + <Data><PSM>…</PSM>…   S: UUX 10 0
            guard let trID = frame.transactionID else { return close() }
            let (message, media) = PresenceCommands.parsePersonalMessage(frame.payloadText ?? "")
            return [.setPersonalMessage(message: message, media: media),
                    .send(Frame(verb: .uux, transactionID: trID, arguments: [], payloadText: ""))]
        case let verb where MembershipCommand.verbs.contains(verb) && dialect.contactListMechanism == .addressBookSOAP:
            // C: ADL 6 63 + <ml l="1">…</ml>   S: ADL 6 OK (then presence); bad XML → 241 6, close
            guard let trID = frame.transactionID else { return close() }
            switch MembershipCommand.parse(frame) {
            case .command(let command): return [.membership(command, trID)]
            case .error(let code, let closes): return [.send(.error(code, trID))] + (closes ? close() : [])
            }
        case let verb where ContactListCommands.verbs.contains(verb):
            guard let trID = frame.transactionID else { return close() }
            switch ContactListCommands.parse(frame, dialect: dialect, me: session.account.email) {
            case .command(let command): return [.contactList(command, trID)]
            case .error(let code): return [.send(.error(code, trID))]
            case .notHandled: return close()
            }
        default:
            return close()
        }
    }

    /// `CHG 9 NLN 1610612736` → echoed, then the presence is applied (`ILN` dump the first
    /// time, `NLN`/`FLN` to watchers); the first one is followed by `CHL 0 …`. `CHG 9 FLN`
    /// or an unknown status → `201 9`.
    private mutating func changeStatus(_ frame: Frame) -> [NotificationAction] {
        guard let trID = frame.transactionID, frame.argument(0) != nil, let dialect else { return close() }
        guard let change = PresenceCommands.parseChange(frame, dialect: dialect) else {
            return [.send(.error(.invalidParameter, trID))]
        }
        let echo = Frame(verb: .chg, transactionID: trID, arguments: frame.arguments)
        var actions: [NotificationAction] = [.changePresence(change, echo: echo, trID)]
        if !hasChangedStatus {
            hasChangedStatus = true
            if configuration.challengeTiming == .afterFirstStatusChange { actions += challenge() }
        }
        return actions
    }

    /// Sends `CHL 0 <challenge>` if the dialect has challenges.
    mutating func challenge() -> [NotificationAction] {
        guard let dialect, dialect.challengeKind != .none else { return [] }
        let challenge = cryptography.makeChallenge()
        outstandingChallenges.append(challenge)
        if outstandingChallenges.count > 2 { outstandingChallenges.removeFirst() }
        return [.send(Frame(verb: .chl, transactionID: .asynchronous, arguments: [challenge]))]
    }

    /// `QRY 11 PROD0090YUAUV{2B 32` + 32 hex → `QRY 11`, or `540 11` and close.
    private mutating func answerChallenge(_ frame: Frame, dialect: Dialect) -> [NotificationAction] {
        guard let trID = frame.transactionID else { return close() }
        guard let productID = frame.argument(0), let response = frame.payloadText,
              response.utf8.count == 32,
              let index = outstandingChallenges.lastIndex(where: {
                  cryptography.verifyChallenge(response: response, challenge: $0,
                                               productID: String(productID), dialect: dialect)
              })
        else {
            return [.send(.error(.challengeResponseFailed, trID))] + close()
        }
        outstandingChallenges.remove(at: index)
        return [.send(Frame(verb: .qry, transactionID: trID))]
    }
}
