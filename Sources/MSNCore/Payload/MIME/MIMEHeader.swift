/// One `Name: value` line of a ``MIMEMessage``.
///
/// ```
/// Content-Type: text/plain; charset=UTF-8\r\n   → name "Content-Type", value "text/plain; charset=UTF-8"
/// preferredEmail:\r\n                            → name "preferredEmail", value ""
/// ```
/// A header read from the wire remembers the spacing after its colon and its line ending, so
/// that the message writes back the bytes it was read from. A header made in code is written
/// canonically: `Name: value\r\n`, or `Name:\r\n` when the value is empty.
public struct MIMEHeader: Hashable, Sendable, CustomStringConvertible {
    /// The header name as written (compared case-insensitively by lookups).
    public var name: String
    /// The value after the colon and its spacing, up to the line end.
    public var value: String
    /// The spaces or tabs between the colon and the value; `nil` for the canonical spacing.
    var spacing: String?
    /// Whether the line ended in a bare LF rather than CR LF.
    var endsWithBareLF: Bool

    /// A header written canonically.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
        self.spacing = nil
        self.endsWithBareLF = false
    }

    init(name: String, value: String, spacing: String, endsWithBareLF: Bool) {
        self.name = name
        self.value = value
        let canonical = value.isEmpty ? "" : " "
        self.spacing = spacing == canonical ? nil : spacing
        self.endsWithBareLF = endsWithBareLF
    }

    /// `true` when `name` is this header's name, ignoring ASCII case.
    public func hasName(_ other: some StringProtocol) -> Bool {
        MIMEHeader.equalIgnoringASCIICase(name.utf8, other.utf8)
    }

    public var description: String { value.isEmpty ? "\(name):" : "\(name): \(value)" }

    static func equalIgnoringASCIICase(_ lhs: some Collection<UInt8>, _ rhs: some Collection<UInt8>) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return zip(lhs, rhs).allSatisfy { lowercased($0) == lowercased($1) }
    }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}
