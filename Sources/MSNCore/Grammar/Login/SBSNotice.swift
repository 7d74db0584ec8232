/// The notice servers push right after `USR … OK` from MSNP11 on (``Dialect/sendsSBS``);
/// its meaning was never documented and clients ignore it.
///
/// ```
/// S: SBS 0 null
/// ```
/// `SBS` has no transaction-id slot (the `0` is a parameter), so the parameters are kept as
/// they come.
public struct SBSNotice: FrameRepresentable {
    public static let verb = Verb.sbs

    /// The parameters: `["0", "null"]`.
    public var arguments: [String]

    public init(arguments: [String] = ["0", "null"]) {
        self.arguments = arguments
    }

    // SBS 0 null
    public init(frame: Frame, dialect: Dialect? = nil) throws(GrammarError) {
        try frame.expect(Self.verb)
        try frame.expectNoPayload()
        arguments = frame.arguments.map(String.init)
        if let transactionID = frame.transactionID { arguments.insert(transactionID.description, at: 0) }
    }

    public var frame: Frame { Frame(verb: Self.verb, arguments: arguments) }
}
