import Foundation
import MSNCore
import MSNServer
import MSNTestSupport
import Testing

/// Same-mode `218`, MSNP10–12 delta `SYN`, MPOP own-endpoint pushes, `ABFindContactsPaged`,
/// and hostile `ADL`s that must leave nothing half-written — over loopback, real sign-ins.
@Suite(.timeLimit(.minutes(2))) struct ContactsExtrasLoopbackTests {
    typealias Helpers = ContactsLoopbackTests
    typealias Membership = MembershipLoopbackTests

    /// Reads the full `SYN` answer of an account without contacts or groups (MSNP10–12):
    /// `SYN t ts ts 0 0`, `GTC`, `BLP`, `PRP MFN`.
    static func readEmptyDump(_ client: LineClient) async throws -> Frame {
        let syn = try await Helpers.next(client)
        #expect(syn.verb == .syn && syn.arguments.count == 4, "\(syn.line)")
        let rest = try await client.readFrames(3)
        #expect(rest.map(\.verb) == [.gtc, .blp, .prp])
        return syn
    }

    @Test func sameModeIs218AndDeltaSyncIsBare() async throws {
        try await TestNetwork.withRunning { network in
            try await Helpers.createPeople(network)
            let alice = try await Helpers.signIn(network, "alice@example.com", .msnp11)

            try await alice.send("SYN 5 0 0")
            let first = try await Self.readEmptyDump(alice)
            let (lists, settings) = (String(first.arguments[0]), String(first.arguments[1]))

            // Nothing changed since: the bare SYN, and nothing after it (PNG's QNG comes next).
            try await alice.send("SYN 6 \(lists) \(settings)")
            #expect(try await Helpers.next(alice).line == "SYN 6 \(lists) \(settings)")
            try await alice.send("PNG")
            #expect(try await Helpers.next(alice).verb == .qng)

            // Already in that mode: 218, and nothing changes; another mode is taken.
            try await alice.send("BLP 7 AL")
            #expect(try await Helpers.next(alice).line == "218 7")
            try await alice.send("GTC 8 A")
            #expect(try await Helpers.next(alice).line == "218 8")
            try await alice.send("BLP 9 BL")
            #expect(try await Helpers.next(alice).line == "BLP 9 BL")
            try await alice.send("GTC 10 N")
            #expect(try await Helpers.next(alice).line == "GTC 10 N")
            let stored = try await network.store.contactList(owner: "alice@example.com").settings
            #expect(stored.privacyMode == .blockUnlisted && stored.notifyOnAdd == false)

            // The settings changed: the old timestamps get the whole dump again.
            try await alice.send("SYN 11 \(lists) \(settings)")
            let again = try await Self.readEmptyDump(alice)
            #expect(String(again.arguments[1]) != settings)
        }
    }

    @Test func mpopEndpointsSeeTheirOwnStatusAndMessage() async throws {
        try await TestNetwork.withRunning { network in
            try await Helpers.createPeople(network)
            let laptop = try await Helpers.signIn(network, "alice@example.com", .msnp18,
                                                  machineGUID: "{11111111-1111-1111-1111-111111111111}")
            try await laptop.send("CHG 5 NLN 1073741824:48 0")
            #expect(try await Helpers.next(laptop).line.hasPrefix("CHG 5 NLN"))
            let phone = try await Helpers.signIn(network, "alice@example.com", .msnp18,
                                                 machineGUID: "{22222222-2222-2222-2222-222222222222}")
            #expect(await network.registry.sessions(of: "alice@example.com").count == 2)

            // A status set on the phone shows on the laptop as alice's own NLN.
            try await phone.send("CHG 6 BSY 1073741824:48 0")
            #expect(try await Helpers.next(phone).line.hasPrefix("CHG 6 BSY"))
            let own = try await Helpers.next(laptop)
            #expect(own.verb == .nln && own.line.hasPrefix("NLN BSY 1:alice@example.com Alice 1073741824:48"), "\(own.line)")

            // A personal message set on the laptop reaches the phone as alice's own UBX.
            let psm = "<Data><PSM>at work</PSM><CurrentMedia></CurrentMedia></Data>"
            try await laptop.send("UUX 7 \(psm.utf8.count)\r\n\(psm)")
            var ubx = try await phone.readFrame()
            while ubx.verb != .ubx { ubx = try await phone.readFrame() }
            #expect(ubx.line.hasPrefix("UBX 1:alice@example.com"), "\(ubx.line)")
            #expect(ubx.payloadText?.contains("<PSM>at work</PSM>") == true)
        }
    }

    @Test func findContactsPagedReturnsTheWholeBook() async throws {
        try await TestNetwork.withRunning { network in
            try await Helpers.createPeople(network)
            _ = try await network.store.addContact(owner: "alice@example.com", contact: "bob@example.com", to: .forward)
            let ticket = try await AddressBookRoutesTests.ticket(network, "alice@example.com")
            let filter = "<filterOptions><DeltasOnly>false</DeltasOnly><LastChanged>0001-01-01T00:00:00.0000000-08:00</LastChanged>"
                + "<PageNumber>1</PageNumber><ContactFilter><IncludeHiddenContacts>true</IncludeHiddenContacts></ContactFilter>"
                + "</filterOptions><abView>MessengerClient8</abView><extendedContent>AB AllGroups CircleResult</extendedContent>"
            let response = try await AddressBookRoutesTests.ab(network, "ABFindContactsPaged", ticket: ticket, filter)
            #expect(response.status == 200, "\(response.body.prefix(300))")
            for part in ["<ABFindContactsPagedResponse", "<ABFindContactsPagedResult><Groups", "<Contacts><Contact>",
                         "<passportName>bob@example.com</passportName>", "<contactType>Me</contactType>",
                         "<Ab><abId>00000000-0000-0000-0000-000000000000</abId>", "<ownerEmail>alice@example.com</ownerEmail>"] {
                #expect(response.body.contains(part), "missing \(part)")
            }
            // The same contact GUID as in ABFindAll and MSNP10–12 LST C=.
            let guid = try #require(try await network.store.contactList(owner: "alice@example.com").entry(for: "bob@example.com")?.guid)
            #expect(response.body.contains("<contactId>\(guid)</contactId>"))
        }
    }

    @Test func hostileADLsLeaveNothingHalfWritten() async throws {
        try await TestNetwork.withRunning { network in
            try await Helpers.createPeople(network)
            let alice = try await Helpers.signIn(network, "alice@example.com", .msnp15)

            // A known contact and one in an unknown domain: 208, and bob was not added either.
            let mixed = #"<ml><d n="example.com"><c n="bob" l="3" t="1"/></d><d n="nowhere.invalid"><c n="ghost" l="1" t="1"/></d></ml>"#
            try await Membership.send(alice, "ADL", 5, mixed)
            #expect(try await Helpers.next(alice).line == "208 5")
            #expect(try await network.store.contactList(owner: "alice@example.com").entry(for: "bob@example.com") == nil)

            // A hundred thousand contacts: refused and the connection closed, nothing written.
            let flood = #"<ml><d n="example.com">"# + String(repeating: #"<c n="bob" l="1" t="1"/>"#, count: 100_000) + "</d></ml>"
            try? await alice.send("ADL 6 \(flood.utf8.count)\r\n\(flood)")
            let frames = try await alice.readUntilClosed(timeout: .seconds(30))
            #expect(!frames.contains { $0.line.hasPrefix("ADL 6 OK") }, "\(frames.map(\.line))")
            #expect(try await network.store.contactList(owner: "alice@example.com").contacts.isEmpty)
            #expect(try await network.store.contactList(owner: "bob@example.com").contacts.isEmpty)
        }
    }
}
