import MSNCore

/// The contact-list half of ``MessengerStore``: lists, groups, privacy and profile fields.
///
/// Accounts are named by sign-in name (compared case-insensitively). Every method is one
/// transaction, durable when it returns, and either changes everything it says or nothing:
/// a refused change (`alreadyInList`, `inOppositeList`, …) leaves no trace. Reverse-list
/// upkeep is the store's: putting bob on alice's FL puts alice on bob's RL (and PL while bob
/// has neither allowed nor blocked her), in the same transaction.
///
/// ```swift
/// let change = try await store.addContact(owner: "alice@example.com", contact: "bob@example.com", to: .forward)
/// // S: ADD 12 FL \(change.version) bob@example.com Bob       → alice
/// // S: ADD 0 RL \(change.reverseListVersion!) alice@example.com Alice → bob
/// ```
public protocol ContactListStore: Sendable {
    /// The whole list of `owner`, for `SYN`.
    func contactList(owner: String) async throws(StoreError) -> ContactList

    /// Puts `contact` on `owner`'s `list` (FL, AL or BL).
    ///
    /// - Throws: `accountNotFound` (either account), `alreadyInList`, `inOppositeList`
    ///   (AL vs BL), `listFull`.
    func addContact(owner: String, contact: String, to list: ListKind) async throws(StoreError) -> ListChangeResult

    /// Takes `contact` off `owner`'s `list` (FL, AL or BL); leaving FL also leaves every group.
    ///
    /// - Throws: `accountNotFound`, `notInList`.
    func removeContact(owner: String, contact: String, from list: ListKind) async throws(StoreError) -> ListChangeResult

    /// Puts an FL contact in group `number` (`ADD 5 FL bob@example.com Bob 2`).
    ///
    /// - Throws: `notInList` (not on FL), `groupNotFound`, `alreadyInList`.
    func addContact(owner: String, contact: String, toGroup number: Int) async throws(StoreError) -> ListChangeResult

    /// Takes a contact out of group `number` (`REM 5 FL bob@example.com 2`).
    ///
    /// - Throws: `notInList`, `groupNotFound`.
    func removeContact(owner: String, contact: String, fromGroup number: Int) async throws(StoreError) -> ListChangeResult

    /// Creates a group (`ADG 5 Friends 0`); returns it and the new list version.
    ///
    /// - Throws: `groupNameExists`, `tooManyGroups`.
    func addGroup(owner: String, name: String) async throws(StoreError) -> (group: ContactGroup, version: Int)

    /// Deletes group `number`; its members stay on FL. Returns the new list version.
    func removeGroup(owner: String, number: Int) async throws(StoreError) -> Int

    /// Renames group `number`; returns the new list version.
    func renameGroup(owner: String, number: Int, name: String) async throws(StoreError) -> Int

    /// `BLP`; returns the new list version.
    func setPrivacyMode(owner: String, _ mode: PrivacyMode) async throws(StoreError) -> Int

    /// `GTC A|N`; returns the new list version.
    func setNotifyOnAdd(owner: String, _ notify: Bool) async throws(StoreError) -> Int

    /// The owner's friendly name (`REA` on oneself, `PRP MFN`); returns the new list version.
    func setFriendlyName(owner: String, _ name: String) async throws(StoreError) -> Int

    /// A contact's nickname (`REA` on a contact, `SBP … MFN`); returns the new list version.
    ///
    /// - Throws: `notInList` when the contact is on none of the owner's lists.
    func setNickname(owner: String, contact: String, _ nickname: String?) async throws(StoreError) -> Int

    /// The personal message and current media of `UUX`.
    func setPersonalMessage(owner: String, message: String, media: String) async throws(StoreError)

    /// The display picture's `<msnobj/>` from `CHG` (`nil`: none).
    func setMSNObject(owner: String, _ object: String?) async throws(StoreError)

    /// Who may see `email`'s presence among those who have it on their FL (its RL), by the
    /// rule BL → no, AL → yes, else `BLP`.
    func allowedWatchers(of email: String) async throws(StoreError) -> [String]

    /// Where `viewer` stands toward `owner`, read in one transaction: whether `viewer` has
    /// `owner` on its FL (`owner`'s RL holds `viewer`), and whether `owner` lets `viewer` see
    /// its presence (``allowedWatchers(of:)`` contains `viewer`).
    func watcherStanding(of viewer: String, toward owner: String) async throws(StoreError) -> WatcherStanding

    /// Which of `viewer`'s FL contacts let `viewer` see them.
    func contactsVisible(to viewer: String) async throws(StoreError) -> [String]
}
