import NIOCore

/// A numeric error reply, naming the transaction that failed.
///
/// ```
/// S: 911 4                       (authentication failed)
/// S: 241 7 120\r\n<ml>…</ml>     (MSNP13+: the contacts rejected, as a payload)
/// ```
public struct ErrorReply: FrameRepresentable {
    public var code: ErrorCode
    /// The transaction that failed (absent on a few old servers' replies).
    public var transactionID: TransactionID?
    /// The `<ml>` payload some errors carry (241, 509).
    public var payload: ByteBuffer?

    /// - Precondition: `code` is within 0…999 (three digits on the wire).
    public init(code: ErrorCode, transactionID: TransactionID?, payload: ByteBuffer? = nil) {
        precondition(code.verb != nil, "an error code on the wire has three digits")
        self.code = code
        self.transactionID = transactionID
        self.payload = payload
    }

    // NNN trid [length]
    public init(frame: Frame, dialect: Dialect? = nil) throws(GrammarError) {
        guard let code = frame.errorCode else {
            throw GrammarError(.wrongVerb, verb: frame.verb, detail: "expected a three-digit error")
        }
        self.code = code
        transactionID = frame.transactionID
        payload = frame.payload
    }

    public var frame: Frame {
        Frame(verb: code.verb ?? "500", transactionID: transactionID, arguments: [Substring](), payload: payload)
    }
}
