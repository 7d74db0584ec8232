import Foundation

/// The logic behind `msn account add|list|remove|passwd`, kept in the library so that it can
/// be tested without spawning the command.
///
/// Every method returns the line(s) the command prints on standard output; failures are
/// ``StoreError``s whose ``StoreError/description`` is the one line printed on standard error.
///
/// ```
/// $ msn account add alice@example.com --name Alice --password-stdin <<< secret
/// created alice@example.com (Alice)
/// $ msn account list
/// alice@example.com	Alice	2026-01-02T03:04:05Z
/// ```
public struct AccountAdministration: Sendable {
    /// The store the commands act on.
    public let store: any MessengerStore

    /// Creates the administration front end for `store`.
    public init(store: any MessengerStore) {
        self.store = store
    }

    /// Checks, before a password is asked for, that `add` can succeed: the names are valid and
    /// no account has this sign-in name.
    public func checkCanAdd(email: String, displayName: String?) async throws(StoreError) {
        let normalised = try AccountValidation.normalisedEmail(email)
        if let displayName {
            _ = try AccountValidation.validDisplayName(displayName)
        }
        if try await store.account(email: normalised) != nil {
            throw StoreError(code: .accountExists, message: "an account named \(normalised) already exists")
        }
    }

    /// Checks, before a password is asked for, that the account exists.
    public func checkExists(email: String) async throws(StoreError) {
        guard try await store.account(email: email) != nil else {
            throw StoreError(code: .accountNotFound, message: "no account named \(email.prefix(140))")
        }
    }

    /// `msn account add`: creates an account.
    public func add(email: String, displayName: String?, password: String, legacyMD5: Bool) async throws(StoreError) -> String {
        let account = try await store.createAccount(email: email, displayName: displayName, password: password, legacyMD5: legacyMD5)
        let legacy = account.hasLegacyMD5 ? ", MD5 sign-in enabled" : ""
        return "created \(account.email) (\(account.displayName))\(legacy)"
    }

    /// `msn account list`: one line per account, `email TAB display name TAB created [TAB legacy-md5]`,
    /// ordered by sign-in name. No accounts, no lines.
    public func list() async throws(StoreError) -> [String] {
        try await store.allAccounts().map(Self.listLine(for:))
    }

    /// `msn account remove`: deletes an account.
    public func remove(email: String) async throws(StoreError) -> String {
        let normalised = (try? AccountValidation.normalisedEmail(email)) ?? email
        try await store.removeAccount(email: email)
        return "removed \(normalised)"
    }

    /// `msn account passwd`: replaces an account's password.
    ///
    /// - Parameter legacyMD5: `true`/`false` to turn MD5 sign-in on/off, `nil` to keep it.
    public func changePassword(email: String, password: String, legacyMD5: Bool?) async throws(StoreError) -> String {
        try await store.setPassword(email: email, password: password, legacyMD5: legacyMD5)
        let normalised = (try? AccountValidation.normalisedEmail(email)) ?? email
        return "changed the password of \(normalised)"
    }

    /// The `list` line for one account.
    public static func listLine(for account: Account) -> String {
        var fields = [account.email, account.displayName, account.createdAt.formatted(.iso8601)]
        if account.hasLegacyMD5 {
            fields.append("legacy-md5")
        }
        return fields.joined(separator: "\t")
    }
}
