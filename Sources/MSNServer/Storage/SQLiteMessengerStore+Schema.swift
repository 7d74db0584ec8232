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
        // v2: contact lists, groups, privacy settings and presence profile fields.
        //
        // One `contact` row per (owner, contact) pair holds the list bits (FL=1 AL=2 BL=4
        // RL=8 PL=16), so every dialect reads and writes the same rows. Contacts point at
        // accounts by id (adds of unknown accounts are refused, 205/208); deleting either
        // account deletes the row. Groups carry both the MSNP7–9 number and the MSNP10+ GUID.
        migrator.registerMigration("v2-contacts") { db in
            try db.execute(sql: """
                ALTER TABLE account ADD COLUMN privacy_mode TEXT NOT NULL DEFAULT 'AL';
                ALTER TABLE account ADD COLUMN notify_on_add INTEGER NOT NULL DEFAULT 1;
                ALTER TABLE account ADD COLUMN personal_message TEXT NOT NULL DEFAULT '';
                ALTER TABLE account ADD COLUMN current_media TEXT NOT NULL DEFAULT '';
                ALTER TABLE account ADD COLUMN msn_object TEXT;
                ALTER TABLE account ADD COLUMN list_version INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE account ADD COLUMN lists_changed_at DATETIME;
                ALTER TABLE account ADD COLUMN settings_changed_at DATETIME;
                ALTER TABLE account ADD COLUMN next_group_number INTEGER NOT NULL DEFAULT 1;
                CREATE TABLE contact (
                    owner_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    contact_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    lists INTEGER NOT NULL DEFAULT 0,
                    nickname TEXT,
                    guid TEXT NOT NULL UNIQUE,
                    PRIMARY KEY (owner_id, contact_id)
                );
                CREATE INDEX contact_by_contact ON contact(contact_id);
                CREATE TABLE contact_group (
                    owner_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    number INTEGER NOT NULL,
                    guid TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    PRIMARY KEY (owner_id, number)
                );
                CREATE TABLE contact_group_member (
                    owner_id INTEGER NOT NULL,
                    contact_id INTEGER NOT NULL,
                    group_number INTEGER NOT NULL,
                    PRIMARY KEY (owner_id, contact_id, group_number),
                    FOREIGN KEY (owner_id, contact_id) REFERENCES contact(owner_id, contact_id) ON DELETE CASCADE,
                    FOREIGN KEY (owner_id, group_number) REFERENCES contact_group(owner_id, number) ON DELETE CASCADE
                );
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
