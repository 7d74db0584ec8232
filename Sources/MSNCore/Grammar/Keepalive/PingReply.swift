/// The server's answer to ``Ping``, with the seconds until it wants the next one from MSNP9
/// (``Dialect/qngCarriesSeconds``).
///
/// ```
/// S: QNG            (MSNP2–8)
/// S: QNG 50         (MSNP9+)
/// ```
/// `QNG` has no transaction id.
public struct PingReply: FrameRepresentable {
    public static let verb = Verb.qng

    /// Seconds until the next `PNG` is due.
    public var seconds: Int?

    public init(seconds: Int?) {
        self.seconds = seconds
    }

    /// The reply of `dialect`: `seconds` is written only where ``Dialect/qngCarriesSeconds``.
    public init(seconds: Int, dialect: Dialect) {
        self.seconds = dialect.qngCarriesSeconds ? seconds : nil
    }

    // QNG [seconds]
    public init(frame: Frame, dialect: Dialect? = nil) throws(GrammarError) {
        try frame.expect(Self.verb)
        try frame.expectNoPayload()
        if let transactionID = frame.transactionID {  // a table entry that reads one
            seconds = Int(transactionID.rawValue)
        } else {
            seconds = frame.arguments.isEmpty ? nil : try frame.number(0, "seconds")
        }
    }

    public var frame: Frame { Frame(verb: Self.verb, arguments: seconds.map { [String($0)] } ?? []) }
}
