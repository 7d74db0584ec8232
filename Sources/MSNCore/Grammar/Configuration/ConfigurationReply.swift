import NIOCore

/// A configuration document from the server: the answer to ``ConfigurationRequest``
/// (MSNP11–12), or the policies pushed right after `USR … I` (MSNP13+).
///
/// ```
/// S: GCF 9 Shields.xml 1187\r\n<config>…         (MSNP11–12)
/// S: GCF 0 6660\r\n<Policies>…                   (MSNP13+, pushed)
/// ```
/// The document is XML; it stays bytes here.
public struct ConfigurationReply: FrameRepresentable {
    public static let verb = Verb.gcf

    public var transactionID: TransactionID
    /// The file answered, in the MSNP11–12 form.
    public var fileName: String?
    /// The document.
    public var document: ByteBuffer

    public init(transactionID: TransactionID, fileName: String?, document: ByteBuffer) {
        self.transactionID = transactionID
        self.fileName = fileName
        self.document = document
    }

    /// The pushed policies: `GCF 0 <length>` (MSNP13+).
    public static func policies(_ document: ByteBuffer) -> ConfigurationReply {
        ConfigurationReply(transactionID: .asynchronous, fileName: nil, document: document)
    }

    /// The document as UTF-8 text.
    public var documentText: String { String(buffer: document) }

    // GCF trid [file-name] length
    public init(frame: Frame, dialect: Dialect? = nil) throws(GrammarError) {
        try frame.expect(Self.verb)
        transactionID = try frame.requiredTransactionID()
        fileName = frame.optional(0)
        document = try frame.requiredPayload()
    }

    public var frame: Frame {
        Frame(verb: Self.verb, transactionID: transactionID, arguments: fileName.map { [$0] } ?? [], payload: document)
    }
}
