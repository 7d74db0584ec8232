/// The client's description of itself, sent after `VER` (mandatory from MSNP8, with the
/// account: see ``Dialect/cvrCarriesEmail``).
///
/// ```
/// C: CVR 2 0x0409 winnt 5.1 i386 MSNMSGR 8.0.0792 msmsgs alice@example.com
/// ```
public struct ClientVersionRequest: FrameRepresentable {
    public static let verb = Verb.cvr

    public var transactionID: TransactionID
    /// The Windows locale id in hex: `0x0409`.
    public var localeID: String
    /// `winnt`, `win`, `macos` …
    public var osType: String
    public var osVersion: String
    /// `i386`.
    public var architecture: String
    /// `MSNMSGR`, `MSMSGS`, `MSG80BETA` …
    public var clientName: String
    /// `8.0.0792`.
    public var clientVersion: String
    /// `msmsgs`, `MSMSGS`, `BC01` …
    public var clientBrand: String
    /// The account signing in (MSNP8+).
    public var account: String?

    public init(transactionID: TransactionID, localeID: String = "0x0409", osType: String = "winnt",
                osVersion: String = "5.1", architecture: String = "i386", clientName: String = "MSNMSGR",
                clientVersion: String, clientBrand: String = "msmsgs", account: String?) {
        self.transactionID = transactionID
        self.localeID = localeID
        self.osType = osType
        self.osVersion = osVersion
        self.architecture = architecture
        self.clientName = clientName
        self.clientVersion = clientVersion
        self.clientBrand = clientBrand
        self.account = account
    }

    /// The request of `dialect`: the account is included when ``Dialect/cvrCarriesEmail``.
    public init(transactionID: TransactionID, clientVersion: String, account: String, dialect: Dialect) {
        self.init(transactionID: transactionID, clientVersion: clientVersion,
                  account: dialect.cvrCarriesEmail ? account : nil)
    }

    // CVR trid locale os-type os-ver arch client-name client-ver brand [account]
    public init(frame: Frame, dialect: Dialect? = nil) throws(GrammarError) {
        try frame.expect(Self.verb)
        try frame.expectNoPayload()
        transactionID = try frame.requiredTransactionID()
        localeID = try frame.required(0, "locale id")
        osType = try frame.required(1, "OS type")
        osVersion = try frame.required(2, "OS version")
        architecture = try frame.required(3, "architecture")
        clientName = try frame.required(4, "client name")
        clientVersion = try frame.required(5, "client version")
        clientBrand = try frame.required(6, "client brand")
        account = frame.optional(7)
    }

    public var frame: Frame {
        var arguments = [localeID, osType, osVersion, architecture, clientName, clientVersion, clientBrand]
        if let account { arguments.append(account) }
        return Frame(verb: Self.verb, transactionID: transactionID, arguments: arguments)
    }
}
