/// Which computation answers a `CHL` challenge (challenges.md §2–3).
///
/// ```
/// S: CHL 0 15570131571988941333
/// C: QRY 12 msmsgs@msnmsgr.com 32
/// 8f2f5a91b72102cd28355e9fc9000d6e
/// ```
public enum ChallengeAlgorithm: Hashable, Sendable, CaseIterable {
    /// MSNP6–MSNP10: lowercase hex of `MD5(challenge || productKey)`.
    case basic
    /// MSNP11 and later: the MD5 digest of `challenge || productKey` mixed with a hash of
    /// `challenge || productID` (challenges.md §3).
    case msnp11

    /// The algorithm a given protocol version uses, or `nil` before MSNP6 (no `CHL` then).
    ///
    /// ```swift
    /// ChallengeAlgorithm(protocolVersion: 9)   // .basic
    /// ChallengeAlgorithm(protocolVersion: 15)  // .msnp11
    /// ```
    ///
    /// - Parameter protocolVersion: The number of the negotiated dialect (`MSNP9` → 9).
    public init?(protocolVersion: Int) {
        switch protocolVersion {
        case 6...10: self = .basic
        case 11...: self = .msnp11
        default: return nil
        }
    }
}
