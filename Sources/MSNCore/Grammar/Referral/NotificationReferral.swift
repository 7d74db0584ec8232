/// A redirect to another notification server: the dispatch server's answer to `USR … I`, in
/// the dialect's shape (``Dialect/notificationRedirectForm``).
///
/// ```
/// S: XFR 3 NS 10.0.0.5:1863                               (MSNP2)
/// S: XFR 4 NS 10.0.0.5:1863 0                             (MSNP3–6)
/// S: XFR 3 NS 207.46.106.118:1863 0 207.46.104.20:1863    (MSNP7–12)
/// S: XFR 3 NS 207.46.110.94:1863 U D                      (MSNP13+)
/// ```
/// The address `0` means "start again from `VER` on this connection".
public struct NotificationReferral: Hashable, Sendable {
    public var transactionID: TransactionID
    /// `host:port`.
    public var address: String
    /// The server the client is on now (MSNP7–12 form).
    public var currentServer: String?
    /// The shape written.
    public var form: NotificationRedirectForm

    /// The redirect of `dialect`.
    public init(transactionID: TransactionID, address: String, currentServer: String, dialect: Dialect) {
        self.init(transactionID: transactionID, address: address, currentServer: currentServer,
                  form: dialect.notificationRedirectForm)
    }

    public init(transactionID: TransactionID, address: String, currentServer: String?, form: NotificationRedirectForm) {
        self.transactionID = transactionID
        self.address = address
        self.form = form
        self.currentServer = form == .addressZeroAndCurrent ? currentServer ?? "0" : nil
    }

    // XFR trid NS address [0 [current] | U D]
    init(frame: Frame) throws(GrammarError) {
        transactionID = try frame.requiredTransactionID()
        address = try frame.required(1, "address")
        switch (frame.optional(2), frame.optional(3)) {
        case (nil, _):
            form = .addressOnly
        case ("0", nil):
            form = .addressAndZero
        case ("0", let current?):
            form = .addressZeroAndCurrent
            currentServer = current
        case ("U", "D"):
            form = .addressUD
        case (let other?, _):
            throw frame.invalid("\(other.prefix(16)) after the address is neither 0 nor U D")
        }
    }

    public var frame: Frame {
        var arguments = ["NS", address]
        switch form {
        case .addressOnly: break
        case .addressAndZero: arguments.append("0")
        case .addressZeroAndCurrent: arguments += ["0", currentServer ?? "0"]
        case .addressUD: arguments += ["U", "D"]
        }
        return Frame(verb: .xfr, transactionID: transactionID, arguments: arguments)
    }
}
