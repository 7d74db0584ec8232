import MSNCore

/// One person on the signed-in account's lists.
///
/// Built from `LST` lines, `ABFindAll`/`FindMembership` results and later notices:
///
/// ```
/// LST bob@example.com Bob 11 0           → lists FL+AL+RL, group "0"
/// NLN AWY bob@example.com Bob 1073741824 → status .away
/// ```
public struct Contact: Sendable, Hashable, Identifiable {
    /// The address, lower-cased; also the ``id``.
    public var email: String
    /// The friendly name the contact chose (or the address when none is known).
    public var displayName: String
    /// The owner's own name for this contact (`REA`/`SBP … MFN`, the address book's
    /// `displayName`), when set.
    public var nickname: String?
    /// The lists the contact is on: FL, AL, BL, RL, PL.
    public var lists: ContactLists
    /// The groups of the contact (numbers up to MSNP9, GUIDs from MSNP10).
    public var groupIDs: Set<String>
    /// The presence; `nil` when offline, appearing offline, or blocking the owner.
    public var status: PresenceStatus?
    /// The personal message (MSNP11+), unescaped.
    public var personalMessage: String?
    /// The current-media string (MSNP11+), as sent (`\0Music\01\0{0} - {1}\0…`).
    public var currentMedia: String?
    /// The contact GUID of MSNP10+ (`C=` in `LST`, `contactId` in the address book).
    public var guid: String?

    /// Creates a contact.
    public init(email: String, displayName: String? = nil, nickname: String? = nil, lists: ContactLists = [],
                groupIDs: Set<String> = [], status: PresenceStatus? = nil, personalMessage: String? = nil,
                currentMedia: String? = nil, guid: String? = nil) {
        self.email = email.lowercased()
        self.displayName = displayName ?? email.lowercased()
        self.nickname = nickname
        self.lists = lists
        self.groupIDs = groupIDs
        self.status = status
        self.personalMessage = personalMessage
        self.currentMedia = currentMedia
        self.guid = guid
    }

    public var id: String { email }

    /// On BL: the contact cannot see the owner or talk to them.
    public var isBlocked: Bool { lists.contains(.block) }

    /// The contact added the owner and the owner has not answered: on PL, or (before MSNP10,
    /// which has no PL) on RL and on neither AL nor BL.
    public var isPending: Bool {
        if lists.contains(.pending) { return lists.isDisjoint(with: [.allow, .block]) }
        return lists.contains(.reverse) && lists.isDisjoint(with: [.allow, .block])
    }
}

/// A group of contacts (MSNP7+).
///
/// ```
/// LSG 1 Friends 0                                        (MSNP8–9: id "1")
/// LSG Friends 124153dc-a695-4f6c-93e8-8e07c9775251       (MSNP10–12: id is the GUID)
/// ```
public struct ContactGroup: Sendable, Hashable, Identifiable {
    /// The group number (MSNP7–9) or GUID (MSNP10+).
    public var id: String
    /// The group's name, decoded.
    public var name: String

    /// Creates a group.
    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}
