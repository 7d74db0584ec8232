/// A client's request for a configuration file (MSNP11–12; from MSNP13 the server pushes its
/// policies unasked, see ``Dialect/pushesPolicies``).
///
/// ```
/// C: GCF 9 Shields.xml
/// ```
public struct ConfigurationRequest: FrameRepresentable {
    public static let verb = Verb.gcf

    public var transactionID: TransactionID
    /// `Shields.xml`.
    public var fileName: String

    public init(transactionID: TransactionID, fileName: String = "Shields.xml") {
        self.transactionID = transactionID
        self.fileName = fileName
    }

    // GCF trid file-name
    public init(frame: Frame, dialect: Dialect? = nil) throws(GrammarError) {
        try frame.expect(Self.verb)
        try frame.expectNoPayload()
        transactionID = try frame.requiredTransactionID()
        fileName = try frame.required(0, "file name")
    }

    public var frame: Frame { Frame(verb: Self.verb, transactionID: transactionID, arguments: [fileName]) }
}
