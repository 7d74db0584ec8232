/// A switchboard to open a conversation on: the answer to `XFR trid SB`, in the dialect's
/// shape (``Dialect/switchboardReferralForm``).
///
/// ```
/// S: XFR 15 SB 207.46.108.37:1863 CKI 17262740.1050826919.32308                        (MSNP2–12)
/// S: XFR 8 SB 127.0.0.1:1864 CKI 9e9a0462fbd30cd70d80 U messenger.msn.com               (MSNP13)
/// S: XFR 8 SB 127.0.0.1:1864 CKI c1b42040841307ddfc1f U messenger.msn.com 1             (MSNP14+)
/// ```
/// The cookie is opaque to the client; the switchboard checks it in `USR`.
public struct SwitchboardReferral: Hashable, Sendable {
    public var transactionID: TransactionID
    /// `host:port`.
    public var address: String
    /// The authentication cookie (after `CKI`).
    public var cookie: String
    /// `messenger.msn.com` (MSNP13+).
    public var domain: String?
    /// `1` when a direct TCP connection is allowed, `0` for the HTTP gateway only (MSNP14+).
    public var directConnect: Bool?
    /// The shape written.
    public var form: SwitchboardReferralForm

    /// The referral of `dialect`.
    public init(transactionID: TransactionID, address: String, cookie: String, domain: String = "messenger.msn.com",
                directConnect: Bool = true, dialect: Dialect) {
        self.init(transactionID: transactionID, address: address, cookie: cookie, domain: domain,
                  directConnect: directConnect, form: dialect.switchboardReferralForm)
    }

    public init(transactionID: TransactionID, address: String, cookie: String, domain: String?,
                directConnect: Bool?, form: SwitchboardReferralForm) {
        self.transactionID = transactionID
        self.address = address
        self.cookie = cookie
        self.form = form
        if form != .plain { self.domain = domain ?? "messenger.msn.com" }
        if form == .domainAndDirectConnect { self.directConnect = directConnect ?? true }
    }

    // XFR trid SB address CKI cookie [U domain [direct-connect]]
    init(frame: Frame) throws(GrammarError) {
        transactionID = try frame.requiredTransactionID()
        address = try frame.required(1, "address")
        let method = try frame.required(2, "authentication method")
        guard method == "CKI" else { throw frame.invalid("authentication method \(method.prefix(8)) is not CKI") }
        cookie = try frame.required(3, "cookie")
        switch frame.optional(4) {
        case nil:
            form = .plain
        case "U":
            domain = try frame.required(5, "domain")
            if frame.argument(6) != nil {
                directConnect = try frame.flag(6, "direct-connect flag")
                form = .domainAndDirectConnect
            } else {
                form = .domain
            }
        case let other?:
            throw frame.invalid("\(other.prefix(8)) after the cookie is not U")
        }
    }

    public var frame: Frame {
        var arguments = ["SB", address, "CKI", cookie]
        if form != .plain { arguments += ["U", domain ?? "messenger.msn.com"] }
        if form == .domainAndDirectConnect { arguments.append((directConnect ?? true).wireFlag) }
        return Frame(verb: .xfr, transactionID: transactionID, arguments: arguments)
    }
}
