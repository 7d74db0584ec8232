/// A version of the MSN Messenger protocol, as offered and chosen with `VER`.
///
/// ```
/// C: VER 1 MSNP13 MSNP14 MSNP15 CVR0
/// S: VER 1 MSNP15 MSNP14 MSNP13 CVR0
/// ```
///
/// Dialects are ordered by version number, so `.msnp15 > .msnp8`.
public enum Dialect: Int, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
    case msnp2 = 2, msnp3, msnp4, msnp5, msnp6, msnp7, msnp8, msnp9, msnp10, msnp11, msnp12,
        msnp13, msnp14, msnp15, msnp16, msnp17, msnp18

    /// The version number, e.g. `15` for MSNP15.
    @inlinable
    public var version: Int { rawValue }

    /// The token used on the wire, e.g. `MSNP15`.
    public var token: String { "MSNP\(rawValue)" }

    /// Parses a wire token such as `MSNP8`; `nil` for anything else (including `CVR0`).
    public init?(token: some StringProtocol) {
        guard token.hasPrefix("MSNP"), let number = Int(token.dropFirst(4)),
              let dialect = Dialect(rawValue: number)
        else { return nil }
        self = dialect
    }

    /// Creates the dialect of a version number, e.g. `Dialect(version: 8)`.
    public init?(version: Int) { self.init(rawValue: version) }

    public static func < (lhs: Dialect, rhs: Dialect) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { token }
}
