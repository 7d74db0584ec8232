/// One line of the list of people already on a switchboard, sent to someone who joins with
/// `ANS` (before `ANS n OK`).
///
/// ```
/// S: IRO 1 1 1 alice@example.com Alice
/// S: IRO 1 1 2 alice@example.com;{EDABAFBB-61AD-51D6-9FD8-E976C892A731} Alice 2789003324:48   (MSNP16+)
/// ```
/// The capabilities (MSNP12+) are kept as written: `1342177280`, or `caps:extended` from MSNP16.
public struct RosterEntry: FrameRepresentable {
    public static let verb = Verb.iro

    public var transactionID: TransactionID
    /// This entry's place, from 1.
    public var index: Int
    /// How many entries the list has.
    public var count: Int
    public var handle: EndpointHandle
    public var friendlyName: URLEncodedName
    public var capabilities: String?

    public init(transactionID: TransactionID, index: Int, count: Int, handle: EndpointHandle,
                friendlyName: URLEncodedName, capabilities: String? = nil) {
        self.transactionID = transactionID
        self.index = index
        self.count = count
        self.handle = handle
        self.friendlyName = friendlyName
        self.capabilities = capabilities
    }

    // IRO trid index count handle friendly-name [capabilities]
    public init(frame: Frame, dialect: Dialect? = nil) throws(GrammarError) {
        try frame.expect(Self.verb)
        try frame.expectNoPayload()
        transactionID = try frame.requiredTransactionID()
        guard let index = Int(try frame.required(0, "index")), let count = Int(try frame.required(1, "count")),
              index >= 1, index <= count
        else { throw frame.invalid("IRO needs a position i of n with 1 ≤ i ≤ n") }
        self.index = index
        self.count = count
        handle = EndpointHandle(try frame.required(2, "handle"))
        friendlyName = try frame.encodedName(3, "friendly name")
        capabilities = frame.optional(4)
    }

    public var frame: Frame {
        Frame(verb: Self.verb, transactionID: transactionID,
              arguments: [String(index), String(count), handle.description, friendlyName.encoded] + (capabilities.map { [$0] } ?? []))
    }
}
