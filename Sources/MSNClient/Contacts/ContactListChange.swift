import MSNCore

/// One change of the contact list, as ``MessengerClient/contactChanges`` yields it.
///
/// ```
/// SYN … / LST …                       → .synchronized(snapshot)
/// ADD 0 RL 5 alice@example.com Alice  → .added(alice) and .pendingRequest(alice)
/// NLN BSY bob@example.com Bob 0       → .presence(email: "bob@example.com", status: .busy)
/// FLN bob@example.com                 → .presence(email: "bob@example.com", status: nil)
/// UBX bob@example.com 70              → .personalMessage(email: …, text: "hi", media: nil)
/// ```
public enum ContactListChange: Sendable, Hashable {
    /// The list was filled at sign-in (`SYN`, or the address book and `ADL`).
    case synchronized(ContactListSnapshot)
    /// A contact appeared on some list.
    case added(Contact)
    /// A contact left every list.
    case removed(email: String)
    /// A contact's lists, groups or names changed.
    case updated(Contact)
    /// A contact's presence changed; `nil` = went offline (or hidden, or blocked us).
    case presence(email: String, status: PresenceStatus?)
    /// A contact's personal message or current media changed (MSNP11+).
    case personalMessage(email: String, text: String?, media: String?)
    /// A contact's friendly name changed.
    case displayName(email: String, name: String)
    /// Someone added the owner to their forward list and waits for an answer.
    case pendingRequest(Contact)
    /// A group was created.
    case groupAdded(ContactGroup)
    /// A group was renamed.
    case groupRenamed(ContactGroup)
    /// A group was deleted.
    case groupRemoved(id: String)
}
