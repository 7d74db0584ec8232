/// An error thrown by the authentication functions of `MSNAuth`.
///
/// Every failure of this module is reported with this one type. Match on ``code`` to decide
/// what to do; ``detail`` is a short human-readable explanation meant for logs.
///
/// The detail never repeats secrets: a malformed `Authorization: Passport1.4 …` header is
/// described ("no sign-in parameter"), never echoed, because it carries a password.
///
/// ```swift
/// do {
///     _ = try ChallengeResponder.response(to: "", product: .msmsgs, algorithm: .basic)
/// } catch let error as AuthError where error.code == .invalidChallenge {
///     // the server sent `CHL 0 ` with no challenge
/// }
/// ```
public struct AuthError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, in machine-readable form.
    public var code: Code
    /// A short explanation for humans. Never contains passwords, tickets or keys.
    public var detail: String

    /// Creates an error with a code and an explanation.
    ///
    /// - Parameters:
    ///   - code: The kind of failure.
    ///   - detail: A short explanation; must not contain secrets.
    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    /// A readable description: the code name followed by the detail.
    public var description: String {
        "AuthError.\(code): \(detail)"
    }

    /// The kind of an ``AuthError``.
    ///
    /// A struct wrapping a private enum, so that new codes can be added without breaking
    /// code that switches over them.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidChallenge
            case invalidBase64
            case invalidProofKey
            case invalidIV
            case invalidKeyLength
            case invalidDataLength
            case invalidPadding
            case malformedSSOBlob
            case malformedPassportHeader
            case missingPassportParameter
            case malformedCompactTicket
            case malformedPassportURLs
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// The name of the code, for example `invalidChallenge`.
        public var description: String { base.rawValue }

        /// A `CHL` challenge was empty, too long, or not printable ASCII.
        ///
        /// Example of a bad line: `CHL 0 ` (nothing after the transaction id).
        public static let invalidChallenge = Code(.invalidChallenge)
        /// A value that must be base64 (an SSO blob, a `BinarySecret`) was not.
        public static let invalidBase64 = Code(.invalidBase64)
        /// The SSO proof key (`<wst:BinarySecret>`) was empty or unreasonably long.
        public static let invalidProofKey = Code(.invalidProofKey)
        /// An initialization vector was not exactly 8 bytes.
        public static let invalidIV = Code(.invalidIV)
        /// A DES or 3DES key was not 8, 16 or 24 bytes.
        public static let invalidKeyLength = Code(.invalidKeyLength)
        /// Data given to the block cipher without padding was not a whole number of 8-byte blocks.
        public static let invalidDataLength = Code(.invalidDataLength)
        /// Decrypted data did not end with valid PKCS#5 padding.
        public static let invalidPadding = Code(.invalidPadding)
        /// An SSO (`MBI_KEY`) blob had the wrong size or header words.
        public static let malformedSSOBlob = Code(.malformedSSOBlob)
        /// A `Passport1.4` header could not be parsed.
        public static let malformedPassportHeader = Code(.malformedPassportHeader)
        /// A `Passport1.4` header lacked a required parameter (such as `sign-in` or `from-PP`).
        public static let missingPassportParameter = Code(.missingPassportParameter)
        /// A compact ticket was not of the form `t=…&p=…`.
        public static let malformedCompactTicket = Code(.malformedCompactTicket)
        /// A Nexus `PassportURLs:` header had no usable `DALogin`.
        public static let malformedPassportURLs = Code(.malformedPassportURLs)
    }
}
