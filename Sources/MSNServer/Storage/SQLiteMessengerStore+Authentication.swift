import Crypto
import Foundation
import GRDB
import MSNAuth

extension SQLiteMessengerStore {
    public func authenticate(email: String, password: String) async throws(StoreError) -> Account? {
        let normalised = try? AccountValidation.normalisedEmail(email)
        let found: (account: Account, hash: String)? = try await read { db in
            guard let normalised,
                  let row = try Row.fetchOne(db, sql: "SELECT \(Self.accountColumns), password_hash FROM account WHERE email = ?", arguments: [normalised])
            else { return nil }
            return (Self.account(from: row), row["password_hash"])
        }
        guard let found else {
            // Same work as a wrong password, so timing does not reveal which accounts exist.
            let decoy = try await decoyPasswordHash()
            _ = try await offload { PasswordHash.verify(password, against: decoy) }
            return nil
        }
        let storedHash = found.hash
        let matches = try await offload { PasswordHash.verify(password, against: storedHash) }
        guard matches else { return nil }

        if PasswordHash.needsRehash(storedHash, iterations: configuration.passwordIterations) {
            await upgradeHash(of: found.account, from: storedHash, password: password)
        }
        return found.account
    }

    public func legacyMD5Password(for email: String) async throws(StoreError) -> String? {
        guard let email = try? AccountValidation.normalisedEmail(email) else { return nil }
        let sealed: Data? = try await read { db in
            try Data.fetchOne(db, sql: "SELECT legacy_md5_secret FROM account WHERE email = ?", arguments: [email])
        }
        guard let sealed else { return nil }
        return try legacyCipher.get().open(sealed, email: email)
    }

    public func verifyLegacyMD5(email: String, salt: String, response: String) async throws(StoreError) -> Account? {
        guard let password = try await legacyMD5Password(for: email) else { return nil }
        let expected = Insecure.MD5.hash(data: Data((salt + password).utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 0x10 ? "0" + hex : hex
        }.joined()
        let given = response.lowercasedASCII()
        guard PasswordHash.constantTimeEquals(Array(expected.utf8), Array(given.utf8)) else { return nil }
        return try await account(email: email)
    }

    /// Replaces a weaker stored hash after a successful sign-in. Failure is logged, not fatal:
    /// the old hash still works.
    private func upgradeHash(of account: Account, from oldHash: String, password: String) async {
        do {
            let newHash = try await hashPassword(password)
            try await write { db in
                // Only if nobody changed the password in the meantime.
                try db.execute(
                    sql: "UPDATE account SET password_hash = ? WHERE id = ? AND password_hash = ?",
                    arguments: [newHash, account.id, oldHash]
                )
            }
            logger.info("upgraded password hash", metadata: ["account": "\(account.email)"])
        } catch {
            logger.warning("cannot upgrade password hash", metadata: ["account": "\(account.email)", "error": "\(error)"])
        }
    }

    /// A hash of a random password with the configured cost, made once per store.
    private func decoyPasswordHash() async throws(StoreError) -> String {
        if let decoy = decoyHash.withLock({ $0 }) {
            return decoy
        }
        let decoy = try await hashPassword(SecureToken.urlSafeString(length: 20))
        decoyHash.withLock { $0 = $0 ?? decoy }
        return decoy
    }
}
