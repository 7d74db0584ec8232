/// The server's list of login methods, the answer to ``AuthenticationMethodsRequest``.
///
/// ```
/// S: INF 2 MD5
/// ```
public struct AuthenticationMethodsReply: FrameRepresentable {
    public static let verb = Verb.inf

    public var transactionID: TransactionID
    /// The method tokens: `["MD5"]`.
    public var methods: [String]

    public init(transactionID: TransactionID, methods: [String]) {
        self.transactionID = transactionID
        self.methods = methods
    }

    /// The reply of a server speaking `dialect`: its ``Dialect/authenticationScheme``.
    public init(transactionID: TransactionID, dialect: Dialect) {
        self.init(transactionID: transactionID, methods: [dialect.authenticationScheme.rawValue])
    }

    /// The methods this client knows.
    public var schemes: [AuthenticationScheme] { methods.compactMap(AuthenticationScheme.init(rawValue:)) }

    // INF trid method+
    public init(frame: Frame, dialect: Dialect? = nil) throws(GrammarError) {
        try frame.expect(Self.verb)
        try frame.expectNoPayload()
        transactionID = try frame.requiredTransactionID()
        _ = try frame.required(0, "method")
        methods = frame.arguments.map(String.init)
    }

    public var frame: Frame { Frame(verb: Self.verb, transactionID: transactionID, arguments: methods) }
}
