import MSNCore

/// The contact list of one signed-in account, kept current from the server's lines. Pure: it
/// takes frames (and address-book answers) and returns the ``ContactListChange``s they make;
/// ``MessengerClient`` does the I/O around it.
///
/// ```swift
/// var state = ContactListState(dialect: .msnp8, me: "alice@example.com")
/// state.beginSynchronization()
/// _ = state.apply(Frame(verb: .syn, transactionID: 5, arguments: ["3", "1", "1"]))
/// _ = state.apply(Frame(verb: .lsg, arguments: ["0", "Other%20Contacts", "0"]))
/// let changes = state.apply(Frame(verb: .lst, arguments: ["bob@example.com", "Bob", "11", "0"]))
/// // changes == [.synchronized(…)]: bob is on FL, AL and RL, in group 0
/// ```
public struct ContactListState: Sendable {
    /// The dialect whose line shapes are read.
    public let dialect: Dialect
    /// The owner's address, lower-cased.
    public let me: String

    private var contacts: [String: Contact] = [:]
    private var groups: [ContactGroup] = []
    private var privacyMode: PrivacyMode?
    private var progress: SyncProgress?
    /// Whether the initial list is complete; changes are reported only from then on.
    public private(set) var isSynchronized = false

    /// How far the `SYN` dump has come.
    private struct SyncProgress: Sendable {
        var expectedContacts: Int?
        var expectedGroups: Int?
        var contacts = 0
        var groups = 0
        /// MSNP2–7: the last `LST … RL i n` arrived (or nothing follows `SYN`).
        var legacyComplete = false
    }

    /// The verbs whose lines this type reads.
    public static let verbs: Set<Verb> = [.syn, .blp, .gtc, .lsg, .lst, .bpr, .add, .adc, .rem, .adl, .rml, .adg, .rmg,
                                          .reg, .rea, .sbp, .iln, .nln, .fln, .ubx]

    /// Creates an empty list for `me` in `dialect`.
    public init(dialect: Dialect, me: String) {
        self.dialect = dialect
        self.me = me.lowercased()
    }

    /// The list as it is now.
    public var snapshot: ContactListSnapshot {
        ContactListSnapshot(contacts: contacts.values.sorted { $0.email < $1.email }, groups: groups,
                            privacyMode: privacyMode)
    }

    /// The contact with this address, or `nil`.
    public func contact(_ email: String) -> Contact? { contacts[email.lowercased()] }

    /// The address of the contact with this GUID (MSNP10+), or `nil`.
    public func email(forGUID guid: String) -> String? {
        let guid = guid.lowercased()
        return contacts.values.first { $0.guid == guid }?.email
    }

    /// The group with this id, or `nil`.
    public func group(_ id: String) -> ContactGroup? { groups.first { $0.id == id.lowercased() } }

    /// Starts a `SYN` dump: the list is emptied and changes are held back until it completes.
    public mutating func beginSynchronization() {
        contacts = [:]
        groups = []
        progress = SyncProgress()
        isSynchronized = false
    }

    /// Fills the list from `ABFindAll` and `FindMembership` (MSNP13+) and completes the
    /// synchronisation.
    mutating func load(_ book: AddressBookResponse.AddressBook, memberships: [String: ContactLists]) -> [ContactListChange] {
        contacts = [:]
        groups = book.groups
        privacyMode = book.privacyMode ?? privacyMode
        for contact in book.contacts { contacts[contact.email] = contact }
        for (email, lists) in memberships where email != me {
            contacts[email, default: Contact(email: email)].lists.formUnion(lists)
        }
        progress = nil
        isSynchronized = true
        return [.synchronized(snapshot)]
    }

    // MARK: - Frames

    /// Applies one line from the server (a push, a `SYN` dump line, or the reply to the
    /// client's own list command) and returns what changed. Lines of other verbs, or too
    /// short to read, change nothing.
    public mutating func apply(_ frame: Frame) -> [ContactListChange] {
        let a = frame.arguments.map(String.init)
        var changes: [ContactListChange]
        switch frame.verb {
        case .syn: changes = []; synchronizationReply(a)
        case .blp:
            if let mode = a.last.flatMap(PrivacyMode.init(rawValue:)) { privacyMode = mode }
            changes = []
        case .lsg: changes = []; listGroup(a)
        case .lst: changes = []; listEntry(a)
        case .add, .adc: changes = added(a, verb: frame.verb)
        case .rem: changes = removed(a)
        case .adl, .rml: changes = membershipNotice(frame)
        case .adg: changes = groupAdded(a)
        case .rmg: changes = groupRemoved(a)
        case .reg: changes = groupRenamed(a)
        case .rea, .sbp: changes = nicknameSet(a, verb: frame.verb)
        case .iln, .nln: changes = online(a)
        case .fln: changes = offline(a)
        case .ubx: changes = personalMessage(a, payload: frame.payloadText ?? "")
        default: changes = []
        }
        return finishIfComplete(changes)
    }

    /// While synchronising, changes are swallowed; the last dump line yields `.synchronized`.
    private mutating func finishIfComplete(_ changes: [ContactListChange]) -> [ContactListChange] {
        guard let progress else { return isSynchronized ? changes : [] }
        let complete: Bool
        switch dialect.contactListMechanism {
        case .versionedSYN:
            complete = progress.legacyComplete
        default:
            guard let contacts = progress.expectedContacts, let groups = progress.expectedGroups else { return [] }
            complete = progress.contacts >= contacts && progress.groups >= groups
        }
        guard complete else { return [] }
        self.progress = nil
        isSynchronized = true
        return [.synchronized(snapshot)]
    }

    // MARK: - SYN dump

    private mutating func synchronizationReply(_ a: [String]) {
        guard progress != nil else { return }
        switch dialect.contactListMechanism {
        case .versionedSYN:
            if a.first == "0" { progress?.legacyComplete = true }   // same version: nothing follows
        case .compactSYN:
            if a.count >= 3 {
                progress?.expectedContacts = Int(a[1]) ?? 0
                progress?.expectedGroups = Int(a[2]) ?? 0
            } else {
                progress?.expectedContacts = 0
                progress?.expectedGroups = 0
            }
        case .timestampedSYN, .addressBookSOAP:
            if a.count >= 4 {
                progress?.expectedContacts = Int(a[2]) ?? 0
                progress?.expectedGroups = Int(a[3]) ?? 0
            } else {
                progress?.expectedContacts = 0
                progress?.expectedGroups = 0
            }
        }
    }

    /// `LSG 6 3 1 2 0 Other%20Contacts 0` / `LSG 0 Other%20Contacts 0` / `LSG Friends <guid>`.
    private mutating func listGroup(_ a: [String]) {
        let group: ContactGroup?
        switch dialect.contactListMechanism {
        case .versionedSYN: group = a.count >= 5 ? ContactGroup(id: a[3], name: URLEncoding.decodeLeniently(a[4])) : nil
        case .compactSYN: group = a.count >= 2 ? ContactGroup(id: a[0], name: URLEncoding.decodeLeniently(a[1])) : nil
        default: group = a.count >= 2 ? ContactGroup(id: a[1].lowercased(), name: URLEncoding.decodeLeniently(a[0])) : nil
        }
        progress?.groups += 1
        guard let group else { return }
        groups.removeAll { $0.id == group.id }
        groups.append(group)
    }

    /// `LST 6 FL 3 1 2 bob@… Bob 0` / `LST bob@… Bob 11 0` / `LST N=bob@… F=Bob C=<guid> 11 [1] <groups>`.
    private mutating func listEntry(_ a: [String]) {
        switch dialect.contactListMechanism {
        case .versionedSYN:
            guard a.count >= 4, let kind = ListKind(rawValue: a[0]) else { return }
            if kind == .reverse, let index = Int(a[2]), let count = Int(a[3]), index >= count {
                progress?.legacyComplete = true
            }
            guard a.count >= 6 else { return }
            var contact = contacts[a[4].lowercased()] ?? Contact(email: a[4])
            contact.lists.insert(kind.lists)
            contact.displayName = URLEncoding.decodeLeniently(a[5])
            if kind == .forward, a.count >= 7 { contact.groupIDs = Self.groupList(a[6]) }
            contacts[contact.email] = contact
        case .compactSYN:
            progress?.contacts += 1
            guard a.count >= 3, let bits = Int(a[2]) else { return }
            var contact = Contact(email: a[0], displayName: URLEncoding.decodeLeniently(a[1]),
                                  lists: ContactLists(rawValue: bits))
            if a.count >= 4 { contact.groupIDs = Self.groupList(a[3]) }
            contacts[contact.email] = contact
        default:
            progress?.contacts += 1
            var email: String?, name: String?, guid: String?
            var rest: [String] = []
            for argument in a {
                if argument.hasPrefix("N=") { email = String(argument.dropFirst(2)) }
                else if argument.hasPrefix("F=") { name = URLEncoding.decodeLeniently(argument.dropFirst(2)) }
                else if argument.hasPrefix("C=") { guid = String(argument.dropFirst(2)).lowercased() }
                else if !argument.isEmpty { rest.append(argument) }
            }
            guard let email, let bits = rest.first.flatMap({ Int($0) }) else { return }
            var contact = Contact(email: email, displayName: name, lists: ContactLists(rawValue: bits), guid: guid)
            let groupIndex = dialect.lstCarriesNetworkID ? 2 : 1
            if rest.count > groupIndex { contact.groupIDs = Self.groupList(rest[groupIndex]) }
            contacts[contact.email] = contact
        }
    }

    private static func groupList(_ text: String) -> Set<String> {
        Set(text.split(separator: ",").map { $0.lowercased() })
    }

    // MARK: - List changes

    /// Puts `email` on `lists` (and names, GUID, group), reporting `.added`/`.updated` and a
    /// `.pendingRequest` when the contact now waits for an answer.
    mutating func insert(_ email: String, lists: ContactLists, name: String? = nil, guid: String? = nil,
                         group: String? = nil) -> [ContactListChange] {
        let key = email.lowercased()
        guard key != me else { return [] }
        let existing = contacts[key]
        var contact = existing ?? Contact(email: key)
        let wasPending = existing?.isPending ?? false
        contact.lists.formUnion(lists)
        if let name, !name.isEmpty { contact.displayName = name }
        if let guid, !guid.isEmpty { contact.guid = guid.lowercased() }
        if let group { contact.groupIDs.insert(group.lowercased()) }
        if contact.lists.contains(.allow) || contact.lists.contains(.block) { contact.lists.remove(.pending) }
        guard contact != existing else { return [] }
        contacts[key] = contact
        var changes: [ContactListChange] = [existing == nil ? .added(contact) : .updated(contact)]
        if contact.isPending, !wasPending { changes.append(.pendingRequest(contact)) }
        return changes
    }

    /// Takes `email` off `lists` (or out of `group`); a contact on no list any more is removed.
    mutating func remove(_ email: String, lists: ContactLists, group: String? = nil) -> [ContactListChange] {
        let key = email.lowercased()
        guard var contact = contacts[key] else { return [] }
        if let group {
            guard contact.groupIDs.remove(group.lowercased()) != nil else { return [] }
            contacts[key] = contact
            return [.updated(contact)]
        }
        guard !contact.lists.isDisjoint(with: lists) else { return [] }
        contact.lists.subtract(lists)
        if contact.lists.isEmpty {
            contacts[key] = nil
            return [.removed(email: key)]
        }
        if !contact.lists.contains(.forward) { contact.groupIDs = [] }
        contacts[key] = contact
        return [.updated(contact)]
    }

    /// `ADD 0 RL 5 alice@… Alice`, `ADD 9 FL 6 bob@… Bob 2`, `ADC 0 RL N=alice@… F=Alice`,
    /// `ADC 9 FL N=bob@… F=Bob C=<guid>`, `ADC 9 FL C=<guid> <group-guid>`.
    private mutating func added(_ a: [String], verb: Verb) -> [ContactListChange] {
        guard a.count >= 2, let kind = ListKind(rawValue: a[0]) else { return [] }
        if verb == .add {
            guard a.count >= 3 else { return [] }
            let name = a.count >= 4 ? URLEncoding.decodeLeniently(a[3]) : nil
            let group = kind == .forward && a.count >= 5 ? a[4] : nil
            return insert(a[2], lists: kind.lists, name: name, group: group)
        }
        var email: String?, name: String?, guid: String?, group: String?
        for argument in a.dropFirst() {
            if argument.hasPrefix("N=") { email = String(argument.dropFirst(2)) }
            else if argument.hasPrefix("F=") { name = URLEncoding.decodeLeniently(argument.dropFirst(2)) }
            else if argument.hasPrefix("C=") { guid = String(argument.dropFirst(2)) }
            else if !argument.isEmpty { group = argument }
        }
        if email == nil, let guid { email = self.email(forGUID: guid) }
        guard let email else { return [] }
        return insert(email, lists: kind.lists, name: name, guid: guid, group: group)
    }

    /// `REM 0 RL 7 alice@…`, `REM 9 FL 8 bob@… [group]`, `REM 9 FL <guid> [group-guid]`, `REM 9 AL bob@…`.
    private mutating func removed(_ a: [String]) -> [ContactListChange] {
        guard a.count >= 2, let kind = ListKind(rawValue: a[0]) else { return [] }
        let legacy = !dialect.usesADC
        let handleIndex = legacy && a.count >= 3 && !a[1].contains("@") ? 2 : 1
        var handle = a[handleIndex]
        if handle.hasPrefix("N=") { handle.removeFirst(2) }
        let group = kind == .forward && a.count > handleIndex + 1 ? a[handleIndex + 1] : nil
        let email = handle.contains("@") ? handle : self.email(forGUID: handle)
        guard let email else { return [] }
        return remove(email, lists: kind.lists, group: group)
    }

    /// `ADL 0 <len>` / `RML 0 <len>` notices (MSNP13+): `<ml><d n="example.com"><c n="alice" l="8" f="Alice"/>…`.
    private mutating func membershipNotice(_ frame: Frame) -> [ContactListChange] {
        guard let payload = frame.payloadText, !payload.isEmpty else { return [] }
        var changes: [ContactListChange] = []
        for entry in MembershipXML.entries(payload) where !entry.lists.isEmpty {
            if frame.verb == .adl {
                changes += insert(entry.email, lists: entry.lists, name: entry.friendlyName)
            } else {
                changes += remove(entry.email, lists: entry.lists)
            }
        }
        return changes
    }

    // MARK: - Groups

    /// Whether `text` looks like a GUID (`124153dc-a695-4f6c-93e8-8e07c9775251`).
    static func isGUID(_ text: String) -> Bool {
        text.utf8.count == 36 && text.filter { $0 == "-" }.count == 4
    }

    /// `ADG 9 7 Friends 1 0` (MSNP≤9) / `ADG 9 Friends <guid> 0` or `ADG 9 1 Friends <guid>` (MSNP10+).
    private mutating func groupAdded(_ a: [String]) -> [ContactListChange] {
        let group: ContactGroup
        if dialect.usesADC {
            guard let index = a.firstIndex(where: Self.isGUID), index >= 1 else { return [] }
            group = ContactGroup(id: a[index].lowercased(), name: URLEncoding.decodeLeniently(a[index - 1]))
        } else {
            guard a.count >= 3 else { return [] }
            group = ContactGroup(id: a[2], name: URLEncoding.decodeLeniently(a[1]))
        }
        groups.removeAll { $0.id == group.id }
        groups.append(group)
        return [.groupAdded(group)]
    }

    /// `RMG 9 8 1` (MSNP≤9) / `RMG 9 1 <guid>` (MSNP10+).
    private mutating func groupRemoved(_ a: [String]) -> [ContactListChange] {
        let id: String
        if dialect.usesADC {
            guard let guid = a.last(where: Self.isGUID) else { return [] }
            id = guid.lowercased()
        } else {
            guard a.count >= 2 else { return [] }
            id = a[1]
        }
        return removeGroup(id)
    }

    /// Forgets group `id` and takes every contact out of it.
    mutating func removeGroup(_ id: String) -> [ContactListChange] {
        guard groups.contains(where: { $0.id == id }) else { return [] }
        groups.removeAll { $0.id == id }
        for (email, contact) in contacts where contact.groupIDs.contains(id) {
            contacts[email]?.groupIDs.remove(id)
        }
        return [.groupRemoved(id: id)]
    }

    /// Adds or renames a group (the address book's answers carry no line to apply).
    mutating func setGroup(_ group: ContactGroup) -> [ContactListChange] {
        if let index = groups.firstIndex(where: { $0.id == group.id }) {
            guard groups[index] != group else { return [] }
            groups[index] = group
            return [.groupRenamed(group)]
        }
        groups.append(group)
        return [.groupAdded(group)]
    }

    /// `REG 9 10 1 Family 0` (MSNP≤9) / `REG 9 1 Family <guid> 0` (MSNP10+).
    private mutating func groupRenamed(_ a: [String]) -> [ContactListChange] {
        if dialect.usesADC {
            guard let index = a.firstIndex(where: Self.isGUID), index >= 1 else { return [] }
            return setGroup(ContactGroup(id: a[index].lowercased(), name: URLEncoding.decodeLeniently(a[index - 1])))
        }
        guard a.count >= 3 else { return [] }
        return setGroup(ContactGroup(id: a[1], name: URLEncoding.decodeLeniently(a[2])))
    }

    /// `REA 9 12 bob@… Bobby` (MSNP≤9; the owner's own name when the address is theirs) /
    /// `SBP 9 <guid> MFN Bobby` (MSNP10+).
    private mutating func nicknameSet(_ a: [String], verb: Verb) -> [ContactListChange] {
        let email: String?, name: String
        if verb == .rea {
            guard a.count >= 3 else { return [] }
            email = a[1].lowercased()
            name = URLEncoding.decodeLeniently(a[2])
        } else {
            guard a.count >= 3 else { return [] }
            email = self.email(forGUID: a[0])
            name = URLEncoding.decodeLeniently(a[2])
        }
        guard let email, email != me, var contact = contacts[email] else { return [] }
        contact.nickname = name
        contacts[email] = contact
        return [.updated(contact)]
    }

    // MARK: - Presence

    /// The address of a presence handle: `bob@…`, or `1:bob@…` (MSNP18).
    static func address(ofHandle handle: String) -> String {
        if let colon = handle.firstIndex(of: ":"), !handle[..<colon].contains("@") {
            return String(handle[handle.index(after: colon)...]).lowercased()
        }
        return handle.lowercased()
    }

    /// `ILN 7 NLN bob@… Bob 0` / `NLN AWY bob@… 1 Bob 0 …` / `NLN NLN 1:bob@… Bob 0:0 …`.
    private mutating func online(_ a: [String]) -> [ContactListChange] {
        guard a.count >= 2, let status = PresenceStatus(rawValue: a[0]) else { return [] }
        let email = Self.address(ofHandle: a[1])
        guard email != me else { return [] }
        let nameIndex = dialect.handleForm == .networkIDAfter ? 3 : 2
        let name = a.count > nameIndex ? URLEncoding.decodeLeniently(a[nameIndex]) : nil
        var contact = contacts[email] ?? Contact(email: email, lists: .forward)
        var changes: [ContactListChange] = []
        if contact.status != status { changes.append(.presence(email: email, status: status)) }
        contact.status = status
        if let name, !name.isEmpty, name != contact.displayName {
            contact.displayName = name
            changes.append(.displayName(email: email, name: name))
        }
        contacts[email] = contact
        return changes
    }

    /// `FLN bob@…` / `FLN bob@… 1 0` / `FLN 1:bob@… 0:0`.
    private mutating func offline(_ a: [String]) -> [ContactListChange] {
        guard let handle = a.first else { return [] }
        let email = Self.address(ofHandle: handle)
        guard var contact = contacts[email], contact.status != nil else { return [] }
        contact.status = nil
        contacts[email] = contact
        return [.presence(email: email, status: nil)]
    }

    /// `UBX bob@… 70` / `UBX 1:bob@… 70` + `<Data><PSM>…</PSM><CurrentMedia>…</CurrentMedia></Data>`.
    private mutating func personalMessage(_ a: [String], payload: String) -> [ContactListChange] {
        guard let handle = a.first else { return [] }
        let email = Self.address(ofHandle: handle)
        guard email != me, var contact = contacts[email] else { return [] }
        let (text, media) = PersonalMessageXML.parse(payload)
        guard contact.personalMessage != text || contact.currentMedia != media else { return [] }
        contact.personalMessage = text
        contact.currentMedia = media
        contacts[email] = contact
        return [.personalMessage(email: email, text: text, media: media)]
    }
}
