import Foundation

/// Writes the `ABFindAll` and `FindMembership` answers from a ``ContactList``, in the element
/// names and order WLM, papyon and libpurple read. Every value goes through ``XMLWriter``.
///
/// ```xml
/// <ABFindAllResponse …><ABFindAllResult><groups>…</groups><contacts><Contact>
///   <contactId>8d4c…</contactId><contactInfo><contactType>Regular</contactType>
///   <quickName>Bob</quickName><passportName>bob@example.com</passportName>…
/// ```
enum AddressBookWriter {
    static let zeroGUID = "00000000-0000-0000-0000-000000000000"
    static let groupType = "c8529ce2-6ead-434d-881f-341e17db3ff8"
    static let noDate = "0001-01-01T00:00:00"

    /// The `Me` contact's id: the CID in GUID form (`00000000-0000-0000-9d11-fd8d22b49c14`).
    static func meGUID(_ account: Account) -> String {
        let hex = account.cidHex
        return "00000000-0000-0000-\(hex.prefix(4))-\(hex.dropFirst(4))"
    }

    /// `ABFindAllResponse`: groups, FL contacts, the `Me` contact, and the `ab` record.
    /// `contactCIDs` maps FL addresses to their CIDs (signed decimal).
    ///
    /// With `paged` it is WLM 2009's (MSNP18) `ABFindContactsPagedResponse` instead: the same
    /// groups, contacts and record under capitalised names, all in one page:
    ///
    /// ```xml
    /// <ABFindContactsPagedResponse …><ABFindContactsPagedResult><Groups>…</Groups>
    ///   <Contacts><Contact>…</Contact></Contacts><Ab><abId>…</abId><abInfo>…</abInfo>…</Ab>
    /// ```
    static func findAll(_ list: ContactList, owner: Account, contactCIDs: [String: String], paged: Bool = false) -> String {
        let changed = AddressBookEnvelope.timestamp(list.settings.listsChangedAt ?? owner.createdAt)
        var xml = XMLWriter(declaration: false)
        let method = paged ? "ABFindContactsPaged" : "ABFindAll"
        xml.open("\(method)Response", ["xmlns": AddressBookEnvelope.addressBookNamespace])
        xml.open("\(method)Result")
        xml.open(paged ? "Groups" : "groups")
        for group in list.groups {
            xml.open("Group")
            xml.element("groupId", group.guid)
            xml.open("groupInfo")
            xml.open("annotations")
            annotation(&xml, "MSN.IM.Display", "1")
            xml.close()
            xml.element("groupType", groupType)
            xml.element("name", group.name)
            xml.element("IsNotMobileVisible", false)
            xml.element("IsPrivate", false)
            xml.element("IsFavorite", false)
            xml.close()
            xml.empty("propertiesChanged")
            xml.element("fDeleted", false)
            xml.element("lastChange", changed)
            xml.close()
        }
        xml.close()
        xml.open(paged ? "Contacts" : "contacts")
        for entry in list.contacts where entry.lists.contains(.forward) {
            let groups = list.groups.filter { entry.groups.contains($0.number) }.map(\.guid)
            contact(&xml, id: entry.guid, type: "Regular", email: entry.email, name: entry.displayedName,
                    cid: contactCIDs[entry.email] ?? "0", groups: groups, messengerUser: true, changed: changed)
        }
        xml.open("Contact")
        xml.element("contactId", meGUID(owner))
        xml.open("contactInfo")
        xml.open("annotations")
        annotation(&xml, "MSN.IM.MBEA", "0")
        annotation(&xml, "MSN.IM.GTC", list.settings.notifyOnAdd ? "1" : "2")
        annotation(&xml, "MSN.IM.BLP", list.settings.privacyMode == .allowUnlisted ? "1" : "2")
        xml.close()
        contactInfoFields(&xml, type: "Me", email: owner.email, name: list.settings.friendlyName,
                          cid: owner.cidDecimal, groups: [], messengerUser: false)
        xml.close()
        contactTrailer(&xml, changed: changed)
        xml.close()
        xml.close()
        xml.open(paged ? "Ab" : "ab")
        xml.element("abId", zeroGUID)
        xml.open("abInfo")
        xml.element("ownerPuid", "0")
        xml.element("OwnerCID", owner.cidDecimal)
        xml.element("ownerEmail", owner.email)
        xml.element("fDefault", true)
        xml.element("joinedNamespace", false)
        xml.element("IsBot", false)
        xml.element("IsParentManaged", false)
        xml.element("SubscribeExternalPartner", false)
        xml.element("NotifyExternalPartner", false)
        xml.element("AddressBookType", "Individual")
        xml.close()
        xml.element("lastChange", changed)
        xml.element("DynamicItemLastChanged", noDate)
        xml.element("createDate", AddressBookEnvelope.timestamp(owner.createdAt))
        xml.empty("propertiesChanged")
        return xml.finish()
    }

    static func annotation(_ xml: inout XMLWriter, _ name: String, _ value: String) {
        xml.open("Annotation")
        xml.element("Name", name)
        xml.element("Value", value)
        xml.close()
    }

    private static func contact(_ xml: inout XMLWriter, id: String, type: String, email: String, name: String,
                                cid: String, groups: [String], messengerUser: Bool, changed: String) {
        xml.open("Contact")
        xml.element("contactId", id)
        xml.open("contactInfo")
        contactInfoFields(&xml, type: type, email: email, name: name, cid: cid, groups: groups, messengerUser: messengerUser)
        xml.close()
        contactTrailer(&xml, changed: changed)
        xml.close()
    }

    private static func contactInfoFields(_ xml: inout XMLWriter, type: String, email: String, name: String,
                                          cid: String, groups: [String], messengerUser: Bool) {
        xml.element("contactType", type)
        xml.element("quickName", name)
        xml.element("passportName", email)
        xml.element("IsPassportNameHidden", false)
        xml.element("displayName", name)
        xml.element("puid", "0")
        if !groups.isEmpty {
            xml.open("groupIds")
            for group in groups { xml.element("guid", group) }
            xml.close()
        }
        xml.element("CID", cid)
        xml.element("IsNotMobileVisible", false)
        xml.element("isMobileIMEnabled", false)
        xml.element("isMessengerUser", messengerUser)
        xml.element("isFavorite", false)
        xml.element("isSmtp", false)
        xml.element("hasSpace", false)
        xml.element("spotWatchState", "NoDevice")
        xml.element("birthdate", noDate)
        xml.element("primaryEmailType", "ContactEmailPersonal")
        xml.element("PrimaryLocation", "ContactLocationPersonal")
        xml.element("PrimaryPhone", "ContactPhonePersonal")
        xml.element("IsPrivate", false)
        xml.element("Gender", "Unspecified")
        xml.element("TimeZone", "None")
    }

    private static func contactTrailer(_ xml: inout XMLWriter, changed: String) {
        xml.empty("propertiesChanged")
        xml.element("fDeleted", false)
        xml.element("lastChange", changed)
    }
}
