import MSNCore

/// The exchange before `USR` that the dispatch and notification servers share: `VER`, `CVR`
/// and (MSNP2–7) `INF`.
///
/// ```
/// C: VER 1 MSNP13 CVR0                 S: VER 1 MSNP13 CVR0
/// C: CVR 2 0x0c0a winnt 5.1 i386 MSNMSGR 8.0.0792 msmsgs a@b.com
/// S: CVR 2 8.0.0792 8.0.0792 8.0.0792 <download-url> <info-url>
/// C: INF 3                             S: INF 3 MD5           (MSNP2–7 only)
/// C: VER 1 MSNP99 CVR0                 S: VER 1 0  (then close)
/// ```
public struct LoginHandshake: Sendable {
    /// What the server answers with.
    public struct Configuration: Sendable, Hashable {
        /// The dialects this server speaks.
        public var supportedDialects: Set<Dialect>
        /// The download link in `CVR` replies.
        public var downloadURL: String
        /// The information link in `CVR` replies.
        public var infoURL: String

        public init(supportedDialects: Set<Dialect> = Set(Dialect.allCases),
                    downloadURL: String = "http://messenger.msn.com/download",
                    infoURL: String = "http://messenger.msn.com") {
            self.supportedDialects = supportedDialects
            self.downloadURL = downloadURL
            self.infoURL = infoURL
        }
    }

    /// The result of one handshake command.
    public enum Outcome: Sendable, Hashable {
        /// Send these frames and carry on.
        case reply([Frame])
        /// Send these frames, then close (`VER 1 0`).
        case replyAndClose([Frame])
        /// Close without a reply: the command is out of order or malformed beyond an answer.
        case close
    }

    public var configuration: Configuration
    /// The dialect chosen by `VER`, `nil` before.
    public private(set) var dialect: Dialect?

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// `true` for the verbs this type answers.
    public static func handles(_ verb: Verb) -> Bool { verb == .ver || verb == .cvr || verb == .inf }

    /// Answers `VER`, `CVR` or `INF`.
    public mutating func handle(_ frame: Frame) -> Outcome {
        guard let trID = frame.transactionID else { return .close }
        switch frame.verb {
        case .ver:
            return version(frame, trID: trID)
        case .cvr:
            return clientVersion(frame, trID: trID)
        case .inf:
            // INF 2 → INF 2 MD5; gone from MSNP8 (the client is dropped).
            guard let dialect, dialect.hasINF else { return .close }
            return .reply([Frame(verb: .inf, transactionID: trID, arguments: ["MD5"])])
        default:
            return .close
        }
    }

    /// `VER 1 MSNP13 MSNP14 MSNP15 CVR0` → `VER 1 MSNP15 MSNP14 MSNP13 CVR0`.
    private mutating func version(_ frame: Frame, trID: TransactionID) -> Outcome {
        let answer = VersionNegotiation.answer(to: frame.arguments, supported: configuration.supportedDialects)
        let reply = Frame(verb: .ver, transactionID: trID, arguments: answer)
        guard let chosen = VersionNegotiation.chosenDialect(in: answer) else {
            return .replyAndClose([reply])
        }
        dialect = chosen
        return .reply([reply])
    }

    /// `CVR 2 0x0409 winnt 5.1 i386 MSNMSGR 8.0.0812 msmsgs a@b.com`
    /// → `CVR 2 8.0.0812 8.0.0812 8.0.0812 <download-url> <info-url>`.
    private func clientVersion(_ frame: Frame, trID: TransactionID) -> Outcome {
        guard dialect != nil else { return .close }
        guard let version = frame.argument(5) else {
            return .reply([.error(.badCVRParameters, trID)])
        }
        let text = String(version)
        return .reply([Frame(verb: .cvr, transactionID: trID,
                             arguments: [text, text, text, configuration.downloadURL, configuration.infoURL])])
    }
}
