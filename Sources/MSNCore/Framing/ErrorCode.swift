/// A numeric error reply, such as `911` (authentication failed) in `911 4`.
///
/// Every code listed in the protocol reference has a named constant; unknown codes are kept as
/// they are, so a client can still report them.
public struct ErrorCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public init(_ rawValue: Int) { self.rawValue = rawValue }

    /// The verb that carries this code on the wire (`911` → `Verb("911")`), `nil` unless 100–999.
    public var verb: Verb? {
        guard (100...999).contains(rawValue) else { return nil }
        let digits = Array(String(rawValue).utf8)
        return Verb(bytes: digits[0], digits[1], digits[2])
    }

    public var description: String {
        if let meaning = ErrorCode.meanings[rawValue] { return "\(rawValue) (\(meaning))" }
        return "\(rawValue)"
    }
}
