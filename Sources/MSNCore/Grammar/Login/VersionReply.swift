/// The server's answer to ``VersionRequest``.
///
/// ```
/// S: VER 1 MSNP15 MSNP14 MSNP13 CVR0      (every common dialect, highest first)
/// S: VER 1 MSNP8                          (Escargot: the chosen one only)
/// S: VER 1 0                              (nothing in common; the server closes)
/// ```
public struct VersionReply: FrameRepresentable {
    public static let verb = Verb.ver

    public var transactionID: TransactionID
    /// The answered tokens: `["MSNP15", "MSNP14", "MSNP13", "CVR0"]` or `["0"]`.
    public var versions: [String]

    public init(transactionID: TransactionID, versions: [String]) {
        self.transactionID = transactionID
        self.versions = versions
    }

    /// The answer of a server speaking `supported` to `request` (see ``VersionNegotiation``).
    public init(answering request: VersionRequest, supported: Set<Dialect>) {
        self.init(transactionID: request.transactionID,
                  versions: VersionNegotiation.answer(to: request.versions, supported: supported))
    }

    /// `VER trid 0`: no dialect in common.
    public static func rejection(transactionID: TransactionID) -> VersionReply {
        VersionReply(transactionID: transactionID, versions: ["0"])
    }

    /// The dialect spoken from now on: the highest answered; `nil` for a rejection.
    public var chosenDialect: Dialect? { VersionNegotiation.chosenDialect(in: versions) }
    /// `true` for `VER trid 0` (or any answer naming no known dialect).
    public var isRejection: Bool { chosenDialect == nil }

    // VER trid (version+ | 0)
    public init(frame: Frame, dialect: Dialect? = nil) throws(GrammarError) {
        try frame.expect(Self.verb)
        try frame.expectNoPayload()
        transactionID = try frame.requiredTransactionID()
        _ = try frame.required(0, "version")
        versions = frame.arguments.map(String.init)
    }

    public var frame: Frame { Frame(verb: Self.verb, transactionID: transactionID, arguments: versions) }
}
