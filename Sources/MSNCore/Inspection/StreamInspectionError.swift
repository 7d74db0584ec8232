/// Why ``StreamInspector`` stopped: the stream breaks a framing rule or limit, or (when
/// checking) a frame does not re-encode to the bytes it was read from.
///
/// ```
/// byte 1834: payload too large: MSG payload length 900000 exceeds the limit of 131072
/// byte 212: re-encoding differs: LST re-encodes 0x0d where the stream has 0x20
/// ```
public struct StreamInspectionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case framing = "framing error"
            case reencodingDiffers = "re-encoding differs"
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The stream cannot be cut into frames (see ``StreamInspectionError/framingError``).
        public static let framing = Code(.framing)
        /// A frame re-encodes to different bytes.
        public static let reencodingDiffers = Code(.reencodingDiffers)

        public var description: String { base.rawValue }
    }

    public var code: Code
    /// The stream offset of the problem: the start of the offending line for a framing error,
    /// the first differing byte for a re-encoding difference.
    public var offset: Int
    /// The framing error, for ``Code/framing``.
    public var framingError: FramingError?
    /// Details for people.
    public var detail: String

    public init(_ code: Code, offset: Int, framingError: FramingError? = nil, detail: String) {
        self.code = code
        self.offset = offset
        self.framingError = framingError
        self.detail = detail
    }

    public var description: String {
        if let framingError { return framingError.description }
        return "byte \(offset): \(code): \(detail)"
    }
}
