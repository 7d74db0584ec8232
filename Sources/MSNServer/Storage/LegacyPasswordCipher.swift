import Crypto
import Foundation
import MSNAuth

/// Seals the passwords of `--legacy-md5` accounts so that the database alone does not reveal
/// them.
///
/// MSNP2–7 sign in with `MD5(salt || password)` against a salt the server picks per login, so
/// the server must be able to recover the password itself (see docs/storage.md). The
/// password is kept AES-256-GCM-encrypted under a key stored in its own file
/// (`legacy-md5.key`, mode 0600) next to the database, with the account's sign-in name as
/// associated data so a sealed secret cannot be moved to another row. A copy of the database
/// without the key file is useless to an attacker; a copy of the whole data directory is not.
struct LegacyPasswordCipher: Sendable {
    /// File name of the key inside the data directory.
    static let keyFileName = "legacy-md5.key"

    private let key: SymmetricKey

    init(key: SymmetricKey) {
        self.key = key
    }

    /// Loads the key from `directory`, creating it (32 random bytes, mode 0600) if it does not
    /// exist yet. Safe against a concurrent process doing the same: the file is written under
    /// a temporary name and hard-linked into place, so a reader never sees a partial key.
    static func loadOrCreate(in directory: String) throws(StoreError) -> LegacyPasswordCipher {
        let path = (directory as NSString).appendingPathComponent(keyFileName)
        if let existing = try readKey(at: path) {
            return LegacyPasswordCipher(key: existing)
        }
        let bytes = SecureToken.randomBytes(32)
        let temporary = (directory as NSString).appendingPathComponent(".\(keyFileName).\(SecureToken.urlSafeString(length: 12))")
        let manager = FileManager.default
        guard manager.createFile(atPath: temporary, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            throw StoreError(code: .legacySecretUnavailable, message: "cannot write the legacy MD5 key file in \(directory)")
        }
        defer { try? manager.removeItem(atPath: temporary) }
        do {
            try manager.linkItem(atPath: temporary, toPath: path)
            return LegacyPasswordCipher(key: SymmetricKey(data: bytes))
        } catch {
            // Another process won the race: use its key.
            if let existing = try readKey(at: path) {
                return LegacyPasswordCipher(key: existing)
            }
            throw StoreError(code: .legacySecretUnavailable, message: "cannot create the legacy MD5 key file \(path)")
        }
    }

    private static func readKey(at path: String) throws(StoreError) -> SymmetricKey? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path), data.count == 32 else {
            throw StoreError(code: .legacySecretUnavailable, message: "the legacy MD5 key file \(path) is unreadable or damaged")
        }
        return SymmetricKey(data: data)
    }

    /// Encrypts `password` for the account `email` (nonce, ciphertext and tag in one blob).
    func seal(_ password: String, email: String) throws(StoreError) -> Data {
        do {
            let box = try AES.GCM.seal(Data(password.utf8), using: key, authenticating: Data(email.utf8))
            guard let combined = box.combined else {
                throw StoreError(code: .legacySecretUnavailable, message: "cannot seal the legacy MD5 secret")
            }
            return combined
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(code: .legacySecretUnavailable, message: "cannot seal the legacy MD5 secret")
        }
    }

    /// Decrypts a blob made by ``seal(_:email:)`` for the same `email`.
    func open(_ sealed: Data, email: String) throws(StoreError) -> String {
        do {
            let box = try AES.GCM.SealedBox(combined: sealed)
            let plaintext = try AES.GCM.open(box, using: key, authenticating: Data(email.utf8))
            return String(decoding: plaintext, as: UTF8.self)
        } catch {
            throw StoreError(code: .legacySecretUnavailable, message: "the legacy MD5 secret of \(email) cannot be opened (wrong key file?)")
        }
    }
}
