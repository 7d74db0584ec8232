import MSNCore
import Testing

@Suite struct SwitchboardGrammarTests {
    static let guid = "{EDABAFBB-61AD-51D6-9FD8-E976C892A731}"

    @Test(arguments: [
        GrammarFixture.success("USR 1 alice@example.com 930e8325d57c0967e0a4",
                               SwitchboardLoginRequest(handle: EndpointHandle(account: "alice@example.com"),
                                                       cookie: "930e8325d57c0967e0a4"), from: .client, .msnp2),
        .success("USR 1 alice@example.com;\(guid) c1b42040841307ddfc1f",
                 SwitchboardLoginRequest(handle: EndpointHandle(account: "alice@example.com", endpoint: guid, dialect: .msnp18),
                                         cookie: "c1b42040841307ddfc1f"), from: .client, .msnp18),
        .failure("USR 1 alice@example.com", .missingArgument, from: .client),
    ])
    func loginRequest(_ fixture: GrammarFixture<SwitchboardLoginRequest>) throws { try fixture.check() }

    @Test(arguments: [
        GrammarFixture.success("USR 1 OK alice@example.com;\(guid) Alice%20Smith",
                               SwitchboardLoginReply(transactionID: 1, handle: EndpointHandle("alice@example.com;\(guid)"),
                                                     friendlyName: URLEncodedName("Alice Smith")), from: .server, .msnp16),
        .failure("USR 1 NO alice@example.com x", .invalidArgument, from: .server),
        .failure("USR 1 OK alice@example.com B%FF", .invalidArgument, from: .server),
    ])
    func loginReply(_ fixture: GrammarFixture<SwitchboardLoginReply>) throws { try fixture.check() }

    static let sampleInvitation = SwitchboardInvitation(sessionID: "11752013", address: "207.46.108.38:1863",
                                                  cookie: "849102291.520491113", inviter: "alice@example.com",
                                                  inviterName: URLEncodedName("Alice"), dialect: .msnp12)

    @Test(arguments: [
        GrammarFixture.success("ANS 1 bob@example.com 849102291.520491113 11752013",
                               SwitchboardAnswer(handle: EndpointHandle(account: "bob@example.com"), invitation: sampleInvitation),
                               from: .client),
        .failure("ANS 1 bob@example.com 849102291.520491113", .missingArgument, from: .client),
    ])
    func answer(_ fixture: GrammarFixture<SwitchboardAnswer>) throws { try fixture.check() }

    static func rng(_ dialect: Dialect) -> SwitchboardInvitation {
        SwitchboardInvitation(sessionID: "11752013", address: "207.46.108.38:1863", cookie: "849102291.520491113",
                              inviter: "alice@example.com", inviterName: URLEncodedName("Alice Smith"), dialect: dialect)
    }

    @Test(arguments: [
        GrammarFixture.success("RNG 11752013 207.46.108.38:1863 CKI 849102291.520491113 alice@example.com Alice%20Smith",
                               rng(.msnp12), from: .server, .msnp12),
        .success("RNG 11752013 207.46.108.38:1863 CKI 849102291.520491113 alice@example.com Alice%20Smith U messenger.hotmail.com",
                 rng(.msnp13), from: .server, .msnp13),
        .success("RNG 11752013 207.46.108.38:1863 CKI 849102291.520491113 alice@example.com Alice%20Smith U messenger.hotmail.com 1",
                 rng(.msnp18), from: .server, .msnp18),
        .failure("RNG 11752013 207.46.108.38:1863 XYZ 849102291.520491113 alice@example.com Alice", .invalidArgument, from: .server),
        .failure("RNG 11752013 207.46.108.38:1863 CKI 849102291.520491113 alice@example.com", .missingArgument, from: .server),
        .failure("RNG 1 a:1 CKI c alice@example.com Alice U messenger.hotmail.com 2", .invalidArgument, from: .server),
    ])
    func invitation(_ fixture: GrammarFixture<SwitchboardInvitation>) throws { try fixture.check() }

    @Test(arguments: [
        GrammarFixture.success("IRO 1 1 1 alice@example.com Alice",
                               RosterEntry(transactionID: 1, index: 1, count: 1, handle: EndpointHandle("alice@example.com"),
                                           friendlyName: URLEncodedName("Alice")), from: .server, .msnp5),
        .success("IRO 1 1 2 alice@example.com;\(guid) Alice%20Smith 2789003324:48",
                 RosterEntry(transactionID: 1, index: 1, count: 2, handle: EndpointHandle("alice@example.com;\(guid)"),
                             friendlyName: URLEncodedName("Alice Smith"), capabilities: "2789003324:48"), from: .server, .msnp18),
        .failure("IRO 1 3 2 alice@example.com Alice", .invalidArgument, from: .server),
        .failure("IRO 1 x 2 alice@example.com Alice", .invalidArgument, from: .server),
        .failure("IRO 1 1 1 alice@example.com", .missingArgument, from: .server),
    ])
    func roster(_ fixture: GrammarFixture<RosterEntry>) throws { try fixture.check() }

    @Test(arguments: [
        GrammarFixture.success("JOI bob@example.com Bob", JoinNotice(handle: EndpointHandle("bob@example.com"),
                                                                     friendlyName: URLEncodedName("Bob")), from: .server, .msnp8),
        .success("JOI bob@example.com Bob 1342177280",
                 JoinNotice(handle: EndpointHandle("bob@example.com"), friendlyName: URLEncodedName("Bob"),
                            capabilities: "1342177280"), from: .server, .msnp12),
        .failure("JOI bob@example.com B%FF", .invalidArgument, from: .server),
        .failure("JOI bob@example.com", .missingArgument, from: .server),
    ])
    func join(_ fixture: GrammarFixture<JoinNotice>) throws { try fixture.check() }

    @Test(arguments: [
        GrammarFixture.success("BYE bob@example.com", LeaveNotice(handle: EndpointHandle("bob@example.com")), from: .server),
        .success("BYE bob@example.com;\(guid) 1",
                 LeaveNotice(handle: EndpointHandle("bob@example.com;\(guid)"), timedOut: true), from: .server, .msnp18),
        .failure("BYE", .missingArgument, from: .server),
    ])
    func leave(_ fixture: GrammarFixture<LeaveNotice>) throws { try fixture.check() }

    @Test func endpointHandles() {
        #expect(EndpointHandle("a@b.c;{X}") == EndpointHandle(account: "a@b.c", endpoint: "{X}"))
        #expect(EndpointHandle("a@b.c").endpoint == nil && EndpointHandle("a@b.c").description == "a@b.c")
        #expect(EndpointHandle(account: "a@b.c", endpoint: "{X}", dialect: .msnp15).endpoint == nil)
        #expect(EndpointHandle(account: "a@b.c", endpoint: "{X}", dialect: .msnp16).description == "a@b.c;{X}")
    }
}
