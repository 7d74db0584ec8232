/// A URL-encoded parameter, kept as written on the wire and validated once.
///
/// ```
/// USR 7 OK alice@hotmail.com Alice%20Smith 1 0   → encoded "Alice%20Smith", decoded "Alice Smith"
/// ```
/// Keeping the wire form means a command read from a frame writes the same bytes back, even
/// when the peer escaped more (or less) than ``URLEncoding/Style/minimal`` would. Equality is
/// that of the wire form.
public struct URLEncodedName: Hashable, Sendable, CustomStringConvertible {
    /// The parameter as on the wire: `Alice%20Smith`.
    public let encoded: String
    /// The text it stands for: `Alice Smith`.
    public let decoded: String

    /// Validates and decodes a parameter read from a line.
    ///
    /// - Throws: ``URLEncodingError`` for a bad `%` sequence or non-UTF-8 bytes.
    public init(encoded: some StringProtocol) throws(URLEncodingError) {
        self.decoded = try URLEncoding.decode(encoded)
        self.encoded = String(encoded)
    }

    /// Encodes `text` for the wire.
    public init(_ text: String, style: URLEncoding.Style = .minimal) {
        self.decoded = text
        self.encoded = URLEncoding.encode(text, style: style)
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.encoded == rhs.encoded }
    public func hash(into hasher: inout Hasher) { hasher.combine(encoded) }

    public var description: String { decoded }
}
