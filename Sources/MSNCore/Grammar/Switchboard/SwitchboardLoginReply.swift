/// The switchboard's welcome, the answer to ``SwitchboardLoginRequest``.
///
/// ```
/// S: USR 1 OK alice@example.com alice@example.com
/// S: USR 1 OK alice@example.com;{EDABAFBB-61AD-51D6-9FD8-E976C892A731} alice@example.com   (MSNP16+)
/// ```
public struct SwitchboardLoginReply: FrameRepresentable {
    public static let verb = Verb.usr

    public var transactionID: TransactionID
    public var handle: EndpointHandle
    public var friendlyName: URLEncodedName

    public init(transactionID: TransactionID, handle: EndpointHandle, friendlyName: URLEncodedName) {
        self.transactionID = transactionID
        self.handle = handle
        self.friendlyName = friendlyName
    }

    // USR trid OK handle friendly-name
    public init(frame: Frame, dialect: Dialect? = nil) throws(GrammarError) {
        try frame.expect(Self.verb)
        try frame.expectNoPayload()
        transactionID = try frame.requiredTransactionID()
        let status = try frame.required(0, "OK")
        guard status == "OK" else { throw frame.invalid("a switchboard welcome is USR … OK, not \(status.prefix(8))") }
        handle = EndpointHandle(try frame.required(1, "handle"))
        friendlyName = try frame.encodedName(2, "friendly name")
    }

    public var frame: Frame {
        Frame(verb: Self.verb, transactionID: transactionID, arguments: ["OK", handle.description, friendlyName.encoded])
    }
}
