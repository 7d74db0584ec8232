/// A `MSG` payload that is not a well-formed MIME-style message, or a header value that does
/// not have the expected form.
///
/// ```
/// MIME-Version 1.0\r\n…        → malformed header at offset 0 (no colon)
/// ```
public struct MIMEError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case malformedHeader = "malformed header"
            case headerTooLong = "header too long"
            case tooManyHeaders = "too many headers"
            case controlCharacter = "control character"
            case invalidUTF8 = "invalid UTF-8"
            case missingBlankLine = "missing blank line"
            case invalidHeaderValue = "invalid header value"
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A header line without a colon, or with an empty or non-ASCII name.
        public static let malformedHeader = Code(.malformedHeader)
        /// A header line over ``MIMELimits/maximumHeaderLength``.
        public static let headerTooLong = Code(.headerTooLong)
        /// More header lines than ``MIMELimits/maximumHeaderCount``.
        public static let tooManyHeaders = Code(.tooManyHeaders)
        /// A control byte (other than tab) inside a header line, such as a CR not followed by LF.
        public static let controlCharacter = Code(.controlCharacter)
        /// A header line that is not UTF-8.
        public static let invalidUTF8 = Code(.invalidUTF8)
        /// The payload ends before the empty line that closes the headers.
        public static let missingBlankLine = Code(.missingBlankLine)
        /// A header whose value does not have the form its name calls for (`Chunks: x`).
        public static let invalidHeaderValue = Code(.invalidHeaderValue)

        public var description: String { base.rawValue }
    }

    public var code: Code
    /// Offset of the offending line from the start of the payload.
    public var offset: Int
    /// Details for people.
    public var detail: String

    public init(_ code: Code, offset: Int, detail: String) {
        self.code = code
        self.offset = offset
        self.detail = detail
    }

    public var description: String { "payload byte \(offset): \(code): \(detail)" }
}
