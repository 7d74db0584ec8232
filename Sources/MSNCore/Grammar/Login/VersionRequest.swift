/// The client's offer of dialects, the first command on a dispatch or notification server.
///
/// ```
/// C: VER 1 MSNP13 MSNP14 MSNP15 CVR0
/// C: VER 1 MSNP8 CVR0
/// ```
/// The tokens are kept as offered — order, unknown versions such as `MSNP99`, `CVR0` — so the
/// line re-encodes exactly and ``VersionNegotiation`` sees what the client sent.
public struct VersionRequest: FrameRepresentable {
    public static let verb = Verb.ver

    public var transactionID: TransactionID
    /// The offered tokens: `["MSNP13", "MSNP14", "MSNP15", "CVR0"]`.
    public var versions: [String]

    public init(transactionID: TransactionID, versions: [String]) {
        self.transactionID = transactionID
        self.versions = versions
    }

    /// Offers `dialects`, highest first, then `CVR0`: `VER 1 MSNP15 MSNP14 CVR0`.
    public init(transactionID: TransactionID, offering dialects: some Sequence<Dialect>, includeCVR0: Bool = true) {
        self.init(transactionID: transactionID,
                  versions: VersionNegotiation.offer(dialects, includeCVR0: includeCVR0))
    }

    /// The known dialects offered, in the order offered.
    public var dialects: [Dialect] { versions.compactMap { Dialect(token: $0) } }
    /// The highest dialect offered.
    public var highestDialect: Dialect? { dialects.max() }
    /// Whether `CVR0` was offered.
    public var offersCVR0: Bool { versions.contains(VersionNegotiation.cvr0) }

    // VER trid version+
    public init(frame: Frame, dialect: Dialect? = nil) throws(GrammarError) {
        try frame.expect(Self.verb)
        try frame.expectNoPayload()
        transactionID = try frame.requiredTransactionID()
        _ = try frame.required(0, "version")
        versions = frame.arguments.map(String.init)
    }

    public var frame: Frame { Frame(verb: Self.verb, transactionID: transactionID, arguments: versions) }
}
