/// The notification server's push inviting the client to a conversation, with the same tail
/// as a switchboard referral (``Dialect/switchboardReferralForm``).
///
/// ```
/// S: RNG 11752013 207.46.108.38:1863 CKI 849102291.520491113 alice@example.com Alice             (MSNP2–12)
/// S: RNG 11752013 207.46.108.38:1863 CKI 849102291.520491113 alice@example.com Alice U messenger.hotmail.com     (MSNP13)
/// S: RNG 11752013 207.46.108.38:1863 CKI 849102291.520491113 alice@example.com Alice U messenger.hotmail.com 1   (MSNP14+)
/// ```
/// `RNG` has no transaction id.
public struct SwitchboardInvitation: FrameRepresentable {
    public static let verb = Verb.rng

    public var sessionID: String
    /// `host:port` of the switchboard.
    public var address: String
    public var cookie: String
    /// Who invites.
    public var inviter: String
    public var inviterName: URLEncodedName
    /// `messenger.hotmail.com` (MSNP13+).
    public var domain: String?
    /// `1` when a direct TCP connection is allowed (MSNP14+).
    public var directConnect: Bool?
    /// The shape written.
    public var form: SwitchboardReferralForm

    /// The invitation of `dialect`.
    public init(sessionID: String, address: String, cookie: String, inviter: String, inviterName: URLEncodedName,
                domain: String = "messenger.hotmail.com", directConnect: Bool = true, dialect: Dialect) {
        self.sessionID = sessionID
        self.address = address
        self.cookie = cookie
        self.inviter = inviter
        self.inviterName = inviterName
        self.form = dialect.switchboardReferralForm
        if form != .plain { self.domain = domain }
        if form == .domainAndDirectConnect { self.directConnect = directConnect }
    }

    // RNG session-id address CKI cookie inviter inviter-name [U domain [direct-connect]]
    public init(frame: Frame, dialect: Dialect? = nil) throws(GrammarError) {
        try frame.expect(Self.verb)
        try frame.expectNoPayload()
        var frame = frame
        if let transactionID = frame.transactionID {  // a table entry that reads one
            frame.arguments.insert(Substring(transactionID.description), at: 0)
            frame.transactionID = nil
        }
        sessionID = try frame.required(0, "session id")
        address = try frame.required(1, "address")
        let method = try frame.required(2, "authentication method")
        guard method == "CKI" else { throw frame.invalid("authentication method \(method.prefix(8)) is not CKI") }
        cookie = try frame.required(3, "cookie")
        inviter = try frame.required(4, "inviter")
        inviterName = try frame.encodedName(5, "inviter name")
        switch frame.optional(6) {
        case nil:
            form = .plain
        case "U":
            domain = try frame.required(7, "domain")
            if frame.argument(8) != nil {
                directConnect = try frame.flag(8, "direct-connect flag")
                form = .domainAndDirectConnect
            } else {
                form = .domain
            }
        case let other?:
            throw frame.invalid("\(other.prefix(8)) after the inviter is not U")
        }
    }

    public var frame: Frame {
        var arguments = [sessionID, address, "CKI", cookie, inviter, inviterName.encoded]
        if form != .plain { arguments += ["U", domain ?? "messenger.hotmail.com"] }
        if form == .domainAndDirectConnect { arguments.append((directConnect ?? true).wireFlag) }
        return Frame(verb: Self.verb, arguments: arguments)
    }
}
