/// A percent-encoded parameter that cannot be decoded.
///
/// ```
/// NLN NLN bob@example.com Bob%2 0      → invalid percent sequence at offset 3
/// NLN NLN bob@example.com Bob%FF 0     → invalid UTF-8 at offset 3 (of the decoded bytes)
/// ```
public struct URLEncodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidPercentSequence = "invalid percent sequence"
            case invalidUTF8 = "invalid UTF-8"
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A `%` not followed by two hexadecimal digits.
        public static let invalidPercentSequence = Code(.invalidPercentSequence)
        /// Decoded bytes that are not UTF-8.
        public static let invalidUTF8 = Code(.invalidUTF8)

        public var description: String { base.rawValue }
    }

    public var code: Code
    /// The offset of the problem: in the encoded text for a bad `%`, in the decoded bytes for
    /// invalid UTF-8.
    public var offset: Int
    /// Details for people.
    public var detail: String

    public init(_ code: Code, offset: Int, detail: String) {
        self.code = code
        self.offset = offset
        self.detail = detail
    }

    public var description: String { "\(code) at offset \(offset): \(detail)" }
}
