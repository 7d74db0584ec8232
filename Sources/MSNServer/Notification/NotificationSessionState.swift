import MSNCore

/// The notification server's side of one connection, as a pure state machine: frames and
/// authentication results in, ``NotificationAction``s out. No sockets, no clocks, no stores.
///
/// ```
/// C: VER 1 MSNP8 CVR0                         → send VER 1 MSNP8 CVR0
/// C: CVR 2 0x0409 winnt 5.1 i386 MSNMSGR 6.0.0602 msmsgs a@b.com → send CVR 2 6.0.0602 …
/// C: USR 3 TWN I a@b.com                      → send USR 3 TWN S <policy>
/// C: USR 4 TWN S t=…&p=…                      → authenticate(ticket)
/// authenticationFinished(.success)            → signIn, send USR 4 OK a@b.com a@b.com 1 0, MSG profile
/// C: PNG                                      → send QNG 60
/// C: OUT                                      → close
/// ```
///
/// Out-of-order and unknown commands close the connection (the protocol's "server disconnects
/// client"); a failed proof is `911`, a second `USR` after sign-in `207`, a wrong `QRY` `540`,
/// each followed by a close.
public struct NotificationSessionState: Sendable {
    /// Where the login stands.
    public enum Phase: Sendable, Hashable {
        /// Before `USR … I`: `VER`, `CVR`, `INF` are answered here.
        case handshaking
        /// `USR n MD5 S <salt>` was sent (`email` is `nil` for MSN 1.0's `USR n MD5 I`).
        case md5SaltSent(email: String?, salt: String)
        /// `USR n TWN S <policy>` was sent.
        case tweenerPolicySent(email: String)
        /// `USR n SSO S MBI_KEY_OLD <nonce>` was sent.
        case ssoNonceSent(email: String, nonce: String)
        /// The proof of `USR trID … S` is being checked.
        case authenticating(transactionID: TransactionID, machineGUID: String?)
        /// Signed in.
        case signedIn(SignedInSession)
        /// Closing: nothing more is answered.
        case closed
    }

    public let configuration: NotificationSessionConfiguration
    let cryptography: any LoginCryptography
    /// The client's address, for the profile's `ClientIP` / `ClientPort`.
    let clientIP: String
    let clientPort: Int

    public internal(set) var phase: Phase = .handshaking
    var handshake: LoginHandshake
    /// Challenges sent and not yet answered, oldest first (at most two are kept).
    public internal(set) var outstandingChallenges: [String] = []
    /// Whether a `CHG` has been seen since sign-in.
    var hasChangedStatus = false

    public init(configuration: NotificationSessionConfiguration = .init(),
                cryptography: any LoginCryptography, clientIP: String = "", clientPort: Int = 0) {
        self.configuration = configuration
        self.cryptography = cryptography
        self.clientIP = clientIP
        self.clientPort = clientPort
        self.handshake = LoginHandshake(configuration: configuration.handshake)
    }

    /// The dialect chosen by `VER`, `nil` before.
    public var dialect: Dialect? { handshake.dialect }

    /// Who is signed in, once someone is.
    public var session: SignedInSession? {
        if case .signedIn(let session) = phase { return session }
        return nil
    }

    /// Handles one frame from the client.
    public mutating func receive(_ frame: Frame) -> [NotificationAction] {
        if case .closed = phase { return [] }
        switch frame.verb {
        case .ver, .cvr, .inf:
            // Only before USR … I; a second VER is allowed there.
            guard case .handshaking = phase, frame.verb == .ver || dialect != nil else { return close() }
            switch handshake.handle(frame) {
            case .reply(let frames): return frames.map(NotificationAction.send)
            case .replyAndClose(let frames): return frames.map(NotificationAction.send) + close()
            case .close: return close()
            }
        case .usr:
            return receiveUSR(frame)
        case .out:
            // C: OUT — the client signs out; no reply.
            return close()
        default:
            guard let session else { return close() }
            return receiveSignedIn(frame, session: session)
        }
    }

    /// Reports the outcome of the last ``NotificationAction/authenticate(_:)``.
    ///
    /// - Parameter loginTime: seconds since 1970, for the profile's `LoginTime`.
    public mutating func authenticationFinished(_ outcome: AuthenticationOutcome,
                                                loginTime: Int) -> [NotificationAction] {
        guard case .authenticating(let trID, let machineGUID) = phase, let dialect else { return [] }
        guard case .success(let account) = outcome else {
            return [.send(.error(.authenticationFailed, trID))] + close()
        }
        let session = SignedInSession(account: account, dialect: dialect, machineGUID: machineGUID)
        phase = .signedIn(session)
        var actions: [NotificationAction] = [.signIn(session), .send(loginOK(session, trID: trID))]
        if dialect.sendsSBS {
            // S: SBS 0 null
            actions.append(.send(Frame(verb: .sbs, arguments: ["0", "null"])))
        }
        let profile = ProfileMessage(account: account, loginTime: loginTime,
                                     clientIP: clientIP, clientPort: clientPort)
        actions.append(.send(profile.frame(for: dialect)))
        if configuration.challengeTiming == .afterLogin { actions += challenge() }
        return actions
    }

    /// `USR 7 OK alice@example.com Alice 1 0` in the dialect's form.
    func loginOK(_ session: SignedInSession, trID: TransactionID) -> Frame {
        let email = session.account.email
        let name = URLEncoding.encode(session.account.friendlyName)
        let tail: [String] = switch session.dialect.loginOKForm {
        case .friendlyName: [email, name]
        case .friendlyNameVerified: [email, name, "1"]
        case .friendlyNameVerifiedRestricted: [email, name, "1", "0"]
        case .verifiedRestricted: [email, "1", "0"]
        }
        return Frame(verb: .usr, transactionID: trID, arguments: ["OK"] + tail)
    }

    /// Stops answering and asks for the connection to close.
    mutating func close() -> [NotificationAction] {
        phase = .closed
        return [.close]
    }
}
