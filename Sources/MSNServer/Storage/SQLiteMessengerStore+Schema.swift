import GRDB

extension SQLiteMessengerStore {
    /// The schema, as an ordered list of migrations. Migrations are append-only: a shipped
    /// migration is never edited, a change is a new migration (see docs/storage.md).
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()

        // v1: accounts.
        //
        // `id` is AUTOINCREMENT so a deleted account's id is never handed to a new account:
        // later tables (contact lists) reference accounts by id, and a reused id would
        // resurrect stale entries. `email` is stored lower-case and also compared NOCASE so
        // that two spellings can never both exist. `puid` and `cid` are the 64-bit Passport
        // identifiers, stored as their signed bit pattern (SQLite integers are signed).
        migrator.registerMigration("v1-accounts") { db in
            try db.execute(sql: """
                CREATE TABLE account (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
                    display_name TEXT NOT NULL,
                    password_hash TEXT NOT NULL,
                    legacy_md5_secret BLOB,
                    puid INTEGER NOT NULL UNIQUE,
                    cid INTEGER NOT NULL UNIQUE,
                    created_at DATETIME NOT NULL
                )
                """)
        }
        return migrator
    }

    /// The columns every account query selects, in the order ``account(from:)`` reads them.
    static let accountColumns = "id, email, display_name, puid, cid, legacy_md5_secret IS NOT NULL AS has_legacy, created_at"

    /// Decodes a row selected with ``accountColumns``.
    static func account(from row: Row) -> Account {
        Account(
            id: row["id"],
            email: row["email"],
            displayName: row["display_name"],
            puid: UInt64(bitPattern: row["puid"]),
            cid: UInt64(bitPattern: row["cid"]),
            hasLegacyMD5: row["has_legacy"],
            createdAt: row["created_at"]
        )
    }
}
