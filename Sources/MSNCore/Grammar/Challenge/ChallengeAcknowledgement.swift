/// The server's acceptance of a ``ChallengeResponse`` (a wrong one gets `540` and a close).
///
/// ```
/// S: QRY 11
/// ```
public struct ChallengeAcknowledgement: FrameRepresentable {
    public static let verb = Verb.qry

    public var transactionID: TransactionID

    public init(transactionID: TransactionID) {
        self.transactionID = transactionID
    }

    // QRY trid
    public init(frame: Frame, dialect: Dialect? = nil) throws(GrammarError) {
        try frame.expect(Self.verb)
        try frame.expectNoPayload()
        transactionID = try frame.requiredTransactionID()
    }

    public var frame: Frame { Frame(verb: Self.verb, transactionID: transactionID) }
}
