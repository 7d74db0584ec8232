/// A numeric error reply, such as `911` (authentication failed) in `911 4`.
///
/// Every code listed in the protocol reference has a named constant; unknown codes are kept as
/// they are, so a client can still report them.
public struct ErrorCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public init(_ rawValue: Int) { self.rawValue = rawValue }

    /// The verb that carries this code on the wire (`911` → `Verb("911")`, `85` → `Verb("085")`),
    /// `nil` outside 0–999.
    public var verb: Verb? {
        guard (0...999).contains(rawValue) else { return nil }
        let zero = UInt8(ascii: "0")
        return Verb(bytes: zero + UInt8(rawValue / 100), zero + UInt8(rawValue / 10 % 10), zero + UInt8(rawValue % 10))
    }

    public var description: String {
        if let meaning = ErrorCode.meanings[rawValue] { return "\(rawValue) (\(meaning))" }
        return "\(rawValue)"
    }
}
