import MSNCore

/// One contact on an account's lists: the row of one (owner, contact) pair.
///
/// ```
/// LST N=bob@example.com F=Bobby C=8d4c…-… 11 5f2e…-…     (MSNP10–12)
/// ```
public struct ContactEntry: Sendable, Hashable {
    /// The contact's sign-in name, lower-cased.
    public var email: String
    /// The contact's own friendly name (what `LST`/`ADD` carry when no nickname is set).
    public var friendlyName: String
    /// The lists the contact is on.
    public var lists: ContactLists
    /// A name the owner gave this contact (`SBP … MFN`, `REA` on a contact), if any.
    public var nickname: String?
    /// The contact's GUID in this owner's address book (`C=` in MSNP10–12).
    public var guid: String
    /// The numbers of the owner's groups this contact is in, ascending.
    public var groups: [Int]
    /// The contact's CID (the address book's `<CID>`), when the store read it along.
    public var cid: UInt64?

    public init(email: String, friendlyName: String, lists: ContactLists, nickname: String? = nil,
                guid: String, groups: [Int] = [], cid: UInt64? = nil) {
        self.email = email
        self.friendlyName = friendlyName
        self.lists = lists
        self.nickname = nickname
        self.guid = guid
        self.groups = groups
        self.cid = cid
    }

    /// The name to show for this contact: the nickname if set, else the friendly name.
    public var displayedName: String { nickname ?? friendlyName }
}

/// A contact group.
///
/// ```
/// LSG 1 Friends 0                                      (MSNP7–9: number, name)
/// LSG Friends 5f2e0a8c-3b1d-4f6e-9a7b-2c8d1e0f4a6b      (MSNP10–12: name, GUID)
/// ```
public struct ContactGroup: Sendable, Hashable {
    /// The number MSNP7–9 use; group 0 ("Other Contacts") is implicit and never stored.
    public var number: Int
    /// The GUID MSNP10+ use.
    public var guid: String
    /// The name, not URL-encoded.
    public var name: String

    public init(number: Int, guid: String, name: String) {
        self.number = number
        self.guid = guid
        self.name = name
    }
}
