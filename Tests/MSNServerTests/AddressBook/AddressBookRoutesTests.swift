import Foundation
import MSNCore
@testable import MSNServer
import MSNTestSupport
import Testing

/// The address-book and sharing SOAP services over real HTTP, on the store every NS dialect uses.
@Suite(.timeLimit(.minutes(2))) struct AddressBookRoutesTests {
    typealias Helpers = ContactsLoopbackTests

    /// A SOAP request as WLM sends it, with `ticket` in the `ABAuthHeader`.
    static func envelope(ticket: String, _ body: String) -> String {
        #"<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soap:Header><ABApplicationHeader xmlns="http://www.msn.com/webservices/AddressBook"><ApplicationId>CFE80F9D-180F-4399-82AB-413F33A1FA11</ApplicationId><IsMigration>false</IsMigration><PartnerScenario>Initial</PartnerScenario></ABApplicationHeader><ABAuthHeader xmlns="http://www.msn.com/webservices/AddressBook"><ManagedGroupRequest>false</ManagedGroupRequest><TicketToken>"#
            + ticket.xmlEscaped + "</TicketToken></ABAuthHeader></soap:Header><soap:Body>" + body + "</soap:Body></soap:Envelope>"
    }

    static func post(_ network: TestNetwork, _ path: String, _ method: String, ticket: String,
                     _ body: String) async throws -> RawHTTPClient.Response {
        let xml = envelope(ticket: ticket, #"<\#(method) xmlns="http://www.msn.com/webservices/AddressBook">\#(body)</\#(method)>"#)
        return try await RawHTTPClient.request(
            port: network.httpPort, method: "POST", path: path,
            headers: [("Content-Type", "text/xml; charset=utf-8"), ("SOAPAction", "http://www.msn.com/webservices/AddressBook/\(method)")],
            body: Array(xml.utf8))
    }

    static func ab(_ network: TestNetwork, _ method: String, ticket: String, _ body: String = "") async throws -> RawHTTPClient.Response {
        try await post(network, "/abservice/abservice.asmx", method, ticket: ticket, body)
    }

    static func sharing(_ network: TestNetwork, _ method: String, ticket: String, _ body: String = "") async throws -> RawHTTPClient.Response {
        try await post(network, "/abservice/SharingService.asmx", method, ticket: ticket, body)
    }

    static func ticket(_ network: TestNetwork, _ email: String, service: PassportService = .contacts) async throws -> String {
        let account = try #require(try await network.store.account(email: email))
        return await network.tickets.issue(account: account, service: service).ticket
    }

    static let findAll = "<abId>00000000-0000-0000-0000-000000000000</abId><abView>Full</abView><deltasOnly>false</deltasOnly><lastChange>0001-01-01T00:00:00.0000000-08:00</lastChange>"

    @Test func findAllShowsAContactAddedOverMSNP8() async throws {
        try await TestNetwork.withRunning { network in
            try await Helpers.createPeople(network)
            let alice = try await Helpers.signIn(network, "alice@example.com", .msnp8)
            try await alice.send("ADD 5 FL bob@example.com bob@example.com")
            #expect(try await Helpers.next(alice).line.hasPrefix("ADD 5 FL"))
            let guid = try #require(try await network.store.contactList(owner: "alice@example.com").entry(for: "bob@example.com")?.guid)
            let bob = try #require(try await network.store.account(email: "bob@example.com"))

            // The ticket comes from RST.srf, as a client gets it (contacts.msn.com, policy MBI).
            let (ticket, _) = try await PassportProbe.rst(port: network.httpPort, email: "alice@example.com", password: Helpers.password,
                                                          service: "contacts.msn.com", policy: "MBI")
            let response = try await Self.ab(network, "ABFindAll", ticket: ticket, Self.findAll)
            #expect(response.status == 200)
            #expect(response.header("Content-Type")?.hasPrefix("text/xml") == true)
            #expect(response.body.contains("<contactId>\(guid)</contactId>"))
            #expect(response.body.contains("<passportName>bob@example.com</passportName>"))
            #expect(response.body.contains("<displayName>Bob Jones</displayName>"))
            #expect(response.body.contains("<CID>\(bob.cidDecimal)</CID>"))
            #expect(response.body.contains("<contactType>Me</contactType>"))
            #expect(response.body.contains("<ownerEmail>alice@example.com</ownerEmail>"))

            // Bob's memberships: alice is on his RL.
            let membership = try await Self.sharing(network, "FindMembership", ticket: try await Self.ticket(network, "bob@example.com"))
            #expect(membership.status == 200)
            #expect(membership.body.contains("<MemberRole>Reverse</MemberRole><Members><Member xsi:type=\"PassportMember\">"))
            #expect(membership.body.contains("<PassportName>alice@example.com</PassportName>"))
        }
    }

    @Test func contactAddReachesAnMSNP8Peer() async throws {
        try await TestNetwork.withRunning { network in
            try await Helpers.createPeople(network)
            let bob = try await Helpers.signIn(network, "bob@example.com", .msnp8)
            let ticket = try await Self.ticket(network, "alice@example.com")
            let add = "<abId>00000000-0000-0000-0000-000000000000</abId><contacts><Contact><contactInfo><contactType>LivePending</contactType><passportName>Bob@Example.com</passportName><isMessengerUser>true</isMessengerUser></contactInfo></Contact></contacts><options><EnableAllowListManagement>true</EnableAllowListManagement></options>"
            let response = try await Self.ab(network, "ABContactAdd", ticket: ticket, add)
            #expect(response.status == 200, "\(response.body)")
            let guid = try #require(try await network.store.contactList(owner: "alice@example.com").entry(for: "bob@example.com")?.guid)
            #expect(response.body.contains("<ABContactAddResult><guid>\(guid)</guid></ABContactAddResult>"))
            #expect(try await Helpers.next(bob).line == "ADD 0 RL 1 alice@example.com Alice")

            let again = try await Self.ab(network, "ABContactAdd", ticket: ticket, add)
            #expect(again.status == 500 && again.body.contains("ContactAlreadyExists"))
            let unknown = try await Self.ab(network, "ABContactAdd", ticket: ticket, add.replacingOccurrences(of: "Bob@", with: "nobody@"))
            #expect(unknown.status == 500 && unknown.body.contains("InvalidPassportUser"))

            // Groups, nickname, own name, block: all seen in ABFindAll, values escaped.
            let group = try await Self.ab(network, "ABGroupAdd", ticket: ticket, #"<groupAddOptions><fRenameOnMsgrConflict>false</fRenameOnMsgrConflict></groupAddOptions><groupInfo><GroupInfo><name>Friends &amp; &lt;Co&gt;</name><groupType>c8529ce2-6ead-434d-881f-341e17db3ff8</groupType></GroupInfo></groupInfo>"#)
            #expect(group.status == 200, "\(group.body)")
            let groupID = try #require(try await network.store.contactList(owner: "alice@example.com").groups.first?.guid)
            let member = try await Self.ab(network, "ABGroupContactAdd", ticket: ticket, "<groupFilter><groupIds><guid>\(groupID)</guid></groupIds></groupFilter><contacts><Contact><contactId>\(guid)</contactId></Contact></contacts>")
            #expect(member.status == 200, "\(member.body)")
            // Bob watches alice (MSNP8, online); her new name over ABContactUpdate reaches him.
            try await bob.send("ADD 6 FL alice@example.com alice@example.com")
            #expect(try await Helpers.next(bob).line.hasPrefix("ADD 6 FL"))
            try await bob.send("CHG 7 NLN 0")
            #expect(try await Helpers.next(bob).line == "CHG 7 NLN 0")
            let aliceNS = try await Helpers.signIn(network, "alice@example.com", .msnp15)
            try await aliceNS.send("CHG 8 NLN 0")
            _ = try await Helpers.next(aliceNS)
            #expect(try await Helpers.next(bob).line.hasPrefix("NLN NLN alice@example.com Alice"))
            let me = try await Self.ab(network, "ABContactUpdate", ticket: ticket, "<contacts><Contact><contactInfo><contactType>Me</contactType><displayName>Alice \"A\"</displayName></contactInfo><propertiesChanged>DisplayName</propertiesChanged></Contact></contacts>")
            #expect(me.status == 200, "\(me.body)")
            #expect(try await Helpers.next(bob).line.hasPrefix("NLN NLN alice@example.com Alice%20\"A\""))
            let blocked = try await Self.sharing(network, "AddMember", ticket: ticket, "<serviceHandle><Id>0</Id><Type>Messenger</Type><ForeignId></ForeignId></serviceHandle><memberships><Membership><MemberRole>Block</MemberRole><Members><Member xsi:type=\"PassportMember\"><Type>Passport</Type><State>Accepted</State><PassportName>bob@example.com</PassportName></Member></Members></Membership></memberships>")
            #expect(blocked.status == 200, "\(blocked.body)")

            let all = try await Self.ab(network, "ABFindAll", ticket: ticket, Self.findAll)
            #expect(all.body.contains("<name>Friends &amp; &lt;Co&gt;</name>"))
            #expect(all.body.contains("<groupIds><guid>\(groupID)</guid></groupIds>"))
            #expect(all.body.contains("<displayName>Alice &quot;A&quot;</displayName>"))
            let lists = try #require(try await network.store.contactList(owner: "alice@example.com").entry(for: "bob@example.com")?.lists)
            #expect(lists == [.forward, .block, .reverse])
            let membership = try await Self.sharing(network, "FindMembership", ticket: ticket)
            #expect(membership.body.contains("<MembershipId>Block/\(guid)</MembershipId>"))

            let unblock = try await Self.sharing(network, "DeleteMember", ticket: ticket, "<memberships><Membership><MemberRole>Block</MemberRole><Members><Member><MembershipId>Block/\(guid)</MembershipId></Member></Members></Membership></memberships>")
            #expect(unblock.status == 200, "\(unblock.body)")
            let deleted = try await Self.ab(network, "ABContactDelete", ticket: ticket, "<contacts><Contact><contactId>\(guid)</contactId></Contact></contacts>")
            #expect(deleted.status == 200, "\(deleted.body)")
            #expect(try await network.store.contactList(owner: "alice@example.com").entry(for: "bob@example.com")?.lists == .reverse)
        }
    }

    @Test func refusesWithSOAPFaults() async throws {
        try await TestNetwork.withRunning { network in
            try await Helpers.createPeople(network)
            let wrongService = try await Self.ticket(network, "alice@example.com", service: .messengerClear)
            let foreign = try await Self.ab(network, "ABFindAll", ticket: wrongService, Self.findAll)
            #expect(foreign.status == 500 && foreign.body.contains("<faultcode>soap:Client</faultcode>") && foreign.body.contains("AuthenticationFailed"))
            let none = try await Self.ab(network, "ABFindAll", ticket: "t=garbage&p=", Self.findAll)
            #expect(none.status == 500 && none.body.contains("AuthenticationFailed"))

            let ticket = try await Self.ticket(network, "alice@example.com")
            let unknown = try await Self.ab(network, "ABNoSuchThing", ticket: ticket)
            #expect(unknown.status == 500 && unknown.body.contains("MethodNotSupported"))
            let onWrongEndpoint = try await Self.sharing(network, "ABFindAll", ticket: ticket, Self.findAll)
            #expect(onWrongEndpoint.status == 500)
            let missing = try await Self.ab(network, "ABContactAdd", ticket: ticket, "<contacts/>")
            #expect(missing.status == 500 && missing.body.contains("BadArgument"))

            for body in ["not xml", "<soap:Envelope", "<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>",
                         String(repeating: "<a>", count: 100) + String(repeating: "</a>", count: 100)] {
                let response = try await RawHTTPClient.request(port: network.httpPort, method: "POST", path: "/abservice/abservice.asmx",
                                                               headers: [("Content-Type", "text/xml")], body: Array(body.utf8))
                #expect(response.status == 500 && response.body.contains("soap:Fault"), "\(body.prefix(20))")
            }
            let huge = Array(repeating: UInt8(ascii: "a"), count: 300 * 1024)
            let large = try await RawHTTPClient.request(port: network.httpPort, method: "POST", path: "/abservice/SharingService.asmx", body: huge)
            #expect(large.status == 500 && large.body.contains("BadArgument"))
        }
    }
}
