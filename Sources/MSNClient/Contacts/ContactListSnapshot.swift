import MSNCore

/// The contact list at one moment: what ``MessengerClient/contactList`` returns.
///
/// ```swift
/// let list = await client.contactList
/// for contact in list.contacts where contact.lists.contains(.forward) {
///     print(contact.email, contact.status?.rawValue ?? "FLN")   // bob@example.com AWY
/// }
/// ```
public struct ContactListSnapshot: Sendable, Hashable {
    /// Everyone on any list, sorted by address.
    public var contacts: [Contact]
    /// The groups, in the server's order.
    public var groups: [ContactGroup]
    /// `BLP AL|BL`, once known.
    public var privacyMode: PrivacyMode?

    /// Creates a snapshot.
    public init(contacts: [Contact] = [], groups: [ContactGroup] = [], privacyMode: PrivacyMode? = nil) {
        self.contacts = contacts
        self.groups = groups
        self.privacyMode = privacyMode
    }

    /// The contact with this address (any case), or `nil`.
    public subscript(email: String) -> Contact? {
        let key = email.lowercased()
        return contacts.first { $0.email == key }
    }

    /// The people who added the owner and are waiting for an answer (see ``Contact/isPending``).
    public var pendingRequests: [Contact] { contacts.filter(\.isPending) }

    /// The forward list: the people whose presence the owner follows.
    public var forwardList: [Contact] { contacts.filter { $0.lists.contains(.forward) } }
}
