/// `ABGroupAdd`, `ABGroupDelete`, `ABGroupUpdate`, `ABGroupContactAdd`, `ABGroupContactDelete`:
/// the groups MSNP7–12 see as `LSG`/`ADG`/`RMG`/`REG`.
///
/// ```xml
/// <ABGroupAdd …><groupInfo><GroupInfo><name>Friends</name>…</GroupInfo></groupInfo></ABGroupAdd>
/// → <ABGroupAddResponse …><ABGroupAddResult><guid>5f2e…</guid></ABGroupAddResult></ABGroupAddResponse>
/// ```
extension AddressBookService {
    func groupAdd(_ method: SOAPElement, owner me: String) async throws(Fault) -> String {
        guard let name = method.value("groupInfo", "GroupInfo", "name") else {
            throw Fault(.badRequest, "no groupInfo/GroupInfo/name")
        }
        guard name.utf8.count <= 61 else { throw Fault(.badRequest, "group name too long") }
        let (group, _) = try await call { () async throws(StoreError) in try await store.addGroup(owner: me, name: name) }
        return Self.guidResult("ABGroupAdd", group.guid)
    }

    func groupDelete(_ method: SOAPElement, owner me: String) async throws(Fault) -> String {
        let ids = method.first("groupFilter", "groupIds")?.children("guid").map(\.text) ?? []
        guard !ids.isEmpty else { throw Fault(.badRequest, "no groupFilter/groupIds/guid") }
        for id in ids {
            let number = try await groupNumber(guid: id, owner: me)
            _ = try await call { () async throws(StoreError) in try await store.removeGroup(owner: me, number: number) }
        }
        return Self.empty("ABGroupDeleteResponse")
    }

    func groupUpdate(_ method: SOAPElement, owner me: String) async throws(Fault) -> String {
        let items = method.child("groups")?.children("Group") ?? []
        guard !items.isEmpty else { throw Fault(.badRequest, "no groups/Group") }
        for item in items {
            guard let id = item.value("groupId"), let name = item.value("groupInfo", "name") else {
                throw Fault(.badRequest, "no groupId or groupInfo/name")
            }
            guard name.utf8.count <= 61 else { throw Fault(.badRequest, "group name too long") }
            let number = try await groupNumber(guid: id, owner: me)
            _ = try await call { () async throws(StoreError) in try await store.renameGroup(owner: me, number: number, name: name) }
        }
        return Self.empty("ABGroupUpdateResponse")
    }

    func groupContact(_ method: SOAPElement, add: Bool, owner me: String) async throws(Fault) -> String {
        guard let groupID = method.value("groupFilter", "groupIds", "guid") else {
            throw Fault(.badRequest, "no groupFilter/groupIds/guid")
        }
        let ids = method.child("contacts")?.children("Contact").compactMap { $0.value("contactId") } ?? []
        guard !ids.isEmpty else { throw Fault(.badRequest, "no contacts/Contact/contactId") }
        let number = try await groupNumber(guid: groupID, owner: me)
        for id in ids {
            let email = try await contactEmail(guid: id, owner: me)
            _ = try await call { () async throws(StoreError) -> ListChangeResult in
                if add { return try await store.addContact(owner: me, contact: email, toGroup: number) }
                return try await store.removeContact(owner: me, contact: email, fromGroup: number)
            }
        }
        return add ? Self.guidResult("ABGroupContactAdd", ids[0].lowercased()) : Self.empty("ABGroupContactDeleteResponse")
    }

    private func groupNumber(guid: String, owner me: String) async throws(Fault) -> Int {
        let guid = guid.trimmingASCIIWhitespace().lowercased()
        let list = try await call { () async throws(StoreError) in try await store.contactList(owner: me) }
        guard let group = list.groups.first(where: { $0.guid == guid }) else {
            throw Fault(.groupMissing, "no group \(guid)")
        }
        return group.number
    }
}
