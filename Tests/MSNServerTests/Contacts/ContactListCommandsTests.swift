import Foundation
import MSNCore
import Testing

@testable import MSNServer

@Suite("ContactListCommands, ContactListDump, PresenceCommands")
struct ContactListCommandsTests {
    func parse(_ line: String, _ dialect: Dialect) -> ContactListCommands.Outcome {
        ContactListCommands.parse(.client(line, dialect: dialect), dialect: dialect, me: "alice@example.com")
    }

    @Test func legacyCommands() {
        #expect(parse("SYN 5 12", .msnp5) == .command(.sync(clientVersion: 12)))
        #expect(parse("ADD 6 FL Bob@Example.com Bob", .msnp5) == .command(.add(.forward, .email("bob@example.com"), group: nil)))
        #expect(parse("ADD 6 FL bob@example.com Bob 2", .msnp7) == .command(.add(.forward, .email("bob@example.com"), group: .number(2))))
        #expect(parse("ADD 6 RL bob@example.com Bob", .msnp8) == .error(.invalidParameter))
        #expect(parse("ADD 6 FL not-an-address Bob", .msnp8) == .error(.invalidParameter))
        #expect(parse("REM 7 BL bob@example.com", .msnp2) == .command(.remove(.block, .email("bob@example.com"), group: nil)))
        #expect(parse("ADG 8 Best%20Friends 0", .msnp7) == .command(.addGroup(name: "Best Friends")))
        #expect(parse("ADG 8 \(String(repeating: "x", count: 62)) 0", .msnp7) == .error(.groupNameTooLong))
        #expect(parse("ADG 8 Friends 0", .msnp5) == .notHandled)
        #expect(parse("RMG 9 0", .msnp8) == .error(.cannotRemoveGroupZero))
        #expect(parse("REG 9 1 Pals 0", .msnp9) == .command(.renameGroup(.number(1), name: "Pals")))
        #expect(parse("BLP 10 BL", .msnp3) == .command(.setPrivacyMode(.blockUnlisted)))
        #expect(parse("BLP 10 XX", .msnp3) == .error(.invalidParameter))
        #expect(parse("GTC 11 N", .msnp9) == .command(.setNotifyOnAdd(false)))
        #expect(parse("REA 12 alice@example.com Alice%20S.", .msnp8) == .command(.setFriendlyName("Alice S.")))
        #expect(parse("REA 12 bob@example.com Bobby", .msnp8) == .command(.setNickname(.email("bob@example.com"), "Bobby")))
        #expect(parse("ADC 6 FL N=bob@example.com", .msnp8) == .notHandled)
    }

    @Test func abchCommands() {
        #expect(parse("SYN 5 0 0", .msnp11) == .command(.sync(clientVersion: 0)))
        #expect(parse("ADC 6 FL N=bob@example.com F=Bob", .msnp10) == .command(.add(.forward, .email("bob@example.com"), group: nil)))
        #expect(parse("ADC 6 AL N=bob@example.com", .msnp12) == .command(.add(.allow, .email("bob@example.com"), group: nil)))
        #expect(parse("ADC 6 FL C=abc-def 123-456", .msnp11) == .command(.add(.forward, .guid("abc-def"), group: .guid("123-456"))))
        #expect(parse("ADC 6 FL N=bad", .msnp11) == .error(.invalidParameter))
        #expect(parse("REM 7 FL abc-def", .msnp11) == .command(.remove(.forward, .guid("abc-def"), group: nil)))
        #expect(parse("REM 7 BL bob@example.com", .msnp11) == .command(.remove(.block, .email("bob@example.com"), group: nil)))
        #expect(parse("SBP 8 abc-def MFN Bobby", .msnp11) == .command(.setNickname(.guid("abc-def"), "Bobby")))
        #expect(parse("PRP 9 MFN Alice%20S.", .msnp10) == .command(.setFriendlyName("Alice S.")))
        #expect(parse("ADD 6 FL bob@example.com bob", .msnp10) == .notHandled)
        #expect(parse("SYN 5 0 0", .msnp13) == .notHandled)
        #expect(parse("BLP 5 AL", .msnp15) == .command(.setPrivacyMode(.allowUnlisted)))
    }

    static let list = ContactList(
        settings: ContactListSettings(friendlyName: "Alice", version: 4),
        groups: [ContactGroup(number: 1, guid: "g-1", name: "Friends")],
        contacts: [ContactEntry(email: "bob@example.com", friendlyName: "Bob Jones", lists: [.forward, .allow, .reverse],
                                guid: "c-1", groups: [1]),
                   ContactEntry(email: "carol@example.com", friendlyName: "Carol", lists: [.reverse, .pending], guid: "c-2")])

    @Test func dumpMSNP2to7() {
        let lines = ContactListDump.frames(Self.list, transactionID: 6, clientVersion: 0, dialect: .msnp5).map(\.line)
        #expect(lines == ["SYN 6 4", "GTC 6 4 A", "BLP 6 4 AL",
                          "LST 6 FL 4 1 1 bob@example.com Bob%20Jones", "LST 6 AL 4 1 1 bob@example.com Bob%20Jones",
                          "LST 6 BL 4 0 0",
                          "LST 6 RL 4 1 2 bob@example.com Bob%20Jones", "LST 6 RL 4 2 2 carol@example.com Carol"])
        let msnp7 = ContactListDump.frames(Self.list, transactionID: 6, clientVersion: 0, dialect: .msnp7).map(\.line)
        #expect(msnp7.contains("LSG 6 4 1 2 0 Other%20Contacts 0"))
        #expect(msnp7.contains("LSG 6 4 2 2 1 Friends 0"))
        #expect(msnp7.contains("LST 6 FL 4 1 1 bob@example.com Bob%20Jones 1"))
        #expect(ContactListDump.frames(Self.list, transactionID: 6, clientVersion: 4, dialect: .msnp7).map(\.line) == ["SYN 6 4"])
    }

    @Test func dumpMSNP8to12() {
        #expect(ContactListDump.frames(Self.list, transactionID: 5, clientVersion: 0, dialect: .msnp8).map(\.line) == [
            "SYN 5 4 2 2", "GTC A", "BLP AL", "LSG 0 Other%20Contacts 0", "LSG 1 Friends 0",
            "LST bob@example.com Bob%20Jones 11 1", "LST carol@example.com Carol 8"])
        let msnp11 = ContactListDump.frames(Self.list, transactionID: 5, clientVersion: 0, dialect: .msnp11).map(\.line)
        #expect(msnp11.first == "SYN 5 2000-01-01T00:00:00.0000000-00:00 2000-01-01T00:00:00.0000000-00:00 2 1")
        #expect(Array(msnp11.dropFirst()) == ["GTC A", "BLP AL", "PRP MFN Alice", "LSG Friends g-1",
                                              "LST N=bob@example.com F=Bob%20Jones C=c-1 11 g-1",
                                              "LST N=carol@example.com F=Carol 24"])
        let msnp12 = ContactListDump.frames(Self.list, transactionID: 5, clientVersion: 0, dialect: .msnp12).map(\.line)
        #expect(msnp12.contains("LST N=bob@example.com F=Bob%20Jones C=c-1 11 1 g-1"))
        #expect(ContactListDump.timestamp(Date(timeIntervalSince1970: 1_114_307_864.5)) == "2005-04-24T01:57:44.5000000-00:00")
    }

    @Test func presenceLinesPerDialect() {
        let state = PresenceState(status: .away, capabilities: 1073741824, extendedCapabilities: 48,
                                  friendlyName: "Bob Jones", personalMessage: "hi")
        let bob = "bob@example.com"
        #expect(PresenceCommands.online(bob, state, dialect: .msnp5).line == "NLN AWY bob@example.com Bob%20Jones")
        #expect(PresenceCommands.online(bob, state, dialect: .msnp8).line == "NLN AWY bob@example.com Bob%20Jones 1073741824")
        #expect(PresenceCommands.initial(bob, state, transactionID: 7, dialect: .msnp11).line
                == "ILN 7 AWY bob@example.com Bob%20Jones 1073741824 %3Cmsnobj%2F%3E")
        #expect(PresenceCommands.initial(bob, state, transactionID: 7, dialect: .msnp14).line
                == "ILN 7 AWY bob@example.com 1 Bob%20Jones 1073741824 %3Cmsnobj%2F%3E")
        #expect(PresenceCommands.initial(bob, state, transactionID: 7, dialect: .msnp18).line
                == "NLN AWY 1:bob@example.com Bob%20Jones 1073741824:48 %3Cmsnobj%2F%3E")
        #expect(PresenceCommands.offline(bob, dialect: .msnp2).line == "FLN bob@example.com")
        #expect(PresenceCommands.offline(bob, dialect: .msnp15).line == "FLN bob@example.com 1 0")
        #expect(PresenceCommands.offline(bob, dialect: .msnp18).line == "FLN 1:bob@example.com 0:0")
        #expect(PresenceCommands.personalMessage(bob, state, dialect: .msnp10) == nil)
        #expect(PresenceCommands.personalMessage(bob, state, dialect: .msnp11)?.line == "UBX bob@example.com 55")
        #expect(PresenceCommands.personalMessage(bob, state, dialect: .msnp18)?.line == "UBX 1:bob@example.com 55")
    }

    @Test func parseChange() {
        let change = PresenceCommands.parseChange(.client("CHG 9 BSY 2789003324:48 %3Cmsnobj%20Size%3D%221%22%2F%3E", dialect: .msnp18),
                                                  dialect: .msnp18)
        #expect(change?.status == .busy)
        #expect(change?.capabilities == 2789003324 && change?.extendedCapabilities == 48)
        #expect(change?.msnObject == "<msnobj Size=\"1\"/>")
        #expect(PresenceCommands.parseChange(.client("CHG 9 FLN", dialect: .msnp5), dialect: .msnp5) == nil)
        #expect(PresenceCommands.parseChange(.client("CHG 9 XYZ 0", dialect: .msnp8), dialect: .msnp8) == nil)
        let psm = PresenceCommands.parsePersonalMessage("<Data><PSM>a &amp; b</PSM><CurrentMedia></CurrentMedia></Data>")
        #expect(psm.message == "a &amp; b" && psm.media == "")
    }
}
