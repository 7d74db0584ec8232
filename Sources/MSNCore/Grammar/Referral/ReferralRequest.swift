/// A client's request for a server to talk to: a switchboard for a new conversation, or (MSN
/// 1.0 beta only) a notification server.
///
/// ```
/// C: XFR 10 SB
/// C: XFR 3 NS
/// ```
public struct ReferralRequest: FrameRepresentable {
    /// The kind of server asked for.
    public enum Target: String, Sendable, Hashable {
        /// `NS`: a notification server.
        case notification = "NS"
        /// `SB`: a switchboard.
        case switchboard = "SB"
    }

    public static let verb = Verb.xfr

    public var transactionID: TransactionID
    public var target: Target

    public init(transactionID: TransactionID, target: Target = .switchboard) {
        self.transactionID = transactionID
        self.target = target
    }

    // XFR trid (SB|NS)
    public init(frame: Frame, dialect: Dialect? = nil) throws(GrammarError) {
        try frame.expect(Self.verb)
        try frame.expectNoPayload()
        transactionID = try frame.requiredTransactionID()
        let token = try frame.required(0, "server kind")
        guard let target = Target(rawValue: token) else { throw frame.invalid("\(token.prefix(8)) is not SB or NS") }
        self.target = target
    }

    public var frame: Frame { Frame(verb: Self.verb, transactionID: transactionID, arguments: [target.rawValue]) }
}
