import MSNCore

/// What the client reads from the address-book and sharing answers. Pure.
///
/// ```xml
/// <FindMembershipResponse>…<Membership><MemberRole>Allow</MemberRole><Members><Member>…
///   <PassportName>bob@example.com</PassportName>…
/// <ABFindAllResponse>…<Contact><contactId>8d4c…</contactId><contactInfo>
///   <passportName>bob@example.com</passportName><displayName>Bob</displayName>…
/// ```
enum AddressBookResponse {
    /// A fault: `errorcode` (or `faultcode`) and `faultstring`.
    struct Fault: Error, Sendable, Hashable {
        var code: String
        var message: String
    }

    /// The parsed envelope body, or the fault it carries.
    static func body(_ text: String) -> Result<XMLNode, Fault> {
        guard let envelope = XMLNode.parse(text), envelope.name == "Envelope", let body = envelope.child("Body") else {
            return .failure(Fault(code: "NotXML", message: "the answer is not a SOAP envelope"))
        }
        if let fault = body.child("Fault") {
            let code = fault.descendant("errorcode")?.text ?? fault.value("faultcode") ?? "Fault"
            return .failure(Fault(code: code.trimmingASCIISpaces, message: fault.value("faultstring") ?? code))
        }
        return .success(body)
    }

    /// The lists of each address from `FindMembership`: roles `Allow`, `Block`, `Reverse`,
    /// `Pending`.
    static func memberships(_ body: XMLNode) -> [String: ContactLists] {
        let roles: [String: ContactLists] = ["Allow": .allow, "Block": .block, "Reverse": .reverse, "Pending": .pending]
        var result: [String: ContactLists] = [:]
        guard let memberships = body.descendant("Memberships") else { return result }
        for membership in memberships.children("Membership") {
            guard let role = membership.value("MemberRole"), let lists = roles[role] else { continue }
            for member in membership.child("Members")?.children("Member") ?? [] {
                guard member.value("Deleted") != "true",
                      let email = member.value("PassportName")?.lowercased(), !email.isEmpty else { continue }
                result[email, default: []].insert(lists)
            }
        }
        return result
    }

    /// The forward list, groups, privacy mode and own name of `ABFindAll`.
    struct AddressBook: Sendable, Hashable {
        var contacts: [Contact] = []
        var groups: [ContactGroup] = []
        var privacyMode: PrivacyMode?
        var myDisplayName: String?
    }

    static func addressBook(_ body: XMLNode) -> AddressBook {
        var book = AddressBook()
        for group in body.descendant("groups")?.children("Group") ?? [] {
            guard let id = group.value("groupId"), let name = group.value("groupInfo", "name") else { continue }
            book.groups.append(ContactGroup(id: id.lowercased(), name: name))
        }
        for contact in body.descendant("contacts")?.children("Contact") ?? [] {
            guard let info = contact.child("contactInfo"), contact.value("fDeleted") != "true" else { continue }
            if info.value("contactType") == "Me" {
                book.myDisplayName = info.value("displayName")
                for annotation in info.child("annotations")?.children("Annotation") ?? []
                where annotation.value("Name") == "MSN.IM.BLP" {
                    book.privacyMode = annotation.value("Value") == "2" ? .blockUnlisted : .allowUnlisted
                }
                continue
            }
            guard let email = info.value("passportName")?.lowercased(), !email.isEmpty,
                  info.value("isMessengerUser") != "false" else { continue }
            let groups = info.child("groupIds")?.children("guid").map { $0.text.trimmingASCIISpaces.lowercased() } ?? []
            book.contacts.append(Contact(email: email, displayName: info.value("displayName") ?? email, lists: .forward,
                                         groupIDs: Set(groups), guid: contact.value("contactId")?.lowercased()))
        }
        return book
    }

    /// The `<guid>` of an `…Result` (`ABContactAdd`, `ABGroupAdd`).
    static func guid(_ body: XMLNode) -> String? {
        body.descendant("guid")?.text.trimmingASCIISpaces.lowercased()
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line breaks.
    var trimmingASCIISpaces: String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !" \t\r\n".unicodeScalars.contains($0) }),
              let end = scalars.lastIndex(where: { !" \t\r\n".unicodeScalars.contains($0) }) else { return "" }
        return String(scalars[start...end])
    }
}
