import MSNCore

/// What ``NotificationSessionState`` asks its runner to do.
public enum NotificationAction: Sendable, Hashable {
    /// Queue a frame for the client: `USR 4 OK alice@example.com 1 0`.
    case send(Frame)
    /// Write what is queued, then close the connection.
    case close
    /// Check the client's proof, then report with
    /// ``NotificationSessionState/authenticationFinished(_:loginTime:)``.
    case authenticate(AuthenticationRequest)
    /// The client is signed in: register the session (and sign out older ones) and stop the
    /// login timer. Comes before the `USR … OK` it announces.
    case signIn(SignedInSession)
    /// Run a contact-list command and queue its reply (`ADD 9 FL 3 bob@example.com Bob`).
    case contactList(ContactListCommand, TransactionID)
    /// Run an MSNP13+ `ADL`/`RML`/`FQY` and queue its reply (`ADL 6 OK`).
    case membership(MembershipCommand, TransactionID)
    /// Apply a `CHG`, then queue `echo` (`CHG 9 NLN 0`) and, the first time, the `ILN` dump;
    /// then fan out. The echo waits for the change so that whoever hears it sees it applied.
    case changePresence(PresenceCommands.Change, echo: Frame, TransactionID)
    /// Apply a `UUX`: keep the personal message, push `UBX` to watchers.
    case setPersonalMessage(message: String, media: String)
    /// Answer `XFR trID SB` with a switchboard address and a fresh cookie (or `913`).
    case requestSwitchboard(TransactionID)
}

/// Who is signed in on a connection.
public struct SignedInSession: Sendable, Hashable {
    public var account: AuthenticatedAccount
    public var dialect: Dialect
    /// The machine GUID sent with `USR … SSO S` (MSNP16+), upper-cased, with braces.
    public var machineGUID: String?

    public init(account: AuthenticatedAccount, dialect: Dialect, machineGUID: String? = nil) {
        self.account = account
        self.dialect = dialect
        self.machineGUID = machineGUID
    }
}
