import MSNCore
import Foundation
import GRDB

/// Row-level helpers shared by the contact-list methods; each runs inside the caller's
/// transaction.
extension SQLiteMessengerStore {
    /// The id of the account named `email` (already normalised).
    static func accountID(_ db: Database, _ email: String) throws -> Int64 {
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM account WHERE email = ?", arguments: [email]) else {
            throw StoreError(code: .accountNotFound, message: "no account named \(email)")
        }
        return id
    }

    /// The list bits of `owner`'s row for `contact`, `nil` when there is no row.
    static func lists(_ db: Database, owner: Int64, contact: Int64) throws -> ContactLists? {
        try Int.fetchOne(db, sql: "SELECT lists FROM contact WHERE owner_id = ? AND contact_id = ?",
                         arguments: [owner, contact]).map(ContactLists.init(rawValue:))
    }

    /// Writes `owner`'s row for `contact` with `lists`: inserts it (with a fresh GUID),
    /// updates it, or deletes it when `lists` is empty.
    static func setLists(_ db: Database, owner: Int64, contact: Int64, _ lists: ContactLists) throws {
        if lists.isEmpty {
            try db.execute(sql: "DELETE FROM contact WHERE owner_id = ? AND contact_id = ?", arguments: [owner, contact])
            return
        }
        try db.execute(sql: """
            INSERT INTO contact (owner_id, contact_id, lists, guid) VALUES (?, ?, ?, ?)
            ON CONFLICT (owner_id, contact_id) DO UPDATE SET lists = excluded.lists
            """, arguments: [owner, contact, lists.rawValue, UUID().uuidString.lowercased()])
    }

    /// Bumps `owner`'s list version and the timestamp of what changed; returns the version.
    @discardableResult
    static func bumpVersion(_ db: Database, owner: Int64, settings: Bool = false) throws -> Int {
        let column = settings ? "settings_changed_at" : "lists_changed_at"
        try db.execute(sql: "UPDATE account SET list_version = list_version + 1, \(column) = ? WHERE id = ?",
                       arguments: [Date(), owner])
        return try Int.fetchOne(db, sql: "SELECT list_version FROM account WHERE id = ?", arguments: [owner]) ?? 0
    }

    /// `owner`'s entry for `contact`, `nil` when there is no row.
    static func entry(_ db: Database, owner: Int64, contact: Int64) throws -> ContactEntry? {
        try entries(db, owner: owner, only: contact).first
    }

    /// `owner`'s entries (all, or only the one for `contact`), ordered by sign-in name.
    static func entries(_ db: Database, owner: Int64, only contact: Int64? = nil) throws -> [ContactEntry] {
        var sql = """
            SELECT c.contact_id, c.lists, c.nickname, c.guid, a.email, a.display_name, a.cid
            FROM contact c JOIN account a ON a.id = c.contact_id WHERE c.owner_id = ?
            """
        var arguments: StatementArguments = [owner]
        if let contact {
            sql += " AND c.contact_id = ?"
            arguments += [contact]
        }
        sql += " ORDER BY a.email"
        let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
        var memberships: [Int64: [Int]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT contact_id, group_number FROM contact_group_member WHERE owner_id = ? ORDER BY group_number
            """, arguments: [owner]) {
            memberships[row["contact_id"], default: []].append(row["group_number"])
        }
        return rows.map { row in
            let id: Int64 = row["contact_id"]
            return ContactEntry(email: row["email"], friendlyName: row["display_name"],
                                lists: ContactLists(rawValue: row["lists"]), nickname: row["nickname"],
                                guid: row["guid"], groups: memberships[id] ?? [],
                                cid: (row["cid"] as Int64?).map { UInt64(bitPattern: $0) })
        }
    }

    /// Whether `owner` has a group numbered `number`.
    static func groupExists(_ db: Database, owner: Int64, number: Int) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM contact_group WHERE owner_id = ? AND number = ?)",
                          arguments: [owner, number]) ?? false
    }

    /// Normalises two sign-in names for a list operation.
    static func names(_ owner: String, _ contact: String) throws(StoreError) -> (String, String) {
        (try AccountValidation.normalisedEmail(owner), try AccountValidation.normalisedEmail(contact))
    }
}
