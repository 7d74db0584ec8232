import MSNCore
import NIOCore
import Testing
@testable import MSNClient

@Suite("Contact list state")
struct ContactListStateTests {
    static func frame(_ verb: Verb, _ id: TransactionID? = nil, _ arguments: [String], payload: String? = nil) -> Frame {
        Frame(verb: verb, transactionID: id, arguments: arguments, payload: payload.map { ByteBuffer(string: $0) })
    }

    @Test("MSNP5 SYN: list versions, one LST per list, done after the last RL line")
    func versioned() {
        var state = ContactListState(dialect: .msnp5, me: "alice@example.com")
        state.beginSynchronization()
        #expect(state.apply(Self.frame(.syn, 6, ["3"])).isEmpty)
        #expect(state.apply(Self.frame(.gtc, 6, ["3", "A"])).isEmpty)
        #expect(state.apply(Self.frame(.blp, 6, ["3", "BL"])).isEmpty)
        #expect(state.apply(Self.frame(.lst, 6, ["FL", "3", "1", "1", "bob@example.com", "Bob"])).isEmpty)
        #expect(state.apply(Self.frame(.lst, 6, ["AL", "3", "1", "1", "bob@example.com", "Bob"])).isEmpty)
        #expect(state.apply(Self.frame(.lst, 6, ["BL", "3", "0", "0"])).isEmpty)
        let changes = state.apply(Self.frame(.lst, 6, ["RL", "3", "1", "1", "carol@example.com", "Carol%20C"]))
        guard case .synchronized(let snapshot)? = changes.first else { Issue.record("\(changes)"); return }
        #expect(snapshot.privacyMode == .blockUnlisted)
        #expect(snapshot["bob@example.com"]?.lists == [.forward, .allow])
        #expect(snapshot["carol@example.com"]?.displayName == "Carol C")
        #expect(snapshot.pendingRequests.map(\.email) == ["carol@example.com"])
        #expect(state.isSynchronized)
    }

    @Test("MSNP5 SYN with an unchanged version: nothing follows")
    func versionedUnchanged() {
        var state = ContactListState(dialect: .msnp3, me: "alice@example.com")
        state.beginSynchronization()
        #expect(state.apply(Self.frame(.syn, 6, ["0"])) == [.synchronized(ContactListSnapshot())])
    }

    @Test("MSNP8 SYN: counted LSG and LST lines without TrID")
    func compact() {
        var state = ContactListState(dialect: .msnp8, me: "alice@example.com")
        state.beginSynchronization()
        #expect(state.apply(Self.frame(.syn, 5, ["100", "2", "2"])).isEmpty)
        _ = state.apply(Self.frame(.gtc, nil, ["A"]))
        _ = state.apply(Self.frame(.blp, nil, ["AL"]))
        _ = state.apply(Self.frame(.lsg, nil, ["0", "Other%20Contacts", "0"]))
        _ = state.apply(Self.frame(.lsg, nil, ["1", "Friends", "0"]))
        #expect(state.apply(Self.frame(.lst, nil, ["bob@example.com", "Bob", "11", "0,1"])).isEmpty)
        let changes = state.apply(Self.frame(.lst, nil, ["eve@example.com", "Eve", "12"]))
        guard case .synchronized(let snapshot)? = changes.first else { Issue.record("\(changes)"); return }
        #expect(snapshot.groups == [ContactGroup(id: "0", name: "Other Contacts"), ContactGroup(id: "1", name: "Friends")])
        #expect(snapshot["bob@example.com"]?.groupIDs == ["0", "1"])
        #expect(snapshot["eve@example.com"]?.isBlocked == true)
        #expect(snapshot["eve@example.com"]?.isPending == false)
        #expect(snapshot.privacyMode == .allowUnlisted)
    }

    @Test("MSNP12 SYN: N= F= C= fields, network id, group GUIDs")
    func timestamped() {
        var state = ContactListState(dialect: .msnp12, me: "alice@example.com")
        state.beginSynchronization()
        let group = "124153dc-a695-4f6c-93e8-8e07c9775251"
        let contact = "6bd736b8-dc18-44c6-ad61-8cd12d641e79"
        _ = state.apply(Self.frame(.syn, 5, ["2005-04-23T18:57:44.8130000-07:00", "2005-04-23T18:57:54.2070000-07:00", "2", "1"]))
        _ = state.apply(Self.frame(.prp, nil, ["MFN", "Alice"]))
        _ = state.apply(Self.frame(.lsg, nil, ["Mock%20Contacts", group]))
        _ = state.apply(Self.frame(.lst, nil, ["N=bob@example.com", "F=Bob", "C=\(contact)", "13", "1", group]))
        let changes = state.apply(Self.frame(.lst, nil, ["N=fred@example.com", "F=Fred", "24", "1"]))
        guard case .synchronized(let snapshot)? = changes.first else { Issue.record("\(changes)"); return }
        #expect(snapshot["bob@example.com"]?.guid == contact)
        #expect(snapshot["bob@example.com"]?.groupIDs == [group])
        #expect(snapshot["bob@example.com"]?.isBlocked == true)
        #expect(snapshot["fred@example.com"]?.isPending == true)
        #expect(state.email(forGUID: contact.uppercased()) == "bob@example.com")
    }

    static func synchronized(_ dialect: Dialect) -> ContactListState {
        var state = ContactListState(dialect: dialect, me: "alice@example.com")
        _ = state.load(.init(), memberships: [:])
        return state
    }

    @Test("Reverse-list notices become pending requests, in each family's shape")
    func pendingRequests() {
        let notices: [(Dialect, Frame)] = [
            (.msnp5, Self.frame(.add, 0, ["RL", "5", "bob@example.com", "Bob"])),
            (.msnp11, Self.frame(.adc, 0, ["RL", "N=bob@example.com", "F=Bob"])),
            (.msnp15, Self.frame(.adl, 0, [], payload: "<ml><d n=\"example.com\"><c n=\"bob\" t=\"1\" l=\"8\" f=\"Bob\"/></d></ml>")),
        ]
        for (dialect, notice) in notices {
            var state = Self.synchronized(dialect)
            let changes = state.apply(notice)
            #expect(changes.count == 2, "\(dialect)")
            guard case .pendingRequest(let contact)? = changes.last else { Issue.record("\(dialect): \(changes)"); continue }
            #expect(contact.email == "bob@example.com")
            #expect(contact.displayName == "Bob")
            #expect(state.snapshot.pendingRequests.count == 1)
        }
    }

    @Test("Replies to the client's own list commands update the list")
    func replies() {
        var state = Self.synchronized(.msnp11)
        let guid = "6bd736b8-dc18-44c6-ad61-8cd12d641e79"
        #expect(state.apply(Self.frame(.adc, 9, ["FL", "N=bob@example.com", "F=Bob", "C=\(guid)"])).count == 1)
        _ = state.apply(Self.frame(.adc, 10, ["AL", "N=bob@example.com"]))
        #expect(state.contact("bob@example.com")?.lists == [.forward, .allow])
        let group = "124153dc-a695-4f6c-93e8-8e07c9775251"
        #expect(state.apply(Self.frame(.adg, 11, ["Friends", group, "0"])) == [.groupAdded(ContactGroup(id: group, name: "Friends"))])
        _ = state.apply(Self.frame(.adc, 12, ["FL", "C=\(guid)", group]))
        #expect(state.contact("bob@example.com")?.groupIDs == [group])
        #expect(state.apply(Self.frame(.reg, 13, ["1", "Family", group, "0"])) == [.groupRenamed(ContactGroup(id: group, name: "Family"))])
        _ = state.apply(Self.frame(.rem, 14, ["FL", guid]))
        #expect(state.contact("bob@example.com")?.lists == [.allow])
        #expect(state.apply(Self.frame(.rem, 15, ["AL", "bob@example.com"])) == [.removed(email: "bob@example.com")])
        #expect(state.apply(Self.frame(.rmg, 16, ["1", group])) == [.groupRemoved(id: group)])
    }

    @Test("Presence in every handle form; FLN and UBX")
    func presence() {
        let lines: [(Dialect, [String], [String])] = [
            (.msnp5, ["NLN", "bob@example.com", "Bob"], ["bob@example.com"]),
            (.msnp9, ["NLN", "bob@example.com", "Bob", "0", "%3Cmsnobj%2F%3E"], ["bob@example.com"]),
            (.msnp14, ["NLN", "bob@example.com", "1", "Bob", "0", "%3Cmsnobj%2F%3E"], ["bob@example.com", "1", "0"]),
            (.msnp18, ["NLN", "1:bob@example.com", "Bob", "0:0", "%3Cmsnobj%2F%3E"], ["1:bob@example.com", "0:0"]),
        ]
        for (dialect, online, offline) in lines {
            var state = Self.synchronized(dialect)
            _ = state.insert("bob@example.com", lists: .forward)
            var away = online
            away[0] = "AWY"
            #expect(state.apply(Self.frame(.iln, 7, online)) == [.presence(email: "bob@example.com", status: .online),
                                                                 .displayName(email: "bob@example.com", name: "Bob")])
            #expect(state.apply(Self.frame(.nln, nil, away)) == [.presence(email: "bob@example.com", status: .away)])
            if dialect.supportsPersonalMessages {
                let ubx = Self.frame(.ubx, nil, Array(offline.prefix(dialect == .msnp14 ? 2 : 1)),
                                     payload: "<Data><PSM>fish &amp; chips &#x3C;3</PSM><CurrentMedia></CurrentMedia></Data>")
                #expect(state.apply(ubx) == [.personalMessage(email: "bob@example.com", text: "fish & chips <3", media: nil)])
            }
            #expect(state.apply(Self.frame(.fln, nil, offline)) == [.presence(email: "bob@example.com", status: nil)])
            #expect(state.contact("bob@example.com")?.status == nil)
        }
    }

    @Test("Hostile lines change nothing and do not crash")
    func hostile() {
        var state = Self.synchronized(.msnp15)
        #expect(state.apply(Self.frame(.adl, 0, [], payload: "<ml><d n=")).isEmpty)
        #expect(state.apply(Self.frame(.nln, nil, ["XYZ", "bob@example.com"])).isEmpty)
        #expect(state.apply(Self.frame(.lst, nil, [])).isEmpty)
        #expect(state.apply(Self.frame(.rem, 0, ["RL"])).isEmpty)
        #expect(state.apply(Self.frame(.ubx, nil, ["bob@example.com"], payload: "not xml")).isEmpty)
        #expect(state.snapshot.contacts.isEmpty)
    }

    @Test("Address-book answers: FindMembership roles and ABFindAll contacts, groups, BLP")
    func addressBook() throws {
        let membership = """
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><FindMembershipResponse>\
        <FindMembershipResult><Services><Service><Memberships>\
        <Membership><MemberRole>Allow</MemberRole><Members><Member><PassportName>bob@example.com</PassportName></Member></Members></Membership>\
        <Membership><MemberRole>Reverse</MemberRole><Members><Member><PassportName>bob@example.com</PassportName></Member>\
        <Member><PassportName>carol@example.com</PassportName></Member></Members></Membership>\
        </Memberships></Service></Services></FindMembershipResult></FindMembershipResponse></soap:Body></soap:Envelope>
        """
        let book = """
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><ABFindAllResponse><ABFindAllResult>\
        <groups><Group><groupId>5F2E0000-0000-0000-0000-000000000001</groupId><groupInfo><name>Friends</name></groupInfo></Group></groups>\
        <contacts><Contact><contactId>8d4c0000-0000-0000-0000-000000000002</contactId><contactInfo><contactType>Regular</contactType>\
        <passportName>bob@example.com</passportName><displayName>Bob &amp; Co</displayName>\
        <groupIds><guid>5f2e0000-0000-0000-0000-000000000001</guid></groupIds><isMessengerUser>true</isMessengerUser></contactInfo></Contact>\
        <Contact><contactId>x</contactId><contactInfo><annotations><Annotation><Name>MSN.IM.BLP</Name><Value>2</Value></Annotation></annotations>\
        <contactType>Me</contactType><passportName>alice@example.com</passportName><displayName>Alice</displayName></contactInfo></Contact>\
        </contacts></ABFindAllResult></ABFindAllResponse></soap:Body></soap:Envelope>
        """
        let memberships = AddressBookResponse.memberships(try AddressBookResponse.body(membership).get())
        let parsed = AddressBookResponse.addressBook(try AddressBookResponse.body(book).get())
        #expect(parsed.myDisplayName == "Alice")
        var state = ContactListState(dialect: .msnp15, me: "alice@example.com")
        let changes = state.load(parsed, memberships: memberships)
        guard case .synchronized(let snapshot)? = changes.first else { Issue.record("\(changes)"); return }
        #expect(snapshot.privacyMode == .blockUnlisted)
        #expect(snapshot["bob@example.com"]?.lists == [.forward, .allow, .reverse])
        #expect(snapshot["bob@example.com"]?.displayName == "Bob & Co")
        #expect(snapshot["bob@example.com"]?.groupIDs == ["5f2e0000-0000-0000-0000-000000000001"])
        #expect(snapshot["carol@example.com"]?.isPending == true)
        #expect(snapshot.groups.map(\.name) == ["Friends"])
    }

    @Test("SOAP faults are read with their error code")
    func faults() {
        let fault = """
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Client</faultcode>\
        <faultstring>no account nobody@example.com</faultstring><detail><errorcode>InvalidPassportUser</errorcode></detail>\
        </soap:Fault></soap:Body></soap:Envelope>
        """
        guard case .failure(let parsed) = AddressBookResponse.body(fault) else { Issue.record("no fault"); return }
        #expect(parsed.code == "InvalidPassportUser")
        let error = MessengerClientError.soapFault(parsed, during: "ABContactAdd")
        #expect(error.code == .unknownAccount)
        #expect(error.soapFaultCode == "InvalidPassportUser")
        guard case .failure(let notXML) = AddressBookResponse.body("<html>") else { Issue.record("parsed"); return }
        #expect(notXML.code == "NotXML")
    }

    @Test("Membership XML: grouped by domain, the initial flag, entries read back")
    func membershipXML() {
        let xml = MembershipXML.xml([("bob@example.com", [.forward, .allow]), ("eve@example.com", .block),
                                     ("z@other.org", .forward)], initial: true)
        #expect(xml == "<ml l=\"1\"><d n=\"example.com\"><c n=\"bob\" l=\"3\" t=\"1\"/><c n=\"eve\" l=\"4\" t=\"1\"/></d>"
                + "<d n=\"other.org\"><c n=\"z\" l=\"1\" t=\"1\"/></d></ml>")
        #expect(MembershipXML.entries(xml).map(\.email) == ["bob@example.com", "eve@example.com", "z@other.org"])
        #expect(PersonalMessageXML.xml("a<b", media: nil) == "<Data><PSM>a&lt;b</PSM><CurrentMedia></CurrentMedia></Data>")
    }
}
