/// A transcript or shared file that cannot be found, read or parsed.
public struct TranscriptError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case sharedFolderMissing = "shared folder missing"
            case unreadable = "unreadable file"
            case malformedLine = "malformed transcript line"
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// `shared/` (or a file in it) is not where it should be.
        public static let sharedFolderMissing = Code(.sharedFolderMissing)
        /// The file exists but cannot be read.
        public static let unreadable = Code(.unreadable)
        /// A traffic line that does not follow the transcript format.
        public static let malformedLine = Code(.malformedLine)

        public var description: String { base.rawValue }
    }

    public var code: Code
    /// The file concerned (with `:line` for a malformed line).
    public var path: String
    public var detail: String

    public init(_ code: Code, path: String, detail: String) {
        self.code = code
        self.path = path
        self.detail = detail
    }

    public var description: String { "\(path): \(code): \(detail)" }
}
