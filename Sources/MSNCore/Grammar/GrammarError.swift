/// A frame that does not have the shape its verb calls for.
///
/// ```
/// USR 3 XYZ I alice@example.com     → invalid argument: XYZ is not an authentication scheme
/// CHL 0                             → missing argument: the challenge
/// ```
/// The frame decoder has already accepted the bytes; this is the grammar layer's verdict on
/// one frame, so a server can answer it with `200`/`201` or drop the connection as it sees fit.
public struct GrammarError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case wrongVerb = "wrong verb"
            case missingTransactionID = "missing transaction id"
            case missingArgument = "missing argument"
            case invalidArgument = "invalid argument"
            case missingPayload = "missing payload"
            case unexpectedPayload = "unexpected payload"
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The frame's verb is not the one the type reads.
        public static let wrongVerb = Code(.wrongVerb)
        /// The command needs a transaction id and the line has none.
        public static let missingTransactionID = Code(.missingTransactionID)
        /// The line is shorter than the command's required parameters.
        public static let missingArgument = Code(.missingArgument)
        /// A parameter has the wrong form (a scheme, a number, a flag, an encoded name).
        public static let invalidArgument = Code(.invalidArgument)
        /// The command needs a payload and the frame has none.
        public static let missingPayload = Code(.missingPayload)
        /// The frame carries a payload the command does not take.
        public static let unexpectedPayload = Code(.unexpectedPayload)

        public var description: String { base.rawValue }
    }

    public var code: Code
    /// The verb of the offending frame.
    public var verb: Verb
    /// Details for people.
    public var detail: String

    public init(_ code: Code, verb: Verb, detail: String) {
        self.code = code
        self.verb = verb
        self.detail = detail
    }

    public var description: String { "\(verb): \(code): \(detail)" }
}
