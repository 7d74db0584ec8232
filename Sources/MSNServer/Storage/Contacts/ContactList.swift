import MSNCore
import Foundation

/// Everything a `SYN` reports about one account: settings, groups and contacts.
///
/// ```
/// SYN 5 3 2 1 / GTC A / BLP AL / LSG 1 Friends 0 / LST bob@example.com Bob 11 1 / …
/// ```
public struct ContactList: Sendable, Hashable {
    /// Privacy settings, profile fields and list versions.
    public var settings: ContactListSettings
    /// Groups, by number.
    public var groups: [ContactGroup]
    /// Contacts with at least one list bit, by sign-in name.
    public var contacts: [ContactEntry]

    public init(settings: ContactListSettings, groups: [ContactGroup], contacts: [ContactEntry]) {
        self.settings = settings
        self.groups = groups
        self.contacts = contacts
    }

    /// The entry for `email`, if it is on any list.
    public func entry(for email: String) -> ContactEntry? {
        let email = email.lowercased()
        return contacts.first { $0.email == email }
    }
}

/// An account's list-wide settings and profile fields.
public struct ContactListSettings: Sendable, Hashable {
    /// `BLP`.
    public var privacyMode: PrivacyMode
    /// `GTC A` (`true`) or `GTC N`.
    public var notifyOnAdd: Bool
    /// The friendly name (`PRP MFN`, `REA` on oneself).
    public var friendlyName: String
    /// The personal message (`<PSM>` of `UUX`), not XML-escaped.
    public var personalMessage: String
    /// The current media (`<CurrentMedia>` of `UUX`), not XML-escaped.
    public var currentMedia: String
    /// The display picture's `<msnobj …/>`, not URL-encoded, if any.
    public var msnObject: String?
    /// The MSNP2–9 list version, bumped by every change to lists, groups or settings.
    public var version: Int
    /// When the lists last changed (MSNP10–12 `SYN` first timestamp).
    public var listsChangedAt: Date?
    /// When the settings last changed (MSNP10–12 `SYN` second timestamp).
    public var settingsChangedAt: Date?

    public init(privacyMode: PrivacyMode = .allowUnlisted, notifyOnAdd: Bool = true, friendlyName: String,
                personalMessage: String = "", currentMedia: String = "", msnObject: String? = nil,
                version: Int = 0, listsChangedAt: Date? = nil, settingsChangedAt: Date? = nil) {
        self.privacyMode = privacyMode
        self.notifyOnAdd = notifyOnAdd
        self.friendlyName = friendlyName
        self.personalMessage = personalMessage
        self.currentMedia = currentMedia
        self.msnObject = msnObject
        self.version = version
        self.listsChangedAt = listsChangedAt
        self.settingsChangedAt = settingsChangedAt
    }
}

/// The result of a list change: what the owner's reply needs and what the other party sees.
public struct ListChangeResult: Sendable, Hashable {
    /// The owner's list version after the change (`ADD 12 FL 43 …`).
    public var version: Int
    /// The owner's entry for the contact after the change (`nil` when it left every list).
    public var entry: ContactEntry?
    /// The contact's list version after the change when its RL changed, `nil` otherwise
    /// (`ADD 0 RL 17 alice@example.com Alice`).
    public var reverseListVersion: Int?

    public init(version: Int, entry: ContactEntry?, reverseListVersion: Int? = nil) {
        self.version = version
        self.entry = entry
        self.reverseListVersion = reverseListVersion
    }
}
