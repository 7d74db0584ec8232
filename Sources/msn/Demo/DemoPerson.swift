import MSNCore

/// One of the two accounts of `msn demo`.
struct DemoPerson: Sendable, Hashable {
    /// `alice@example.com`.
    var email: String
    /// The friendly name.
    var name: String
    /// The password the demo creates the account with.
    var password: String
    /// The only dialect the client offers.
    var dialect: Dialect
    /// Keep the MD5 secret MSNP2–7 logins need (`msn account add --legacy-md5`).
    var legacyMD5: Bool
}
