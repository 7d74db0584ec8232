import Foundation
import GRDB
import MSNCore

extension SQLiteMessengerStore {
    /// Puts `owner` and every one of `contacts` on each other's forward, allow and reverse
    /// lists, in one transaction: everyone may see everyone. For load tools and fixtures that
    /// need an account with a thousand contacts without a thousand commands; the result is
    /// what `ADD FL` + `ADD AL` from both sides would leave.
    ///
    /// ```swift
    /// try await store.addMutualContacts(owner: "alice@example.com", contacts: ["bob@example.com"])
    /// // alice: LST N=bob@example.com … 11    bob: LST N=alice@example.com … 11
    /// ```
    ///
    /// Pairs already listed keep their other bits (a block stays a block). Throws
    /// `accountNotFound` (nothing written) when any account is missing.
    public func addMutualContacts(owner: String, contacts: [String]) async throws(StoreError) {
        let owner = try AccountValidation.normalisedEmail(owner)
        var normalised: [String] = []
        for contact in contacts { normalised.append(try AccountValidation.normalisedEmail(contact)) }
        let names = normalised
        let mutual: ContactLists = [.forward, .allow, .reverse]
        try await write { db in
            let ownerID = try Self.accountID(db, owner)
            for name in names where name != owner {
                let contactID = try Self.accountID(db, name)
                let mine = (try Self.lists(db, owner: ownerID, contact: contactID) ?? []).union(mutual)
                try Self.setLists(db, owner: ownerID, contact: contactID, mine.contains(.block) ? mine.subtracting(.allow) : mine)
                let theirs = (try Self.lists(db, owner: contactID, contact: ownerID) ?? []).union(mutual)
                try Self.setLists(db, owner: contactID, contact: ownerID, theirs.contains(.block) ? theirs.subtracting(.allow) : theirs)
                try Self.bumpVersion(db, owner: contactID)
            }
            try Self.bumpVersion(db, owner: ownerID)
        }
    }
}
