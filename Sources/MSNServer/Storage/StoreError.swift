/// An error from a ``MessengerStore``.
///
/// ``description`` is one human-readable line, suitable for the command line
/// (`msn account add` prints it as is).
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Hashable, Sendable {
            case invalidEmail
            case invalidDisplayName
            case invalidPassword
            case accountExists
            case accountNotFound
            case legacySecretUnavailable
            case database
        }

        private let base: Base

        /// The sign-in name is not a plausible e-mail address.
        public static let invalidEmail = Code(base: .invalidEmail)
        /// The display name is empty, too long or contains control characters.
        public static let invalidDisplayName = Code(base: .invalidDisplayName)
        /// The password is empty or too long.
        public static let invalidPassword = Code(base: .invalidPassword)
        /// An account with that sign-in name (compared case-insensitively) already exists.
        public static let accountExists = Code(base: .accountExists)
        /// No account has that sign-in name.
        public static let accountNotFound = Code(base: .accountNotFound)
        /// The legacy MD5 secret could not be sealed or opened (key file missing or damaged).
        public static let legacySecretUnavailable = Code(base: .legacySecretUnavailable)
        /// The database failed (I/O, corruption, locked for too long…).
        public static let database = Code(base: .database)

        public var description: String {
            switch base {
            case .invalidEmail: "invalidEmail"
            case .invalidDisplayName: "invalidDisplayName"
            case .invalidPassword: "invalidPassword"
            case .accountExists: "accountExists"
            case .accountNotFound: "accountNotFound"
            case .legacySecretUnavailable: "legacySecretUnavailable"
            case .database: "database"
            }
        }
    }

    /// What went wrong.
    public var code: Code
    /// A one-line explanation naming the offending value where that is safe to show.
    public var message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
