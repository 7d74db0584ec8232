import MSNCore
import Foundation

/// The sharing service: `FindMembership` (AL, BL, RL, PL as the roles `Allow`, `Block`,
/// `Reverse`, `Pending`), `AddMember` and `DeleteMember` (Allow and Block; Pending and
/// Reverse belong to the server and are accepted without change).
///
/// ```xml
/// <AddMember …><memberships><Membership><MemberRole>Block</MemberRole><Members>
///   <Member xsi:type="PassportMember"><Type>Passport</Type><PassportName>bob@example.com</PassportName>…
/// → <AddMemberResponse xmlns="http://www.msn.com/webservices/AddressBook"/>
/// ```
extension AddressBookService {
    static let roles: [(String, ListKind)] = [("Allow", .allow), ("Block", .block), ("Reverse", .reverse), ("Pending", .pending)]

    func findMembership(owner me: String) async throws(Fault) -> String {
        let list = try await call { () async throws(StoreError) in try await store.contactList(owner: me) }
        guard let account = try await call({ () async throws(StoreError) in try await store.account(email: me) }) else {
            throw Fault(.invalidPassport, "no account \(me)")
        }
        var cids: [String: String] = [:]
        for entry in list.contacts {
            cids[entry.email] = try await call { () async throws(StoreError) in try await store.account(email: entry.email)?.cidDecimal }
        }
        let changed = AddressBookEnvelope.timestamp(list.settings.listsChangedAt ?? account.createdAt)
        var xml = XMLWriter(declaration: false)
        xml.open("FindMembershipResponse", ["xmlns": AddressBookEnvelope.addressBookNamespace])
        xml.open("FindMembershipResult")
        xml.open("Services")
        xml.open("Service")
        xml.open("Memberships")
        for (role, kind) in Self.roles {
            xml.open("Membership")
            xml.element("MemberRole", role)
            xml.open("Members")
            for entry in list.contacts where entry.lists.contains(kind.lists) {
                xml.open("Member", ["xsi:type": "PassportMember"])
                xml.element("MembershipId", "\(role)/\(entry.guid)")
                xml.element("Type", "Passport")
                xml.element("State", "Accepted")
                xml.element("Deleted", false)
                xml.element("LastChanged", changed)
                xml.element("JoinedDate", changed)
                xml.element("ExpirationDate", AddressBookWriter.noDate)
                xml.empty("Changes")
                xml.element("PassportName", entry.email)
                xml.element("IsPassportNameHidden", false)
                xml.element("PassportId", "0")
                xml.element("CID", cids[entry.email] ?? "0")
                xml.empty("PassportChanges")
                xml.element("LookedupByCID", false)
                xml.close()
            }
            xml.close()
            xml.element("MembershipIsComplete", true)
            xml.close()
        }
        xml.close()
        xml.open("Info")
        xml.open("Handle")
        xml.element("Id", "1")
        xml.element("Type", "Messenger")
        xml.empty("ForeignId")
        xml.close()
        xml.element("InverseRequired", false)
        xml.element("AuthorizationCriteria", "Everyone")
        xml.element("IsBot", false)
        xml.close()
        xml.empty("Changes")
        xml.element("LastChange", changed)
        xml.element("Deleted", false)
        xml.close()
        xml.close()
        xml.open("OwnerNamespace")
        xml.open("Info")
        xml.open("Handle")
        xml.element("Id", AddressBookWriter.zeroGUID)
        xml.element("IsPassportNameHidden", false)
        xml.element("CID", "0")
        xml.close()
        xml.element("CreatorPuid", "0")
        xml.element("CreatorCID", account.cidDecimal)
        xml.element("CreatorPassportName", account.email)
        xml.open("CircleAttributes")
        xml.element("IsPresenceEnabled", false)
        xml.element("Domain", "WindowsLive")
        xml.close()
        xml.element("MessengerApplicationServiceCreated", false)
        xml.close()
        xml.empty("Changes")
        xml.element("CreateDate", AddressBookEnvelope.timestamp(account.createdAt))
        xml.element("LastChange", changed)
        return xml.finish()
    }

    /// `AddMember`/`DeleteMember`: each member by `PassportName` or `MembershipId` (`Allow/<guid>`).
    /// Already done is fine (the NS `ADL`/`RML` that usually follows is as idempotent).
    func changeMembers(_ method: SOAPElement, add: Bool, owner me: String) async throws(Fault) -> String {
        let memberships = method.child("memberships")?.children("Membership") ?? []
        guard !memberships.isEmpty else { throw Fault(.badRequest, "no memberships/Membership") }
        for membership in memberships {
            guard let role = membership.value("MemberRole"), let kind = Self.roles.first(where: { $0.0 == role })?.1 else {
                throw Fault(.badRequest, "unknown MemberRole")
            }
            for member in membership.child("Members")?.children("Member") ?? [] {
                let email = try await memberEmail(member, owner: me)
                guard kind.isClientEditable else { continue }
                try await change(email, kind, add: add, owner: me)
            }
        }
        return Self.empty(add ? "AddMemberResponse" : "DeleteMemberResponse")
    }

    private func change(_ email: String, _ kind: ListKind, add: Bool, owner me: String) async throws(Fault) {
        let lists = try await call { () async throws(StoreError) in try await store.contactList(owner: me).entry(for: email)?.lists } ?? []
        if add {
            guard !lists.contains(kind.lists) else { return }
            let opposite: ListKind = kind == .allow ? .block : .allow
            if lists.contains(opposite.lists) {
                let change = try await call { () async throws(StoreError) in try await store.removeContact(owner: me, contact: email, from: opposite) }
                try await call { () async throws(StoreError) in try await contacts.removed(email, from: opposite, change: change, owner: me) }
            }
            let change = try await call { () async throws(StoreError) in try await store.addContact(owner: me, contact: email, to: kind) }
            try await fanOut(added: email, to: kind, change: change, owner: me)
        } else {
            guard lists.contains(kind.lists) else { return }
            let change = try await call { () async throws(StoreError) in try await store.removeContact(owner: me, contact: email, from: kind) }
            try await call { () async throws(StoreError) in try await contacts.removed(email, from: kind, change: change, owner: me) }
        }
    }

    private func memberEmail(_ member: SOAPElement, owner me: String) async throws(Fault) -> String {
        if let name = member.value("PassportName") {
            guard let email = try? AccountValidation.normalisedEmail(name), email != me else {
                throw Fault(.badEmail, "not an address: \(name)")
            }
            if try await call({ () async throws(StoreError) in try await store.account(email: email) }) == nil {
                throw Fault(.invalidPassport, "no account \(email)")
            }
            return email
        }
        guard let id = member.value("MembershipId"), let slash = id.firstIndex(of: "/") else {
            throw Fault(.badRequest, "a Member needs PassportName or MembershipId")
        }
        let guid = String(id[id.index(after: slash)...]).lowercased()
        let list = try await call { () async throws(StoreError) in try await store.contactList(owner: me) }
        guard let entry = list.contacts.first(where: { $0.guid == guid }) else { throw Fault(.memberMissing, "no member \(id)") }
        return entry.email
    }
}
