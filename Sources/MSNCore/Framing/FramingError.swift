/// A byte stream that cannot be cut into frames.
///
/// Carries the offset (from the start of the stream) of the line where the problem was found,
/// so a tool can say `byte 1834: payload length 900000 exceeds the limit of 131072`.
public struct FramingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case lineTooLong = "line too long"
            case payloadTooLarge = "payload too large"
            case invalidPayloadLength = "invalid payload length"
            case missingPayloadLength = "missing payload length"
            case tooManyArguments = "too many arguments"
            case invalidVerb = "invalid verb"
            case invalidTransactionID = "invalid transaction id"
            case bareCarriageReturn = "CR without LF"
            case controlCharacter = "control character"
            case invalidUTF8 = "invalid UTF-8"
            case truncated = "stream ends inside a frame"
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A line longer than ``FrameLimits/maximumLineLength``.
        public static let lineTooLong = Code(.lineTooLong)
        /// A payload length over ``FrameLimits/maximumPayloadLength``.
        public static let payloadTooLarge = Code(.payloadTooLarge)
        /// A payload length that is negative, not decimal, or not a number.
        public static let invalidPayloadLength = Code(.invalidPayloadLength)
        /// A verb that always carries a payload, with no parameter to hold its length.
        public static let missingPayloadLength = Code(.missingPayloadLength)
        /// More parameters than ``FrameLimits/maximumArgumentCount``.
        public static let tooManyArguments = Code(.tooManyArguments)
        /// A line that does not start with three upper-case letters or three digits.
        public static let invalidVerb = Code(.invalidVerb)
        /// A transaction id too large for 32 bits.
        public static let invalidTransactionID = Code(.invalidTransactionID)
        /// A carriage return not followed by a line feed.
        public static let bareCarriageReturn = Code(.bareCarriageReturn)
        /// A NUL or other control byte inside a command line.
        public static let controlCharacter = Code(.controlCharacter)
        /// A command line that is not valid UTF-8.
        public static let invalidUTF8 = Code(.invalidUTF8)
        /// The stream ended in the middle of a line or a payload.
        public static let truncated = Code(.truncated)

        public var description: String { base.rawValue }
    }

    public var code: Code
    /// Offset of the start of the offending line from the start of the stream.
    public var offset: Int
    /// Details for people: the limit or rule broken, the offending token.
    public var detail: String

    public init(_ code: Code, offset: Int, detail: String) {
        self.code = code
        self.offset = offset
        self.detail = detail
    }

    public var description: String { "byte \(offset): \(code): \(detail)" }
}
