/// The client's question "which login methods do you take?" (MSNP2–7, ``Dialect/hasINF``).
///
/// ```
/// C: INF 2
/// ```
public struct AuthenticationMethodsRequest: FrameRepresentable {
    public static let verb = Verb.inf

    public var transactionID: TransactionID

    public init(transactionID: TransactionID) {
        self.transactionID = transactionID
    }

    // INF trid
    public init(frame: Frame, dialect: Dialect? = nil) throws(GrammarError) {
        try frame.expect(Self.verb)
        try frame.expectNoPayload()
        transactionID = try frame.requiredTransactionID()
    }

    public var frame: Frame { Frame(verb: Self.verb, transactionID: transactionID) }
}
