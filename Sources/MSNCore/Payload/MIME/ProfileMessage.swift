/// The profile the notification server sends right after `USR … OK`, as
/// `MSG Hotmail Hotmail <length>` with `Content-Type: text/x-msmsgsprofile; charset=UTF-8`.
///
/// ```
/// MIME-Version: 1.0\r\n
/// Content-Type: text/x-msmsgsprofile; charset=UTF-8\r\n
/// LoginTime: 1795597398\r\n
/// EmailEnabled: 0\r\n
/// MemberIdHigh: 1624891901\r\n
/// …
/// ClientPort: 49094\r\n          (MSNP8+)
/// ABCHMigrated: 1\r\n            (MSNP10+)
/// MPOPEnabled: 1\r\n             (MSNP16+)
/// \r\n
/// ```
/// The fields come in the order Messenger servers send them; which of the optional ones are
/// present is decided by the dialect (``Dialect/profileHasClientAddress``,
/// ``Dialect/usesAddressBookIDs``, ``Dialect/supportsMPOP``). Empty values are written with no
/// space after the colon (`preferredEmail:`).
public struct ProfileMessage: Hashable, Sendable {
    /// Unix time of the sign-in.
    public var loginTime: Int
    /// Whether the account has a Hotmail inbox.
    public var emailEnabled: Bool
    /// The two halves of the account's PUID.
    public var memberIDHigh: UInt32
    public var memberIDLow: UInt32
    /// A Windows LCID, 1033 for US English.
    public var languagePreference: Int
    public var preferredEmail: String
    public var country: String
    public var postalCode: String
    public var gender: String
    /// `Kid: 0` unless a Kids Passport.
    public var kid: Int
    public var age: String
    public var birthdayPrecision: String
    public var birthday: String
    public var wallet: String
    public var flags: Int
    /// `sid: 507`.
    public var sid: Int
    /// `kv`, left out when `nil` (Escargot omits it).
    public var kv: String?
    /// The Passport ticket (`MSPAuth`).
    public var msPAuth: String
    /// The client's address as the server sees it (MSNP8+).
    public var clientIP: String
    /// The client's port as written in the profile: byte-swapped, see ``wirePort(_:)``.
    public var clientPort: Int
    /// `ABCHMigrated: 1` switches on the address-book behaviour (MSNP10+).
    public var abchMigrated: Bool
    /// Multiple points of presence allowed (MSNP16+).
    public var mpopEnabled: Bool

    public init(loginTime: Int, emailEnabled: Bool = false, memberIDHigh: UInt32, memberIDLow: UInt32,
                languagePreference: Int = 1033, preferredEmail: String = "", country: String = "",
                postalCode: String = "", gender: String = "", kid: Int = 0, age: String = "",
                birthdayPrecision: String = "", birthday: String = "", wallet: String = "",
                flags: Int = 536_872_513, sid: Int = 507, kv: String? = nil, msPAuth: String,
                clientIP: String, clientPort: Int, abchMigrated: Bool = true, mpopEnabled: Bool = true) {
        self.loginTime = loginTime
        self.emailEnabled = emailEnabled
        self.memberIDHigh = memberIDHigh
        self.memberIDLow = memberIDLow
        self.languagePreference = languagePreference
        self.preferredEmail = preferredEmail
        self.country = country
        self.postalCode = postalCode
        self.gender = gender
        self.kid = kid
        self.age = age
        self.birthdayPrecision = birthdayPrecision
        self.birthday = birthday
        self.wallet = wallet
        self.flags = flags
        self.sid = sid
        self.kv = kv
        self.msPAuth = msPAuth
        self.clientIP = clientIP
        self.clientPort = clientPort
        self.abchMigrated = abchMigrated
        self.mpopEnabled = mpopEnabled
    }

    /// The profile's `ClientPort` value for a real port: the two bytes swapped.
    public static func wirePort(_ port: UInt16) -> Int { Int(port.byteSwapped) }

    /// The real port of ``clientPort``.
    public var realClientPort: UInt16 { UInt16(truncatingIfNeeded: clientPort).byteSwapped }
}
