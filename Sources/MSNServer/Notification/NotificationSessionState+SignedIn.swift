import MSNCore

extension NotificationSessionState {
    /// Commands after sign-in. This issue covers keep-alive, the first status change and
    /// challenges; contact lists and presence come next and plug in here.
    mutating func receiveSignedIn(_ frame: Frame, session: SignedInSession) -> [NotificationAction] {
        let dialect = session.dialect
        switch frame.verb {
        case .png:
            // C: PNG   S: QNG 60 (MSNP9+) / QNG
            let seconds = dialect.qngCarriesSeconds ? [String(configuration.pingInterval)] : []
            return [.send(Frame(verb: .qng, arguments: seconds))]
        case .chg:
            return changeStatus(frame)
        case .qry where dialect.challengeKind != .none:
            return answerChallenge(frame, dialect: dialect)
        case .gcf where dialect.supportsPersonalMessages:
            // C: GCF 9 Shields.xml   S: GCF 9 Shields.xml <length> + policies (MSNP11+)
            guard let trID = frame.transactionID, let name = frame.argument(0) else { return close() }
            return [.send(Frame(verb: .gcf, transactionID: trID, arguments: [String(name)],
                                payloadText: configuration.policies))]
        default:
            return close()
        }
    }

    /// `CHG 9 NLN 1610612736` → echoed; the first one is followed by `CHL 0 …`.
    // TODO(presence): the next issue stores the status and fans it out (ILN/NLN/FLN).
    private mutating func changeStatus(_ frame: Frame) -> [NotificationAction] {
        guard let trID = frame.transactionID, frame.argument(0) != nil else { return close() }
        var actions: [NotificationAction] = [.send(Frame(verb: .chg, transactionID: trID,
                                                         arguments: frame.arguments))]
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
