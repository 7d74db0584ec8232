import MSNCore
import Foundation
import GRDB

extension SQLiteMessengerStore {
    public func addGroup(owner: String, name: String) async throws(StoreError) -> (group: ContactGroup, version: Int) {
        let owner = try AccountValidation.normalisedEmail(owner)
        let maximum = configuration.maximumGroups
        return try await write { db in
            let ownerID = try Self.accountID(db, owner)
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM contact_group WHERE owner_id = ?", arguments: [ownerID]) ?? 0
            if count >= maximum {
                throw StoreError(code: .tooManyGroups, message: "\(owner) has \(count) groups")
            }
            try Self.checkGroupNameIsFree(db, owner: ownerID, name: name)
            let number = try Int.fetchOne(db, sql: "SELECT next_group_number FROM account WHERE id = ?", arguments: [ownerID]) ?? 1
            let group = ContactGroup(number: number, guid: UUID().uuidString.lowercased(), name: name)
            try db.execute(sql: "INSERT INTO contact_group (owner_id, number, guid, name) VALUES (?, ?, ?, ?)",
                           arguments: [ownerID, number, group.guid, name])
            try db.execute(sql: "UPDATE account SET next_group_number = ? WHERE id = ?", arguments: [number + 1, ownerID])
            return (group, try Self.bumpVersion(db, owner: ownerID))
        }
    }

    public func removeGroup(owner: String, number: Int) async throws(StoreError) -> Int {
        let owner = try AccountValidation.normalisedEmail(owner)
        return try await write { db in
            let ownerID = try Self.accountID(db, owner)
            try db.execute(sql: "DELETE FROM contact_group WHERE owner_id = ? AND number = ?", arguments: [ownerID, number])
            if db.changesCount == 0 {
                throw StoreError(code: .groupNotFound, message: "\(owner) has no group \(number)")
            }
            return try Self.bumpVersion(db, owner: ownerID)
        }
    }

    public func renameGroup(owner: String, number: Int, name: String) async throws(StoreError) -> Int {
        let owner = try AccountValidation.normalisedEmail(owner)
        return try await write { db in
            let ownerID = try Self.accountID(db, owner)
            guard try Self.groupExists(db, owner: ownerID, number: number) else {
                throw StoreError(code: .groupNotFound, message: "\(owner) has no group \(number)")
            }
            try Self.checkGroupNameIsFree(db, owner: ownerID, name: name, except: number)
            try db.execute(sql: "UPDATE contact_group SET name = ? WHERE owner_id = ? AND number = ?",
                           arguments: [name, ownerID, number])
            return try Self.bumpVersion(db, owner: ownerID)
        }
    }

    public func setPrivacyMode(owner: String, _ mode: PrivacyMode) async throws(StoreError) -> Int {
        try await updateSetting(owner: owner, sql: "privacy_mode = ?", arguments: [mode.rawValue])
    }

    public func setNotifyOnAdd(owner: String, _ notify: Bool) async throws(StoreError) -> Int {
        try await updateSetting(owner: owner, sql: "notify_on_add = ?", arguments: [notify])
    }

    public func setFriendlyName(owner: String, _ name: String) async throws(StoreError) -> Int {
        let name = try AccountValidation.validDisplayName(name)
        return try await updateSetting(owner: owner, sql: "display_name = ?", arguments: [name])
    }

    public func setNickname(owner: String, contact: String, _ nickname: String?) async throws(StoreError) -> Int {
        let (owner, contact) = try Self.names(owner, contact)
        return try await write { db in
            let ownerID = try Self.accountID(db, owner)
            let contactID = try Self.accountID(db, contact)
            try db.execute(sql: "UPDATE contact SET nickname = ? WHERE owner_id = ? AND contact_id = ?",
                           arguments: [nickname, ownerID, contactID])
            if db.changesCount == 0 {
                throw StoreError(code: .notInList, message: "\(contact) is on none of \(owner)'s lists")
            }
            return try Self.bumpVersion(db, owner: ownerID)
        }
    }

    public func setPersonalMessage(owner: String, message: String, media: String) async throws(StoreError) {
        let owner = try AccountValidation.normalisedEmail(owner)
        try await write { db in
            try db.execute(sql: "UPDATE account SET personal_message = ?, current_media = ? WHERE email = ?",
                           arguments: [message, media, owner])
            if db.changesCount == 0 { throw StoreError(code: .accountNotFound, message: "no account named \(owner)") }
        }
    }

    public func setMSNObject(owner: String, _ object: String?) async throws(StoreError) {
        let owner = try AccountValidation.normalisedEmail(owner)
        try await write { db in
            try db.execute(sql: "UPDATE account SET msn_object = ? WHERE email = ?", arguments: [object, owner])
            if db.changesCount == 0 { throw StoreError(code: .accountNotFound, message: "no account named \(owner)") }
        }
    }

    /// Sets one account column, bumping the list version and the settings timestamp.
    private func updateSetting(owner: String, sql: String, arguments: StatementArguments) async throws(StoreError) -> Int {
        let owner = try AccountValidation.normalisedEmail(owner)
        return try await write { db in
            let ownerID = try Self.accountID(db, owner)
            try db.execute(sql: "UPDATE account SET \(sql) WHERE id = ?", arguments: arguments + [ownerID])
            return try Self.bumpVersion(db, owner: ownerID, settings: true)
        }
    }

    /// Refuses a name another group of `owner` already has (compared case-insensitively).
    private static func checkGroupNameIsFree(_ db: Database, owner: Int64, name: String, except number: Int? = nil) throws {
        let taken = try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM contact_group WHERE owner_id = ? AND name = ? COLLATE NOCASE AND number != ?)
            """, arguments: [owner, name, number ?? -1]) ?? false
        if taken { throw StoreError(code: .groupNameExists, message: "a group named \(name) exists") }
    }
}
