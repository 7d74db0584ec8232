/// The first command on a switchboard the client was invited to (after `RNG`): who it is,
/// the cookie and the session id of the ``SwitchboardInvitation``.
///
/// ```
/// C: ANS 1 bob@example.com 250068911be19f1e6a5b 5be71a94f5ca750e94fcd8a0e96bd75
/// ```
public struct SwitchboardAnswer: FrameRepresentable {
    public static let verb = Verb.ans

    public var transactionID: TransactionID
    public var handle: EndpointHandle
    public var cookie: String
    public var sessionID: String

    public init(transactionID: TransactionID = 1, handle: EndpointHandle, cookie: String, sessionID: String) {
        self.transactionID = transactionID
        self.handle = handle
        self.cookie = cookie
        self.sessionID = sessionID
    }

    /// The answer to `invitation`.
    public init(transactionID: TransactionID = 1, handle: EndpointHandle, invitation: SwitchboardInvitation) {
        self.init(transactionID: transactionID, handle: handle, cookie: invitation.cookie, sessionID: invitation.sessionID)
    }

    // ANS trid handle cookie session-id
    public init(frame: Frame, dialect: Dialect? = nil) throws(GrammarError) {
        try frame.expect(Self.verb)
        try frame.expectNoPayload()
        transactionID = try frame.requiredTransactionID()
        handle = EndpointHandle(try frame.required(0, "handle"))
        cookie = try frame.required(1, "cookie")
        sessionID = try frame.required(2, "session id")
    }

    public var frame: Frame {
        Frame(verb: Self.verb, transactionID: transactionID, arguments: [handle.description, cookie, sessionID])
    }
}
