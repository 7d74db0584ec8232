/// The `VER` exchange: a client offers dialects, the server picks.
///
/// ```
/// C: VER 1 MSNP13 MSNP14 MSNP15 CVR0
/// S: VER 1 MSNP15 MSNP14 MSNP13 CVR0
/// C: VER 1 MSNP99 CVR0
/// S: VER 1 0
/// ```
/// The server answers with every offered dialect it speaks, highest first, then `CVR0` if it
/// was offered; with `0` alone when there is nothing in common. The highest dialect in the
/// answer is the one spoken from then on. A client must also accept a single-version answer
/// (`VER 1 MSNP8`), as Escargot sends.
public enum VersionNegotiation {
    /// The pseudo-version meaning "I also speak the `CVR` client-version query".
    public static let cvr0 = "CVR0"

    /// The server's answer to an offer: the arguments after the transaction id.
    ///
    /// - Parameters:
    ///   - offered: the tokens after `VER TrID` as the client sent them.
    ///   - supported: the dialects this server speaks.
    /// - Returns: `["MSNP15", "MSNP14", "MSNP13", "CVR0"]`, or `["0"]` when none is common.
    public static func answer(to offered: some Sequence<some StringProtocol>,
                              supported: Set<Dialect>) -> [String] {
        var common = Set<Dialect>()
        var offersCVR0 = false
        for token in offered {
            if token == cvr0 { offersCVR0 = true }
            if let dialect = Dialect(token: token), supported.contains(dialect) { common.insert(dialect) }
        }
        guard !common.isEmpty else { return ["0"] }
        var answer = common.sorted(by: >).map(\.token)
        if offersCVR0 { answer.append(cvr0) }
        return answer
    }

    /// The dialect a server's answer chooses: the highest listed, `nil` for `VER 1 0`.
    public static func chosenDialect(in answer: some Sequence<some StringProtocol>) -> Dialect? {
        answer.compactMap { Dialect(token: $0) }.max()
    }

    /// The arguments of a client's `VER`: the dialects highest first, then `CVR0`.
    public static func offer(_ dialects: some Sequence<Dialect>, includeCVR0: Bool = true) -> [String] {
        var tokens = Set(dialects).sorted(by: >).map(\.token)
        if includeCVR0 { tokens.append(cvr0) }
        return tokens
    }
}
