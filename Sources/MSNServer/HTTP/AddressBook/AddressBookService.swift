import MSNCore
import Foundation

/// The address-book and sharing methods, on the same store rows as every NS dialect: a
/// contact added with `ABContactAdd` is on FL for MSNP8's `SYN`, and one added with `ADD` is
/// in `ABFindAll`. Changes fan out like NS commands (``ContactListService``).
///
/// ```
/// ABContactAdd bob@example.com   → FL += bob; bob's sessions: ADD 0 RL … / ADL 0 <len>
/// → <ABContactAddResponse …><ABContactAddResult><guid>8d4c…</guid></ABContactAddResult>
/// ```
struct AddressBookService: Sendable {
    let store: any MessengerStore
    let contacts: ContactListService

    /// A refusal, sent as a SOAP fault.
    struct Fault: Error, Sendable {
        var code: AddressBookEnvelope.FaultCode
        var message: String
        init(_ code: AddressBookEnvelope.FaultCode, _ message: String) {
            self.code = code
            self.message = message
        }
    }

    /// Runs the method element `method` (the first child of `soap:Body`) for `owner`.
    func perform(_ method: SOAPElement, sharing: Bool, owner: String, host: String) async -> Result<String, Fault> {
        do throws(Fault) {
            let body = try await run(method, sharing: sharing, owner: owner)
            return .success(AddressBookEnvelope.response(host: host) { xml in xml.raw(body) })
        } catch {
            return .failure(error)
        }
    }

    private func run(_ method: SOAPElement, sharing: Bool, owner me: String) async throws(Fault) -> String {
        switch (sharing, method.name) {
        case (false, "ABFindAll"): return try await findAll(owner: me)
        case (false, "ABFindContactsPaged"): return try await findAll(owner: me, paged: true)
        case (false, "ABContactAdd"): return try await contactAdd(method, owner: me)
        case (false, "ABContactDelete"): return try await contactDelete(method, owner: me)
        case (false, "ABContactUpdate"): return try await contactUpdate(method, owner: me)
        case (false, "ABGroupAdd"): return try await groupAdd(method, owner: me)
        case (false, "ABGroupDelete"): return try await groupDelete(method, owner: me)
        case (false, "ABGroupUpdate"): return try await groupUpdate(method, owner: me)
        case (false, "ABGroupContactAdd"): return try await groupContact(method, add: true, owner: me)
        case (false, "ABGroupContactDelete"): return try await groupContact(method, add: false, owner: me)
        case (true, "FindMembership"): return try await findMembership(owner: me)
        case (true, "AddMember"): return try await changeMembers(method, add: true, owner: me)
        case (true, "DeleteMember"): return try await changeMembers(method, add: false, owner: me)
        default: throw Fault(.unknownMethod, "\(method.name) is not supported here")
        }
    }

    /// `<Name xmlns="…AddressBook"/>`: the empty response of most changes.
    static func empty(_ name: String) -> String {
        "<\(name) xmlns=\"\(AddressBookEnvelope.addressBookNamespace)\"/>"
    }

    /// `<NameResponse><NameResult><guid>…</guid></NameResult></NameResponse>`.
    static func guidResult(_ method: String, _ guid: String) -> String {
        var xml = XMLWriter(declaration: false)
        xml.open("\(method)Response", ["xmlns": AddressBookEnvelope.addressBookNamespace])
        xml.open("\(method)Result")
        xml.element("guid", guid)
        return xml.finish()
    }

    // MARK: - Contacts

    /// `ABFindAll`, or (`paged`) MSNP18's `ABFindContactsPaged`: the whole book in one page.
    private func findAll(owner me: String, paged: Bool = false) async throws(Fault) -> String {
        let list = try await call { () async throws(StoreError) in try await store.contactList(owner: me) }
        guard let account = try await call({ () async throws(StoreError) in try await store.account(email: me) }) else {
            throw Fault(.invalidPassport, "no account \(me)")
        }
        var cids: [String: String] = [:]
        for entry in list.contacts where entry.lists.contains(.forward) {
            // The list read brings the CIDs along; a store that does not is asked per contact.
            if let cid = entry.cid {
                cids[entry.email] = String(Int64(bitPattern: cid))
                continue
            }
            cids[entry.email] = try await call { () async throws(StoreError) in try await store.account(email: entry.email)?.cidDecimal }
        }
        return AddressBookWriter.findAll(list, owner: account, contactCIDs: cids, paged: paged)
    }

    private func contactAdd(_ method: SOAPElement, owner me: String) async throws(Fault) -> String {
        guard let info = method.first("contacts", "Contact", "contactInfo"), let name = info.value("passportName") else {
            throw Fault(.badRequest, "no contacts/Contact/contactInfo/passportName")
        }
        guard let email = try? AccountValidation.normalisedEmail(name), email != me else {
            throw Fault(.badEmail, "not an address: \(name)")
        }
        if try await call({ () async throws(StoreError) in try await store.account(email: email) }) == nil {
            throw Fault(.invalidPassport, "no account \(email)")
        }
        let existing = try await call { () async throws(StoreError) in try await store.contactList(owner: me).entry(for: email) }
        if let existing, existing.lists.contains(.forward) {
            throw Fault(.contactExists, "\(email) is already a contact (\(existing.guid))")
        }
        let change = try await call { () async throws(StoreError) in try await store.addContact(owner: me, contact: email, to: .forward) }
        try await fanOut(added: email, to: .forward, change: change, owner: me)
        return Self.guidResult("ABContactAdd", change.entry?.guid ?? "")
    }

    private func contactDelete(_ method: SOAPElement, owner me: String) async throws(Fault) -> String {
        let ids = method.child("contacts")?.children("Contact").compactMap { $0.value("contactId") } ?? []
        guard !ids.isEmpty else { throw Fault(.badRequest, "no contacts/Contact/contactId") }
        for id in ids {
            let email = try await contactEmail(guid: id, owner: me)
            let change = try await call { () async throws(StoreError) in try await store.removeContact(owner: me, contact: email, from: .forward) }
            try await call { () async throws(StoreError) in try await contacts.removed(email, from: .forward, change: change, owner: me) }
        }
        return Self.empty("ABContactDeleteResponse")
    }

    /// The `Me` contact's `displayName` (watchers of signed-in sessions see it in a fresh
    /// `NLN`) and `MSN.IM.BLP`/`GTC` annotations, or another contact's `displayName` as its
    /// nickname.
    private func contactUpdate(_ method: SOAPElement, owner me: String) async throws(Fault) -> String {
        let items = method.child("contacts")?.children("Contact") ?? []
        guard !items.isEmpty else { throw Fault(.badRequest, "no contacts/Contact") }
        for item in items {
            let info = item.child("contactInfo")
            if info?.value("contactType") == "Me" {
                if let name = info?.value("displayName") {
                    guard (try? AccountValidation.validDisplayName(name)) != nil else { throw Fault(.badRequest, "bad displayName") }
                    _ = try await call { () async throws(StoreError) in try await store.setFriendlyName(owner: me, name) }
                    for handle in await contacts.registry.sessions(of: me) {
                        try await call { () async throws(StoreError) in try await contacts.presence.friendlyNameChanged(name, handle: handle) }
                    }
                }
                for annotation in info?.child("annotations")?.children("Annotation") ?? [] {
                    try await applyAnnotation(annotation.value("Name"), annotation.value("Value"), owner: me)
                }
            } else {
                guard let id = item.value("contactId") else { throw Fault(.badRequest, "no contactId") }
                let email = try await contactEmail(guid: id, owner: me)
                let nickname = info?.value("displayName")
                _ = try await call { () async throws(StoreError) in try await store.setNickname(owner: me, contact: email, nickname) }
            }
        }
        return Self.empty("ABContactUpdateResponse")
    }

    private func applyAnnotation(_ name: String?, _ value: String?, owner me: String) async throws(Fault) {
        switch (name, value) {
        case ("MSN.IM.BLP", let value?):
            let mode: PrivacyMode = value == "2" ? .blockUnlisted : .allowUnlisted
            _ = try await call { () async throws(StoreError) in try await store.setPrivacyMode(owner: me, mode) }
        case ("MSN.IM.GTC", let value?):
            _ = try await call { () async throws(StoreError) in try await store.setNotifyOnAdd(owner: me, value != "2") }
        default:
            break
        }
    }

    // MARK: - Helpers

    /// The address of the FL contact with this `contactId`.
    func contactEmail(guid: String, owner me: String) async throws(Fault) -> String {
        let guid = guid.lowercased()
        let list = try await call { () async throws(StoreError) in try await store.contactList(owner: me) }
        guard let entry = list.contacts.first(where: { $0.guid == guid }) else {
            throw Fault(.contactMissing, "no contact \(guid)")
        }
        return entry.email
    }

    /// NS notices and presence after a committed change.
    func fanOut(added email: String, to kind: ListKind, change: ListChangeResult, owner me: String) async throws(Fault) {
        let name = try await call { () async throws(StoreError) in try await store.contactList(owner: me).settings.friendlyName }
        try await call { () async throws(StoreError) in
            try await contacts.added(email, to: kind, change: change, owner: me, friendlyName: name)
        }
    }

    /// Runs a store call, turning its refusal into the matching fault.
    func call<T>(_ body: () async throws(StoreError) -> T) async throws(Fault) -> T {
        do throws(StoreError) {
            return try await body()
        } catch {
            throw Fault(Self.faultCode(error.code), error.description)
        }
    }

    static func faultCode(_ code: StoreError.Code) -> AddressBookEnvelope.FaultCode {
        switch code {
        case .accountNotFound: .invalidPassport
        case .alreadyInList: .contactExists
        case .notInList: .contactMissing
        case .inOppositeList: .memberExists
        case .listFull: .listFull
        case .groupNotFound: .groupMissing
        case .groupNameExists: .groupExists
        case .tooManyGroups: .groupLimit
        case .invalidEmail: .badEmail
        case .invalidDisplayName: .badRequest
        default: .internalError
        }
    }
}
