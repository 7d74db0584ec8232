/// Everything the server keeps across restarts.
///
/// This is the only door to persistent state: the notification server, the HTTP services and
/// `msn account` all go through it, and none of them knows SQL. The default implementation is
/// ``SQLiteMessengerStore``.
///
/// Sign-in names are compared case-insensitively: every method normalises the `email` it is
/// given (``AccountValidation/normalisedEmail(_:)``), so `Alice@Example.com` finds
/// `alice@example.com`.
///
/// Every write has reached stable storage when the call returns.
///
/// Contact lists, groups, privacy and profile fields come from ``ContactListStore``.
public protocol MessengerStore: ContactListStore {
    /// Creates an account.
    ///
    /// - Parameters:
    ///   - email: The sign-in name; validated and normalised to lower case.
    ///   - displayName: The friendly name; the sign-in name when `nil`.
    ///   - password: The password; stored as a `MSNAuth/PasswordHash`.
    ///   - legacyMD5: Also keep a sealed copy of the password so that MSNP2–7 clients can sign
    ///     in with the MD5 scheme.
    /// - Returns: The new account, with fresh PUID and CID.
    /// - Throws: ``StoreError`` (`invalidEmail`, `invalidDisplayName`, `invalidPassword`,
    ///   `accountExists`, `legacySecretUnavailable`, `database`).
    func createAccount(email: String, displayName: String?, password: String, legacyMD5: Bool) async throws(StoreError) -> Account

    /// The account with this sign-in name, if any.
    func account(email: String) async throws(StoreError) -> Account?

    /// The account with this row id, if any.
    func account(id: Account.ID) async throws(StoreError) -> Account?

    /// Every account, ordered by sign-in name.
    func allAccounts() async throws(StoreError) -> [Account]

    /// Deletes an account.
    ///
    /// - Throws: ``StoreError`` with code `accountNotFound` if there is none.
    func removeAccount(email: String) async throws(StoreError)

    /// Replaces an account's password.
    ///
    /// - Parameters:
    ///   - legacyMD5: `true` to (re)seal the password for MD5 sign-in, `false` to drop the
    ///     sealed copy, `nil` to keep the account's current choice.
    /// - Throws: ``StoreError`` (`accountNotFound`, `invalidPassword`, …).
    func setPassword(email: String, password: String, legacyMD5: Bool?) async throws(StoreError)

    /// Replaces an account's display name and returns the updated account.
    func setDisplayName(email: String, displayName: String) async throws(StoreError) -> Account

    /// Checks a sign-in name and password, as Passport 1.4 and RST do.
    ///
    /// Takes as long for an unknown account as for a wrong password, and upgrades the stored
    /// hash when it was made with fewer iterations than the store is configured for.
    ///
    /// - Returns: The account when the password is right, `nil` otherwise (unknown account,
    ///   malformed name, wrong password).
    func authenticate(email: String, password: String) async throws(StoreError) -> Account?

    /// The password of a `--legacy-md5` account, for the MD5 scheme of MSNP2–7; `nil` when the
    /// account does not exist or was not created with `--legacy-md5`.
    ///
    /// ```
    /// S: USR 6 MD5 S 1056561624.17795
    /// C: USR 7 MD5 S 483eee01d6a1de1b668cac9a0ac75d91     ← md5("1056561624.17795" + password)
    /// ```
    func legacyMD5Password(for email: String) async throws(StoreError) -> String?

    /// Checks an MSNP2–7 MD5 response: lower-case hex of `MD5(salt || password)`, compared in
    /// constant time (upper-case hex is accepted too).
    ///
    /// - Returns: The account when the response is right, `nil` otherwise (including accounts
    ///   without a legacy MD5 secret).
    func verifyLegacyMD5(email: String, salt: String, response: String) async throws(StoreError) -> Account?
}
