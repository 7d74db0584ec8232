/// The server's challenge, pushed at any time after login (MSNP6+; the algorithm is
/// ``Dialect/challengeKind``). The client must answer with ``ChallengeResponse`` within about
/// 50 seconds.
///
/// ```
/// S: CHL 0 15570131571988941333
/// ```
public struct Challenge: FrameRepresentable {
    public static let verb = Verb.chl

    public var transactionID: TransactionID
    /// The challenge string.
    public var challenge: String

    public init(transactionID: TransactionID = .asynchronous, challenge: String) {
        self.transactionID = transactionID
        self.challenge = challenge
    }

    // CHL trid challenge
    public init(frame: Frame, dialect: Dialect? = nil) throws(GrammarError) {
        try frame.expect(Self.verb)
        try frame.expectNoPayload()
        transactionID = try frame.requiredTransactionID()
        challenge = try frame.required(0, "challenge")
    }

    public var frame: Frame { Frame(verb: Self.verb, transactionID: transactionID, arguments: [challenge]) }
}
