/// The first command on a switchboard the client asked for (after `XFR … SB`): who it is and
/// the cookie from the referral.
///
/// ```
/// C: USR 1 alice@example.com 930e8325d57c0967e0a4
/// C: USR 1 alice@example.com;{EDABAFBB-61AD-51D6-9FD8-E976C892A731} c1b42040841307ddfc1f   (MSNP16+)
/// ```
public struct SwitchboardLoginRequest: FrameRepresentable {
    public static let verb = Verb.usr

    public var transactionID: TransactionID
    public var handle: EndpointHandle
    /// The cookie of the ``SwitchboardReferral``.
    public var cookie: String

    public init(transactionID: TransactionID = 1, handle: EndpointHandle, cookie: String) {
        self.transactionID = transactionID
        self.handle = handle
        self.cookie = cookie
    }

    // USR trid handle cookie
    public init(frame: Frame, dialect: Dialect? = nil) throws(GrammarError) {
        try frame.expect(Self.verb)
        try frame.expectNoPayload()
        transactionID = try frame.requiredTransactionID()
        handle = EndpointHandle(try frame.required(0, "handle"))
        cookie = try frame.required(1, "cookie")
    }

    public var frame: Frame {
        Frame(verb: Self.verb, transactionID: transactionID, arguments: [handle.description, cookie])
    }
}
