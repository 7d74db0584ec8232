import MSNCore
import Foundation
import GRDB

extension SQLiteMessengerStore {
    public func contactList(owner: String) async throws(StoreError) -> ContactList {
        let owner = try AccountValidation.normalisedEmail(owner)
        return try await read { db in
            let id = try Self.accountID(db, owner)
            guard let row = try Row.fetchOne(db, sql: """
                SELECT display_name, privacy_mode, notify_on_add, personal_message, current_media, msn_object,
                       list_version, lists_changed_at, settings_changed_at FROM account WHERE id = ?
                """, arguments: [id]) else {
                throw StoreError(code: .accountNotFound, message: "no account named \(owner)")
            }
            let settings = ContactListSettings(
                privacyMode: PrivacyMode(rawValue: row["privacy_mode"]) ?? .allowUnlisted,
                notifyOnAdd: row["notify_on_add"], friendlyName: row["display_name"],
                personalMessage: row["personal_message"], currentMedia: row["current_media"],
                msnObject: row["msn_object"], version: row["list_version"],
                listsChangedAt: row["lists_changed_at"], settingsChangedAt: row["settings_changed_at"])
            let groups = try Row.fetchAll(db, sql: "SELECT number, guid, name FROM contact_group WHERE owner_id = ? ORDER BY number",
                                          arguments: [id]).map {
                ContactGroup(number: $0["number"], guid: $0["guid"], name: $0["name"])
            }
            return ContactList(settings: settings, groups: groups, contacts: try Self.entries(db, owner: id))
        }
    }

    public func addContact(owner: String, contact: String, to list: ListKind) async throws(StoreError) -> ListChangeResult {
        guard list.isClientEditable else {
            throw StoreError(code: .notInList, message: "\(list.rawValue) is kept by the server")
        }
        let (owner, contact) = try Self.names(owner, contact)
        let maximum = configuration.maximumContacts
        return try await write { db in
            let ownerID = try Self.accountID(db, owner)
            let contactID = try Self.accountID(db, contact)
            let current = try Self.lists(db, owner: ownerID, contact: contactID) ?? []
            if current.contains(list.lists) {
                throw StoreError(code: .alreadyInList, message: "\(contact) is already on \(owner)'s \(list.rawValue)")
            }
            if (list == .allow && current.contains(.block)) || (list == .block && current.contains(.allow)) {
                throw StoreError(code: .inOppositeList, message: "\(contact) is on \(owner)'s opposite list")
            }
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM contact WHERE owner_id = ? AND (lists & ?) != 0",
                                         arguments: [ownerID, list.lists.rawValue]) ?? 0
            if count >= maximum {
                throw StoreError(code: .listFull, message: "\(owner)'s \(list.rawValue) is full")
            }
            var lists = current.union(list.lists)
            if list == .allow || list == .block { lists.remove(.pending) }
            try Self.setLists(db, owner: ownerID, contact: contactID, lists)
            let version = try Self.bumpVersion(db, owner: ownerID)
            var reverseVersion: Int?
            if list == .forward {
                // Reverse-list upkeep: the owner joins the contact's RL (and PL while the
                // contact has neither allowed nor blocked the owner).
                var theirs = try Self.lists(db, owner: contactID, contact: ownerID) ?? []
                theirs.insert(.reverse)
                if theirs.isDisjoint(with: [.allow, .block]) { theirs.insert(.pending) }
                try Self.setLists(db, owner: contactID, contact: ownerID, theirs)
                reverseVersion = try Self.bumpVersion(db, owner: contactID)
            }
            return ListChangeResult(version: version, entry: try Self.entry(db, owner: ownerID, contact: contactID),
                                     reverseListVersion: reverseVersion)
        }
    }

    public func removeContact(owner: String, contact: String, from list: ListKind) async throws(StoreError) -> ListChangeResult {
        let (owner, contact) = try Self.names(owner, contact)
        return try await write { db in
            let ownerID = try Self.accountID(db, owner)
            let contactID = try Self.accountID(db, contact)
            let current = try Self.lists(db, owner: ownerID, contact: contactID) ?? []
            guard list.isClientEditable, current.contains(list.lists) else {
                throw StoreError(code: .notInList, message: "\(contact) is not on \(owner)'s \(list.rawValue)")
            }
            if list == .forward {
                try db.execute(sql: "DELETE FROM contact_group_member WHERE owner_id = ? AND contact_id = ?",
                               arguments: [ownerID, contactID])
            }
            try Self.setLists(db, owner: ownerID, contact: contactID, current.subtracting(list.lists))
            let version = try Self.bumpVersion(db, owner: ownerID)
            var reverseVersion: Int?
            if list == .forward, let theirs = try Self.lists(db, owner: contactID, contact: ownerID) {
                try Self.setLists(db, owner: contactID, contact: ownerID, theirs.subtracting([.reverse, .pending]))
                reverseVersion = try Self.bumpVersion(db, owner: contactID)
            }
            return ListChangeResult(version: version, entry: try Self.entry(db, owner: ownerID, contact: contactID),
                                     reverseListVersion: reverseVersion)
        }
    }

    public func addContact(owner: String, contact: String, toGroup number: Int) async throws(StoreError) -> ListChangeResult {
        let (owner, contact) = try Self.names(owner, contact)
        return try await write { db in
            let ownerID = try Self.accountID(db, owner)
            let contactID = try Self.accountID(db, contact)
            guard let lists = try Self.lists(db, owner: ownerID, contact: contactID), lists.contains(.forward) else {
                throw StoreError(code: .notInList, message: "\(contact) is not on \(owner)'s FL")
            }
            guard try Self.groupExists(db, owner: ownerID, number: number) else {
                throw StoreError(code: .groupNotFound, message: "\(owner) has no group \(number)")
            }
            try db.execute(sql: "INSERT OR IGNORE INTO contact_group_member (owner_id, contact_id, group_number) VALUES (?, ?, ?)",
                           arguments: [ownerID, contactID, number])
            if db.changesCount == 0 {
                throw StoreError(code: .alreadyInList, message: "\(contact) is already in group \(number)")
            }
            let version = try Self.bumpVersion(db, owner: ownerID)
            return ListChangeResult(version: version, entry: try Self.entry(db, owner: ownerID, contact: contactID))
        }
    }

    public func removeContact(owner: String, contact: String, fromGroup number: Int) async throws(StoreError) -> ListChangeResult {
        let (owner, contact) = try Self.names(owner, contact)
        return try await write { db in
            let ownerID = try Self.accountID(db, owner)
            let contactID = try Self.accountID(db, contact)
            guard try Self.groupExists(db, owner: ownerID, number: number) else {
                throw StoreError(code: .groupNotFound, message: "\(owner) has no group \(number)")
            }
            try db.execute(sql: "DELETE FROM contact_group_member WHERE owner_id = ? AND contact_id = ? AND group_number = ?",
                           arguments: [ownerID, contactID, number])
            if db.changesCount == 0 {
                throw StoreError(code: .notInList, message: "\(contact) is not in group \(number)")
            }
            let version = try Self.bumpVersion(db, owner: ownerID)
            return ListChangeResult(version: version, entry: try Self.entry(db, owner: ownerID, contact: contactID))
        }
    }

    public func allowedWatchers(of email: String) async throws(StoreError) -> [String] {
        let email = try AccountValidation.normalisedEmail(email)
        if let known = watcherCache.watchers(of: email) { return known }
        let generation = watcherCache.generation
        let watchers: [String] = try await read { db in
            let id = try Self.accountID(db, email)
            let mode = PrivacyMode(rawValue: try String.fetchOne(db, sql: "SELECT privacy_mode FROM account WHERE id = ?",
                                                                 arguments: [id]) ?? "AL") ?? .allowUnlisted
            return try Row.fetchAll(db, sql: """
                SELECT a.email, c.lists FROM contact c JOIN account a ON a.id = c.contact_id
                WHERE c.owner_id = ? AND (c.lists & 8) != 0 ORDER BY a.email
                """, arguments: [id]).compactMap { row in
                mode.allows(ContactLists(rawValue: row["lists"])) ? row["email"] : nil
            }
        }
        watcherCache.store(watchers, for: email, generation: generation)
        return watchers
    }

    public func watcherStanding(of viewer: String, toward owner: String) async throws(StoreError) -> WatcherStanding {
        let owner = try AccountValidation.normalisedEmail(owner)
        let viewer = try AccountValidation.normalisedEmail(viewer)
        return try await read { db in
            let ownerID = try Self.accountID(db, owner)
            let viewerID = try Self.accountID(db, viewer)
            let mode = PrivacyMode(rawValue: try String.fetchOne(db, sql: "SELECT privacy_mode FROM account WHERE id = ?",
                                                                 arguments: [ownerID]) ?? "AL") ?? .allowUnlisted
            let lists = try Self.lists(db, owner: ownerID, contact: viewerID) ?? []
            let watching = lists.contains(.reverse)
            return WatcherStanding(hasOwnerOnForwardList: watching, allowed: watching && mode.allows(lists))
        }
    }

    public func contactsVisible(to viewer: String) async throws(StoreError) -> [String] {
        let viewer = try AccountValidation.normalisedEmail(viewer)
        return try await read { db in
            let id = try Self.accountID(db, viewer)
            // Each row is the contact's own view of the viewer; RL there means the viewer has
            // the contact on FL.
            return try Row.fetchAll(db, sql: """
                SELECT a.email, a.privacy_mode, c.lists FROM contact c JOIN account a ON a.id = c.owner_id
                WHERE c.contact_id = ? AND (c.lists & 8) != 0 ORDER BY a.email
                """, arguments: [id]).compactMap { row in
                let mode = PrivacyMode(rawValue: row["privacy_mode"]) ?? .allowUnlisted
                return mode.allows(ContactLists(rawValue: row["lists"])) ? row["email"] : nil
            }
        }
    }
}
