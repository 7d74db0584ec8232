import Foundation
import GRDB
import MSNCore

extension SQLiteMessengerStore {
    /// Creates many accounts sharing one password, and mutual contact pairs among them, in one
    /// transaction: a population for load tests (`msn bench idle`, `msn bench mixed`), ten
    /// thousand accounts in seconds rather than one hash and one synced commit each.
    ///
    /// ```swift
    /// try await store.importPopulation(emails: ["a@bench.invalid", "b@bench.invalid"],
    ///                                  password: "bench-password", mutualContacts: [(0, 1)])
    /// // a has b on FL, AL and RL; b has a on FL, AL and RL
    /// ```
    ///
    /// - Parameters:
    ///   - emails: the new accounts' sign-in names (display name = sign-in name).
    ///   - password: every account's password, hashed once with the configured iterations.
    ///   - mutualContacts: index pairs into `emails`; each side gets the other on its forward,
    ///     allow and reverse lists. Pairs naming the same two accounts twice are written once.
    /// - Throws: ``StoreError`` (`accountExists` when a name is taken, `invalidEmail`, `database`).
    public func importPopulation(emails: [String], password: String,
                                 mutualContacts: [(Int, Int)]) async throws(StoreError) {
        var names: [String] = []
        names.reserveCapacity(emails.count)
        for email in emails { names.append(try AccountValidation.normalisedEmail(email)) }
        try AccountValidation.validatePassword(password)
        let hash = try await hashPassword(password)
        let pairs = mutualContacts.filter { $0.0 != $0.1 && names.indices.contains($0.0) && names.indices.contains($0.1) }
        let mutual = Int(ContactLists([.forward, .allow, .reverse]).rawValue)
        let accounts = names
        try await write { db in
            let createdAt = Date()
            var ids: [Int64] = []
            ids.reserveCapacity(accounts.count)
            let insert = try db.makeStatement(sql: """
                INSERT INTO account (email, display_name, password_hash, puid, cid, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
            for name in accounts {
                try insert.execute(arguments: [name, name, hash, Int64.random(in: 1...Int64.max),
                                               Int64.random(in: 1...Int64.max), createdAt])
                ids.append(db.lastInsertedRowID)
            }
            let contact = try db.makeStatement(sql: """
                INSERT OR IGNORE INTO contact (owner_id, contact_id, lists, guid) VALUES (?, ?, ?, ?)
                """)
            for (a, b) in pairs {
                try contact.execute(arguments: [ids[a], ids[b], mutual, UUID().uuidString.lowercased()])
                try contact.execute(arguments: [ids[b], ids[a], mutual, UUID().uuidString.lowercased()])
            }
            try db.execute(sql: "UPDATE account SET list_version = 1, lists_changed_at = ? WHERE id >= ?",
                           arguments: [createdAt, ids.first ?? 0])
        }
    }
}
