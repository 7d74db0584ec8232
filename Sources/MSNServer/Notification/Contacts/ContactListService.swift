import Logging
import MSNCore

/// Executes ``ContactListCommand``s against the store: the reply for the client in its
/// dialect, reverse-list notices for the other party in theirs, and presence refreshes.
///
/// Every change is committed (and synced) by the store before its reply is queued.
///
/// ```
/// [alice, MSNP5]  C: ADD 9 FL bob@example.com bob@example.com
/// [alice]         S: ADD 9 FL 1 bob@example.com Bob
/// [bob, MSNP11]   S: ADC 0 RL N=alice@example.com F=Alice
/// ```
public struct ContactListService: Sendable {
    let store: any MessengerStore
    let registry: SessionRegistry
    let presence: PresenceService

    public init(store: any MessengerStore, registry: SessionRegistry, presence: PresenceService) {
        self.store = store
        self.registry = registry
        self.presence = presence
    }

    /// Runs `command` for `handle`; returns the frames for that client (a reply or `code TrID`).
    func perform(_ command: ContactListCommand, transactionID trID: TransactionID,
                 handle: NotificationSessionHandle) async -> [Frame] {
        let dialect = handle.session.dialect
        do throws(StoreError) {
            return try await run(command, trID: trID, handle: handle)
        } catch {
            return [.error(Self.errorCode(error.code, dialect: dialect), trID)]
        }
    }

    /// The protocol error for a store refusal.
    static func errorCode(_ code: StoreError.Code, dialect: Dialect) -> ErrorCode {
        switch code {
        case .accountNotFound: dialect.unknownPrincipalError
        case .alreadyInList: .alreadyInList
        case .notInList: .notInList
        case .inOppositeList: .inOppositeList
        case .listFull: .listFull
        case .groupNotFound: .invalidGroup
        case .groupNameExists: .groupNameExists
        case .tooManyGroups: .tooManyGroups
        case .invalidEmail, .invalidDisplayName: .invalidParameter
        default: .internalServerError
        }
    }

    private func run(_ command: ContactListCommand, trID: TransactionID,
                     handle: NotificationSessionHandle) async throws(StoreError) -> [Frame] {
        let me = handle.accountKey
        let dialect = handle.session.dialect
        let legacy = !dialect.usesADC
        switch command {
        case .sync(let clientVersion):
            let list = try await store.contactList(owner: me)
            return ContactListDump.frames(list, transactionID: trID, clientVersion: clientVersion, dialect: dialect)

        case .syncSince(let lists, let settings):
            let list = try await store.contactList(owner: me)
            if let current = ContactListDump.unchanged(list, lists: lists, settings: settings) {
                return [Frame(verb: .syn, transactionID: trID, arguments: current)]
            }
            return ContactListDump.frames(list, transactionID: trID, clientVersion: 0, dialect: dialect)

        case .add(let kind, let contact, group: let group?):
            let email = try await resolve(contact, owner: me)
            let number = try await resolve(group, owner: me)
            let change = try await store.addContact(owner: me, contact: email, toGroup: number)
            if legacy {
                let name = URLEncoding.encode(change.entry?.displayedName ?? email)
                return [Frame(verb: .add, transactionID: trID, arguments: [kind.rawValue, String(change.version), email, name, String(number)])]
            }
            return [Frame(verb: .adc, transactionID: trID, arguments: [kind.rawValue, "C=\(change.entry?.guid ?? "")", try await groupGUID(number, owner: me)])]

        case .add(let kind, let contact, group: nil):
            let email = try await resolve(contact, owner: me)
            let change = try await store.addContact(owner: me, contact: email, to: kind)
            let name = URLEncoding.encode(change.entry?.displayedName ?? email)
            let reply: Frame
            if legacy {
                reply = Frame(verb: .add, transactionID: trID, arguments: [kind.rawValue, String(change.version), email, name])
            } else if kind == .forward {
                reply = Frame(verb: .adc, transactionID: trID, arguments: [kind.rawValue, "N=\(email)", "F=\(name)", "C=\(change.entry?.guid ?? "")"])
            } else {
                reply = Frame(verb: .adc, transactionID: trID, arguments: [kind.rawValue, "N=\(email)"])
            }
            handle.outbox.send(reply)
            try await added(email, to: kind, change: change, owner: me, friendlyName: Self.friendlyName(of: handle))
            return []

        case .remove(let kind, let contact, group: let group?):
            let email = try await resolve(contact, owner: me)
            let number = try await resolve(group, owner: me)
            let change = try await store.removeContact(owner: me, contact: email, fromGroup: number)
            if legacy {
                return [Frame(verb: .rem, transactionID: trID, arguments: [kind.rawValue, String(change.version), email, String(number)])]
            }
            return [Frame(verb: .rem, transactionID: trID, arguments: [kind.rawValue, change.entry?.guid ?? "", try await groupGUID(number, owner: me)])]

        case .remove(let kind, let contact, group: nil):
            let email = try await resolve(contact, owner: me)
            let guid = try await store.contactList(owner: me).entry(for: email)?.guid ?? ""
            let change = try await store.removeContact(owner: me, contact: email, from: kind)
            let reply = legacy
                ? Frame(verb: .rem, transactionID: trID, arguments: [kind.rawValue, String(change.version), email])
                : Frame(verb: .rem, transactionID: trID, arguments: [kind.rawValue, kind == .forward ? guid : email])
            handle.outbox.send(reply)
            try await removed(email, from: kind, change: change, owner: me)
            return []

        case .addGroup(let name):
            let (group, version) = try await store.addGroup(owner: me, name: name)
            let encoded = URLEncoding.encode(name)
            return [legacy
                ? Frame(verb: .adg, transactionID: trID, arguments: [String(version), encoded, String(group.number), "0"])
                : Frame(verb: .adg, transactionID: trID, arguments: [encoded, group.guid, "0"])]

        case .removeGroup(let group):
            let number = try await resolve(group, owner: me)
            let guid = try await groupGUID(number, owner: me)
            let version = try await store.removeGroup(owner: me, number: number)
            return [Frame(verb: .rmg, transactionID: trID, arguments: legacy ? [String(version), String(number)] : ["1", guid])]

        case .renameGroup(let group, let name):
            let number = try await resolve(group, owner: me)
            let version = try await store.renameGroup(owner: me, number: number, name: name)
            let encoded = URLEncoding.encode(name)
            return [legacy
                ? Frame(verb: .reg, transactionID: trID, arguments: [String(version), String(number), encoded, "0"])
                : Frame(verb: .reg, transactionID: trID, arguments: ["1", encoded, try await groupGUID(number, owner: me), "0"])]

        case .setPrivacyMode(let mode):
            if try await store.contactList(owner: me).settings.privacyMode == mode {
                return [.error(.alreadyInMode, trID)]
            }
            let version = try await store.setPrivacyMode(owner: me, mode)
            handle.outbox.send(Frame(verb: .blp, transactionID: trID, arguments: legacy ? [String(version), mode.rawValue] : [mode.rawValue]))
            for contact in try await store.contactList(owner: me).contacts where contact.lists.contains(.reverse) {
                try await presence.refresh(owner: me, toward: contact.email)
            }
            return []

        case .setNotifyOnAdd(let notify):
            if try await store.contactList(owner: me).settings.notifyOnAdd == notify {
                return [.error(.alreadyInMode, trID)]
            }
            let version = try await store.setNotifyOnAdd(owner: me, notify)
            let value = notify ? "A" : "N"
            return [Frame(verb: .gtc, transactionID: trID, arguments: legacy ? [String(version), value] : [value])]

        case .setFriendlyName(let name):
            let version = try await store.setFriendlyName(owner: me, name)
            let reply = legacy
                ? Frame(verb: .rea, transactionID: trID, arguments: [String(version), me, URLEncoding.encode(name)])
                : Frame(verb: .prp, transactionID: trID, arguments: ["MFN", URLEncoding.encode(name)])
            handle.outbox.send(reply)
            try await presence.friendlyNameChanged(name, handle: handle)
            return []

        case .setNickname(let contact, let name):
            let email = try await resolve(contact, owner: me)
            let version = try await store.setNickname(owner: me, contact: email, name)
            if legacy {
                return [Frame(verb: .rea, transactionID: trID, arguments: [String(version), email, URLEncoding.encode(name)])]
            }
            guard case .guid(let guid) = contact else { return [] }
            return [Frame(verb: .sbp, transactionID: trID, arguments: [guid, "MFN", URLEncoding.encode(name)])]

        case .setPhone(let type, let value):
            guard legacy else { return [Frame(verb: .prp, transactionID: trID, arguments: [type, value])] }
            let version = try await store.contactList(owner: me).settings.version
            return [Frame(verb: .prp, transactionID: trID, arguments: [String(version), type, value])]
        }
    }

    // MARK: - After a change

    /// What follows `owner` putting `email` on `kind` (the change is committed): FL tells
    /// `email` of its new RL entry and shows `owner` the contact's presence; AL/BL refresh what
    /// `email` sees of `owner`. Every dialect's entry point (ADD, ADC, ADL, ABContactAdd,
    /// AddMember) ends here.
    func added(_ email: String, to kind: ListKind, change: ListChangeResult, owner me: String,
               friendlyName: String) async throws(StoreError) {
        if kind == .forward {
            await notifyReverseAdd(of: email, by: me, friendlyName: friendlyName, version: change.reverseListVersion ?? 0)
            try await presence.refresh(owner: email, toward: me)
        } else {
            try await presence.refresh(owner: me, toward: email)
        }
    }

    /// What follows `owner` taking `email` off `kind` (REM, RML, ABContactDelete, DeleteMember).
    func removed(_ email: String, from kind: ListKind, change: ListChangeResult, owner me: String) async throws(StoreError) {
        if kind == .forward {
            await notifyReverseRemove(of: email, by: me, version: change.reverseListVersion ?? 0)
        } else {
            try await presence.refresh(owner: me, toward: email)
        }
    }

    /// The name others see for the session's owner right now.
    static func friendlyName(of handle: NotificationSessionHandle) -> String {
        handle.presence?.friendlyName ?? handle.session.account.friendlyName
    }

    // MARK: - Reverse-list notices

    /// `ADD 0 RL 7 alice@… Alice` / `ADC 0 RL N=alice@… F=Alice` / `ADL 0 <len>` + `<ml>`.
    private func notifyReverseAdd(of contact: String, by me: String, friendlyName: String, version: Int) async {
        let name = URLEncoding.encode(friendlyName)
        for session in await registry.sessions(of: contact) {
            let dialect = session.session.dialect
            switch dialect.contactListMechanism {
            case .versionedSYN, .compactSYN:
                session.outbox.send(Frame(verb: .add, transactionID: .asynchronous, arguments: ["RL", String(version), me, name]))
            case .timestampedSYN:
                session.outbox.send(Frame(verb: .adc, transactionID: .asynchronous, arguments: ["RL", "N=\(me)", "F=\(name)"]))
            case .addressBookSOAP:
                session.outbox.send(Frame(verb: .adl, transactionID: .asynchronous, arguments: [],
                                          payloadText: Self.membershipXML(me, lists: .reverse, friendlyName: name)))
            }
        }
    }

    /// `REM 0 RL 8 alice@…` / `REM 0 RL alice@…` / `RML 0 <len>` + `<ml>`.
    private func notifyReverseRemove(of contact: String, by me: String, version: Int) async {
        for session in await registry.sessions(of: contact) {
            let dialect = session.session.dialect
            switch dialect.contactListMechanism {
            case .versionedSYN, .compactSYN:
                session.outbox.send(Frame(verb: .rem, transactionID: .asynchronous, arguments: ["RL", String(version), me]))
            case .timestampedSYN:
                session.outbox.send(Frame(verb: .rem, transactionID: .asynchronous, arguments: ["RL", me]))
            case .addressBookSOAP:
                session.outbox.send(Frame(verb: .rml, transactionID: .asynchronous, arguments: [],
                                          payloadText: Self.membershipXML(me, lists: .reverse, friendlyName: nil)))
            }
        }
    }

    /// `<ml><d n="example.com"><c n="alice" t="1" l="8" f="Alice"/></d></ml>`.
    static func membershipXML(_ email: String, lists: ContactLists, friendlyName: String?) -> String {
        MembershipList.xml([email], lists: lists, friendlyName: friendlyName)
    }

    // MARK: - Names

    func resolve(_ contact: ContactListCommand.Contact, owner: String) async throws(StoreError) -> String {
        switch contact {
        case .email(let email): return email
        case .guid(let guid):
            let guid = guid.lowercased()
            guard let entry = try await store.contactList(owner: owner).contacts.first(where: { $0.guid == guid }) else {
                throw StoreError(code: .accountNotFound, message: "no contact \(guid)")
            }
            return entry.email
        }
    }

    private func resolve(_ group: ContactListCommand.Group, owner: String) async throws(StoreError) -> Int {
        switch group {
        case .number(let number): return number
        case .guid(let guid):
            let guid = guid.lowercased()
            guard let group = try await store.contactList(owner: owner).groups.first(where: { $0.guid == guid }) else {
                throw StoreError(code: .groupNotFound, message: "no group \(guid)")
            }
            return group.number
        }
    }

    private func groupGUID(_ number: Int, owner: String) async throws(StoreError) -> String {
        guard let group = try await store.contactList(owner: owner).groups.first(where: { $0.number == number }) else {
            throw StoreError(code: .groupNotFound, message: "no group \(number)")
        }
        return group.guid
    }
}
