import Foundation
import GRDB
import MSNAuth

extension SQLiteMessengerStore {
    public func createAccount(email: String, displayName: String?, password: String, legacyMD5: Bool) async throws(StoreError) -> Account {
        let email = try AccountValidation.normalisedEmail(email)
        let displayName = try AccountValidation.validDisplayName(displayName ?? email)
        try AccountValidation.validatePassword(password)
        let secret: Data? = legacyMD5 ? try legacyCipher.get().seal(password, email: email) : nil
        let hash = try await hashPassword(password)
        let createdAt = Date()

        return try await write { db in
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM account WHERE email = ?)", arguments: [email]) == true {
                throw StoreError(code: .accountExists, message: "an account named \(email) already exists")
            }
            // PUID and CID are random, non-zero and unique; a collision (odds 2^-64 per pair)
            // is retried rather than trusted to never happen.
            var puid: UInt64
            var cid: UInt64
            repeat {
                puid = UInt64.random(in: 1...UInt64.max)
                cid = UInt64.random(in: 1...UInt64.max)
            } while try Bool.fetchOne(
                db,
                sql: "SELECT EXISTS (SELECT 1 FROM account WHERE puid = ? OR cid = ?)",
                arguments: [Int64(bitPattern: puid), Int64(bitPattern: cid)]
            ) == true
            do {
                try db.execute(
                    sql: """
                        INSERT INTO account (email, display_name, password_hash, legacy_md5_secret, puid, cid, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [email, displayName, hash, secret, Int64(bitPattern: puid), Int64(bitPattern: cid), createdAt]
                )
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                // Belt and braces: the write transaction already excludes other writers.
                throw StoreError(code: .accountExists, message: "an account named \(email) already exists")
            }
            // Read the row back so the returned value is exactly what later reads give
            // (dates are stored with millisecond precision).
            let row = try Row.fetchOne(db, sql: "SELECT \(Self.accountColumns) FROM account WHERE id = ?", arguments: [db.lastInsertedRowID])
            guard let row else {
                throw StoreError(code: .database, message: "the new account \(email) vanished")
            }
            return Self.account(from: row)
        }
    }

    public func removeAccount(email: String) async throws(StoreError) {
        let email = try existingName(email)
        try await write { db in
            try db.execute(sql: "DELETE FROM account WHERE email = ?", arguments: [email])
            if db.changesCount == 0 {
                throw StoreError(code: .accountNotFound, message: "no account named \(email)")
            }
        }
    }

    public func setPassword(email: String, password: String, legacyMD5: Bool?) async throws(StoreError) {
        let email = try existingName(email)
        try AccountValidation.validatePassword(password)
        let keepsLegacy: Bool
        if let legacyMD5 {
            keepsLegacy = legacyMD5
        } else {
            guard let account = try await account(email: email) else {
                throw StoreError(code: .accountNotFound, message: "no account named \(email)")
            }
            keepsLegacy = account.hasLegacyMD5
        }
        let secret: Data? = keepsLegacy ? try legacyCipher.get().seal(password, email: email) : nil
        let hash = try await hashPassword(password)
        try await write { db in
            try db.execute(
                sql: "UPDATE account SET password_hash = ?, legacy_md5_secret = ? WHERE email = ?",
                arguments: [hash, secret, email]
            )
            if db.changesCount == 0 {
                throw StoreError(code: .accountNotFound, message: "no account named \(email)")
            }
        }
    }

    public func setDisplayName(email: String, displayName: String) async throws(StoreError) -> Account {
        let email = try existingName(email)
        let displayName = try AccountValidation.validDisplayName(displayName)
        return try await write { db in
            try db.execute(sql: "UPDATE account SET display_name = ? WHERE email = ?", arguments: [displayName, email])
            guard let row = try Row.fetchOne(db, sql: "SELECT \(Self.accountColumns) FROM account WHERE email = ?", arguments: [email]) else {
                throw StoreError(code: .accountNotFound, message: "no account named \(email)")
            }
            return Self.account(from: row)
        }
    }

    /// Normalises a name given for an existing account; a malformed name cannot name one.
    private func existingName(_ email: String) throws(StoreError) -> String {
        do {
            return try AccountValidation.normalisedEmail(email)
        } catch {
            throw StoreError(code: .accountNotFound, message: "no account named \(email.prefix(140))")
        }
    }

    /// Hashes a password with the configured iteration count, off the caller's executor.
    func hashPassword(_ password: String) async throws(StoreError) -> String {
        let iterations = configuration.passwordIterations
        return try await offload {
            do {
                return try PasswordHash.make(password: password, iterations: iterations).encoded
            } catch {
                throw StoreError(code: .invalidPassword, message: "cannot hash the password: \(error)")
            }
        }
    }
}
