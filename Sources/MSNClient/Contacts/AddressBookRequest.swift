import MSNCore

/// The SOAP requests of the address-book (`/abservice/abservice.asmx`) and sharing
/// (`/abservice/SharingService.asmx`) services, MSNP13+. Pure.
///
/// ```
/// POST /abservice/abservice.asmx
/// SOAPAction: http://www.msn.com/webservices/AddressBook/ABFindAll
/// <soap:Envelope …><soap:Header><ABApplicationHeader …>…<ABAuthHeader …><TicketToken>t=…&amp;p=…</TicketToken>…
/// ```
struct AddressBookRequest: Sendable, Hashable {
    /// Which service the request goes to.
    enum Service: Sendable, Hashable {
        case addressBook, sharing

        /// The path below the HTTP base URL.
        var path: String { self == .addressBook ? "/abservice/abservice.asmx" : "/abservice/SharingService.asmx" }
    }

    static let namespace = "http://www.msn.com/webservices/AddressBook"
    static let applicationID = "CFE80F9D-180F-4399-82AB-413F33A1FA11"
    static let zeroGUID = "00000000-0000-0000-0000-000000000000"

    var service: Service
    var method: String
    var scenario: String
    /// The method element's content.
    var body: String

    /// The `SOAPAction` header.
    var action: String { "\(Self.namespace)/\(method)" }

    /// The whole envelope, with `ticket` in `ABAuthHeader`.
    func envelope(ticket: String) -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>\
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" \
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">\
        <soap:Header><ABApplicationHeader xmlns="\(Self.namespace)"><ApplicationId>\(Self.applicationID)</ApplicationId>\
        <IsMigration>false</IsMigration><PartnerScenario>\(scenario)</PartnerScenario></ABApplicationHeader>\
        <ABAuthHeader xmlns="\(Self.namespace)"><ManagedGroupRequest>false</ManagedGroupRequest>\
        <TicketToken>\(ticket.xmlEscaped)</TicketToken></ABAuthHeader></soap:Header>\
        <soap:Body><\(method) xmlns="\(Self.namespace)">\(body)</\(method)></soap:Body></soap:Envelope>
        """
    }

    // MARK: - Reading

    static func findMembership() -> AddressBookRequest {
        AddressBookRequest(service: .sharing, method: "FindMembership", scenario: "Initial", body:
            "<serviceFilter><Types><ServiceType>Messenger</ServiceType><ServiceType>Invitation</ServiceType>"
            + "<ServiceType>SocialNetwork</ServiceType><ServiceType>Space</ServiceType><ServiceType>Profile</ServiceType>"
            + "</Types></serviceFilter>")
    }

    static func findAll() -> AddressBookRequest {
        AddressBookRequest(service: .addressBook, method: "ABFindAll", scenario: "Initial", body:
            "<abId>\(zeroGUID)</abId><abView>Full</abView><deltasOnly>false</deltasOnly>"
            + "<lastChange>0001-01-01T00:00:00.0000000-08:00</lastChange>")
    }

    // MARK: - Contacts

    static func contactAdd(_ email: String, invitation: String?) -> AddressBookRequest {
        var info = "<contactType>Regular</contactType><passportName>\(email.xmlEscaped)</passportName>"
            + "<isMessengerUser>true</isMessengerUser>"
        if let invitation {
            info += "<MessengerMemberInfo><DisplayName>\(invitation.xmlEscaped)</DisplayName></MessengerMemberInfo>"
        }
        return AddressBookRequest(service: .addressBook, method: "ABContactAdd", scenario: "ContactSave", body:
            "<abId>\(zeroGUID)</abId><contacts><Contact><contactInfo>\(info)</contactInfo></Contact></contacts>"
            + "<options><EnableAllowListManagement>true</EnableAllowListManagement></options>")
    }

    static func contactDelete(_ guid: String) -> AddressBookRequest {
        AddressBookRequest(service: .addressBook, method: "ABContactDelete", scenario: "Timer", body:
            "<abId>\(zeroGUID)</abId><contacts><Contact><contactId>\(guid.xmlEscaped)</contactId></Contact></contacts>")
    }

    /// `ABContactUpdate` of the `Me` contact's `displayName`.
    static func updateMyName(_ name: String) -> AddressBookRequest {
        AddressBookRequest(service: .addressBook, method: "ABContactUpdate", scenario: "GeneralDialogApply", body:
            "<abId>\(zeroGUID)</abId><contacts><Contact><contactInfo><contactType>Me</contactType>"
            + "<displayName>\(name.xmlEscaped)</displayName></contactInfo>"
            + "<propertiesChanged>DisplayName</propertiesChanged></Contact></contacts>")
    }

    /// `AddMember`/`DeleteMember` of `email` in `role` (`Allow`, `Block`).
    static func member(_ email: String, role: String, add: Bool) -> AddressBookRequest {
        AddressBookRequest(service: .sharing, method: add ? "AddMember" : "DeleteMember", scenario: "BlockUnblock", body:
            "<serviceHandle><Id>0</Id><Type>Messenger</Type><ForeignId></ForeignId></serviceHandle>"
            + "<memberships><Membership><MemberRole>\(role)</MemberRole><Members>"
            + "<Member xsi:type=\"PassportMember\"><Type>Passport</Type><State>Accepted</State>"
            + "<PassportName>\(email.xmlEscaped)</PassportName></Member></Members></Membership></memberships>")
    }

    // MARK: - Groups

    static func groupAdd(_ name: String) -> AddressBookRequest {
        AddressBookRequest(service: .addressBook, method: "ABGroupAdd", scenario: "GroupSave", body:
            "<abId>\(zeroGUID)</abId><groupAddOptions><fRenameOnMsgrConflict>false</fRenameOnMsgrConflict></groupAddOptions>"
            + "<groupInfo><GroupInfo><name>\(name.xmlEscaped)</name><groupType>C8529CE2-6EAD-434d-881F-341E17DB3FF8</groupType>"
            + "<fMessenger>false</fMessenger><annotations><Annotation><Name>MSN.IM.Display</Name><Value>1</Value>"
            + "</Annotation></annotations></GroupInfo></groupInfo>")
    }

    static func groupDelete(_ id: String) -> AddressBookRequest {
        AddressBookRequest(service: .addressBook, method: "ABGroupDelete", scenario: "Timer", body:
            "<abId>\(zeroGUID)</abId><groupFilter><groupIds><guid>\(id.xmlEscaped)</guid></groupIds></groupFilter>")
    }

    static func groupUpdate(_ id: String, name: String) -> AddressBookRequest {
        AddressBookRequest(service: .addressBook, method: "ABGroupUpdate", scenario: "GroupSave", body:
            "<abId>\(zeroGUID)</abId><groups><Group><groupId>\(id.xmlEscaped)</groupId><groupInfo>"
            + "<name>\(name.xmlEscaped)</name></groupInfo><propertiesChanged>GroupName</propertiesChanged></Group></groups>")
    }

    static func groupContact(_ contactGUID: String, group id: String, add: Bool) -> AddressBookRequest {
        AddressBookRequest(service: .addressBook, method: add ? "ABGroupContactAdd" : "ABGroupContactDelete",
                           scenario: "GroupSave", body:
            "<abId>\(zeroGUID)</abId><groupFilter><groupIds><guid>\(id.xmlEscaped)</guid></groupIds></groupFilter>"
            + "<contacts><Contact><contactId>\(contactGUID.xmlEscaped)</contactId></Contact></contacts>")
    }
}
