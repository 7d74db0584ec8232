import MSNCore

extension NotificationSessionState {
    /// `USR`: the three authentication schemes, each in two steps.
    ///
    /// ```
    /// C: USR 4 MD5 I alice@example.com     S: USR 4 MD5 S 1056561624.17795
    /// C: USR 5 MD5 S 483eee01d6a1de1b668cac9a0ac75d91
    /// C: USR 3 TWN I alice@example.com     S: [GCF 0 L (13–14)] USR 3 TWN S <policy>
    /// C: USR 4 TWN S t=…&p=…
    /// C: USR 3 SSO I alice@example.com     S: GCF 0 L  USR 3 SSO S MBI_KEY_OLD <nonce>
    /// C: USR 4 SSO S t=…&p=… <blob> [{machine-guid}]
    /// ```
    mutating func receiveUSR(_ frame: Frame) -> [NotificationAction] {
        guard let trID = frame.transactionID, let dialect else { return close() }
        if case .signedIn = phase {
            return [.send(.error(.alreadyLoggedIn, trID))] + close()
        }
        // The wrong scheme for the dialect (MD5 on MSNP8+, SSO before MSNP15, …) is dropped.
        guard let scheme = frame.argument(0), scheme == dialect.authenticationScheme.rawValue,
              let stage = frame.argument(1)
        else { return close() }

        switch (phase, stage) {
        case (.handshaking, "I"):
            return initial(frame, trID: trID, dialect: dialect)
        case (.md5SaltSent(let email, let salt), "S"):
            // MSN 1.0 beta: `USR 5 MD5 S alice@example.com <hash>` after an e-mail-less `I`.
            let (named, response) = email == nil
                ? (frame.argument(2).map(String.init), frame.argument(3))
                : (email, frame.argument(2))
            guard let named, NotificationSessionState.isPlausibleEmail(named), let response else {
                return [.send(.error(.authenticationFailed, trID))] + close()
            }
            return authenticate(trID: trID, machineGUID: nil, request: AuthenticationRequest(
                email: named, credentials: .md5(salt: salt, response: String(response)), dialect: dialect))
        case (.tweenerPolicySent(let email), "S"):
            guard let ticket = frame.argument(2) else {
                return [.send(.error(.authenticationFailed, trID))] + close()
            }
            return authenticate(trID: trID, machineGUID: nil, request: AuthenticationRequest(
                email: email, credentials: .ticket(String(ticket)), dialect: dialect))
        case (.ssoNonceSent(let email, let nonce), "S"):
            guard let ticket = frame.argument(2), let blob = frame.argument(3) else {
                return [.send(.error(.authenticationFailed, trID))] + close()
            }
            let guid = dialect.usrCarriesMachineGUID ? frame.argument(4).map(Self.normalizedGUID) : nil
            return authenticate(trID: trID, machineGUID: guid, request: AuthenticationRequest(
                email: email, credentials: .sso(ticket: String(ticket), blob: String(blob), nonce: nonce),
                dialect: dialect))
        default:
            return close()
        }
    }

    /// `USR trID <scheme> I <email>`.
    private mutating func initial(_ frame: Frame, trID: TransactionID, dialect: Dialect) -> [NotificationAction] {
        let email = frame.argument(2).map(String.init)
        switch dialect.authenticationScheme {
        case .md5:
            if let email, !Self.isPlausibleEmail(email) {
                return [.send(.error(.authenticationFailed, trID))] + close()
            }
            // Always a salt, even for an unknown account: failure shows only at the second USR.
            let salt = cryptography.makeSalt()
            phase = .md5SaltSent(email: email, salt: salt)
            return [.send(Frame(verb: .usr, transactionID: trID, arguments: ["MD5", "S", salt]))]
        case .tweener:
            guard let email, Self.isPlausibleEmail(email) else {
                return [.send(.error(.authenticationFailed, trID))] + close()
            }
            phase = .tweenerPolicySent(email: email)
            return policies(dialect) + [.send(Frame(verb: .usr, transactionID: trID,
                                                    arguments: ["TWN", "S", configuration.tweenerPolicy]))]
        case .sso:
            guard let email, Self.isPlausibleEmail(email) else {
                return [.send(.error(.authenticationFailed, trID))] + close()
            }
            let nonce = cryptography.makeNonce()
            phase = .ssoNonceSent(email: email, nonce: nonce)
            return policies(dialect) + [.send(Frame(verb: .usr, transactionID: trID,
                                                    arguments: ["SSO", "S", configuration.ssoPolicy, nonce]))]
        }
    }

    /// `GCF 0 <length>` + policies, pushed before `USR … S` from MSNP13.
    private func policies(_ dialect: Dialect) -> [NotificationAction] {
        guard dialect.pushesPolicies else { return [] }
        return [.send(Frame(verb: .gcf, transactionID: .asynchronous, arguments: [],
                            payloadText: configuration.policies))]
    }

    private mutating func authenticate(trID: TransactionID, machineGUID: String?,
                                       request: AuthenticationRequest) -> [NotificationAction] {
        phase = .authenticating(transactionID: trID, machineGUID: machineGUID)
        return [.authenticate(request)]
    }

    /// `name@domain` with no spaces and non-empty parts: the shape `911` guards against.
    static func isPlausibleEmail(_ text: some StringProtocol) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty && text.utf8.count <= 320
    }

    /// `f26d1f07-95e2-403c-bc18-d4bfed493428` → `{F26D1F07-95E2-403C-BC18-D4BFED493428}`.
    static func normalizedGUID(_ text: Substring) -> String {
        var core = text.uppercased()
        if core.hasPrefix("{") { core.removeFirst() }
        if core.hasSuffix("}") { core.removeLast() }
        return "{\(core)}"
    }
}
