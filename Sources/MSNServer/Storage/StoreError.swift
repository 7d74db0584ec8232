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
            case alreadyInList
            case notInList
            case inOppositeList
            case listFull
            case groupNotFound
            case groupNameExists
            case tooManyGroups
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
        /// The contact is already on that list (`215`).
        public static let alreadyInList = Code(base: .alreadyInList)
        /// The contact is not on that list (`216`).
        public static let notInList = Code(base: .notInList)
        /// The contact is on the opposite list: AL and BL exclude each other (`219`).
        public static let inOppositeList = Code(base: .inOppositeList)
        /// The list holds as many contacts as allowed (`210`).
        public static let listFull = Code(base: .listFull)
        /// No group has that number or GUID (`224`).
        public static let groupNotFound = Code(base: .groupNotFound)
        /// A group of that name exists (`228`).
        public static let groupNameExists = Code(base: .groupNameExists)
        /// The account has as many groups as allowed (`223`).
        public static let tooManyGroups = Code(base: .tooManyGroups)

        public var description: String {
            switch base {
            case .invalidEmail: "invalidEmail"
            case .invalidDisplayName: "invalidDisplayName"
            case .invalidPassword: "invalidPassword"
            case .accountExists: "accountExists"
            case .accountNotFound: "accountNotFound"
            case .legacySecretUnavailable: "legacySecretUnavailable"
            case .database: "database"
            case .alreadyInList: "alreadyInList"
            case .notInList: "notInList"
            case .inOppositeList: "inOppositeList"
            case .listFull: "listFull"
            case .groupNotFound: "groupNotFound"
            case .groupNameExists: "groupNameExists"
            case .tooManyGroups: "tooManyGroups"
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
