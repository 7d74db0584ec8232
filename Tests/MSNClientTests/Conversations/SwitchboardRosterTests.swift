import MSNCore
import Testing
@testable import MSNClient

@Suite("Switchboard roster")
struct SwitchboardRosterTests {
    @Test("MSNP2–15: JOI and BYE with bare handles; the client itself is never a participant")
    func bare() {
        var roster = SwitchboardRoster(me: "Alice@example.com")
        #expect(roster.join(EndpointHandle("bob@example.com")) == "bob@example.com")
        #expect(roster.join(EndpointHandle("alice@example.com")) == nil)
        #expect(roster.join(EndpointHandle("Carol@Example.com")) == "carol@example.com")
        #expect(roster.participants == ["bob@example.com", "carol@example.com"])
        #expect(roster.leave(EndpointHandle("bob@example.com")) == "bob@example.com")
        #expect(roster.leave(EndpointHandle("bob@example.com")) == nil)
        #expect(roster.participants == ["carol@example.com"])
    }

    @Test("MSNP16+: endpoint and bare forms (Escargot transcript) count one account")
    func endpoints() {
        var roster = SwitchboardRoster(me: "bob@example.com")
        // IRO 1 1 2 alice@example.com;{edabafbb-…} / IRO 1 2 2 alice@example.com
        #expect(roster.join(EndpointHandle("alice@example.com;{edabafbb-61ad-51d6-9fd8-e976c892a731}")) == "alice@example.com")
        #expect(roster.join(EndpointHandle("alice@example.com")) == nil)
        // JOI bob@example.com (the client's own bare form)
        #expect(roster.join(EndpointHandle("bob@example.com")) == nil)
        #expect(roster.participants == ["alice@example.com"])
        // BYE alice@example.com;{…} then BYE alice@example.com
        #expect(roster.leave(EndpointHandle("alice@example.com;{edabafbb-61ad-51d6-9fd8-e976c892a731}")) == nil)
        #expect(roster.contains("alice@example.com"))
        #expect(roster.leave(EndpointHandle("alice@example.com")) == "alice@example.com")
        #expect(roster.isEmpty)
    }

    @Test("An account only ever named with endpoints leaves with its last endpoint")
    func endpointOnly() {
        var roster = SwitchboardRoster(me: "bob@example.com")
        _ = roster.join(EndpointHandle("alice@example.com;{A}"))
        _ = roster.join(EndpointHandle("alice@example.com;{B}"))
        #expect(roster.leave(EndpointHandle("alice@example.com;{A}")) == nil)
        #expect(roster.leave(EndpointHandle("alice@example.com;{B}")) == "alice@example.com")
    }
}

extension SwitchboardRosterTests {
    @Test("A flood of JOIs is bounded")
    func bounded() {
        var roster = SwitchboardRoster(me: "alice@example.com")
        for index in 0..<1000 { _ = roster.join(EndpointHandle("user\(index)@example.com")) }
        #expect(roster.participants.count == SwitchboardRoster.maximumParticipants)
        for index in 0..<1000 { _ = roster.join(EndpointHandle("user0@example.com;{\(index)}")) }
        #expect(roster.leave(EndpointHandle("user0@example.com")) == "user0@example.com")
    }
}
