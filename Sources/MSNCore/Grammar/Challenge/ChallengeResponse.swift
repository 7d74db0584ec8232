import NIOCore

/// The client's answer to a ``Challenge``: its product id, and the 32 hex digits of the
/// response as the payload.
///
/// ```
/// C: QRY 11 PROD0090YUAUV{2B 32\r\n
///    8f2f5a91b72102cd28355e9fc9000d6e
/// ```
public struct ChallengeResponse: FrameRepresentable {
    public static let verb = Verb.qry

    public var transactionID: TransactionID
    /// `PROD0090YUAUV{2B` (MSNP11), `msmsgs@msnmsgr.com` (MSNP6–10) …
    public var productID: String
    /// The response, usually 32 lower-case hex digits.
    public var response: String

    public init(transactionID: TransactionID, productID: String, response: String) {
        self.transactionID = transactionID
        self.productID = productID
        self.response = response
    }

    // QRY trid product-id length + response
    public init(frame: Frame, dialect: Dialect? = nil) throws(GrammarError) {
        try frame.expect(Self.verb)
        transactionID = try frame.requiredTransactionID()
        productID = try frame.required(0, "product id")
        let payload = try frame.requiredPayload()
        guard let text = payload.getString(at: payload.readerIndex, length: payload.readableBytes),
              text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F })
        else { throw frame.invalid("the response is not printable ASCII") }
        response = text
    }

    public var frame: Frame {
        Frame(verb: Self.verb, transactionID: transactionID, arguments: [productID], payload: ByteBuffer(string: response))
    }
}
