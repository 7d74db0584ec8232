/// The end of a session, in either direction: a client's `OUT` before it closes, or a
/// server's `OUT` with the reason it is closing.
///
/// ```
/// C: OUT
/// S: OUT OTH
/// S: OUT RCT 6
/// ```
/// `OUT` has no transaction id.
public struct SignOut: FrameRepresentable {
    public static let verb = Verb.out

    /// The server's reason; `nil` for a plain `OUT`.
    public var reason: SignOutReason?

    public init(reason: SignOutReason? = nil) {
        self.reason = reason
    }

    // OUT [reason]
    public init(frame: Frame, dialect: Dialect? = nil) throws(GrammarError) {
        try frame.expect(Self.verb)
        try frame.expectNoPayload()
        var frame = frame
        if let transactionID = frame.transactionID {  // a dialect table entry that reads one
            frame.arguments.insert(Substring(transactionID.description), at: 0)
            frame.transactionID = nil
        }
        reason = frame.arguments.isEmpty ? nil : try SignOutReason(frame: frame)
    }

    public var frame: Frame { Frame(verb: Self.verb, arguments: reason?.arguments ?? []) }
}
