import Testing

@testable import MSNServer

@Suite("SecurityTokenRequestParser")
struct SecurityTokenRequestParserTests {
    private func parse(_ text: String, limits: SecurityTokenRequestParser.Limits = .init()) -> Result<SecurityTokenRequest, SecurityTokenRequestParser.Failure> {
        SecurityTokenRequestParser.parse(Array(text.utf8), limits: limits)
    }

    @Test("an RST request: credentials, addresses, policies, flavor")
    func rst() throws {
        let request = try parse(SecurityTokenRequestBodies.rst(username: "alice@example.com", password: "a&amp;b")).get()
        #expect(request.flavor == .wsTrust2004)
        #expect(request.username == "alice@example.com")
        #expect(request.password == "a&b")
        #expect(request.tokens == [
            .init(id: "RST0", address: "http://Passport.NET/tb", policyReference: nil),
            .init(id: "RST1", address: "messengerclear.live.com", policyReference: "MBI_KEY_OLD"),
            .init(id: "RST2", address: "contacts.msn.com", policyReference: "MBI"),
        ])
        #expect(request.tokens.map(\.service) == [.passportTB, .messengerClear, .contacts])
    }

    @Test("an RST2 request is WS-Trust 2005")
    func rst2() throws {
        let request = try parse(SecurityTokenRequestBodies.rst2(username: "bob@example.com", password: "pw")).get()
        #expect(request.flavor == .wsTrust2005)
        #expect(request.username == "bob@example.com")
        #expect(request.tokens.map(\.address) == ["http://Passport.NET/tb", "messengerclear.live.com", "contacts.msn.com"])
        #expect(request.tokens[1].policyReference == "MBI_KEY_OLD")
    }

    @Test("refusals", arguments: [
        ("", "malformed"),
        ("not xml at all", "malformed"),
        ("<Envelope><Header>", "malformed"),
        ("<a><b></a></b>", "malformed"),
        ("<?xml version=\"1.0\"?><!DOCTYPE lol [<!ENTITY lol \"lol\">]><Envelope>&lol;</Envelope>", "malformed"),
        ("<Envelope><Body><RequestSecurityToken><Address>x</Address></RequestSecurityToken></Body></Envelope>", "credentials"),
        ("<Envelope><Username>a</Username><Password>b</Password></Envelope>", "tokens"),
        ("<Envelope><Username>a</Username><Password>b</Password><RequestSecurityToken></RequestSecurityToken></Envelope>", "tokens"),
        (String(repeating: "<a>", count: 100) + String(repeating: "</a>", count: 100), "large"),
    ])
    func refusals(body: String, kind: String) {
        switch (parse(body), kind) {
        case (.failure(.malformed), "malformed"), (.failure(.missingCredentials), "credentials"),
             (.failure(.noTokens), "tokens"), (.failure(.tooLarge), "large"):
            break
        case (let outcome, _):
            Issue.record("expected \(kind), got \(outcome)")
        }
    }

    @Test("too many requested tokens")
    func tooManyTokens() {
        let addresses = (0..<5).map { ("service\($0).example.com", String?.none) }
        let body = SecurityTokenRequestBodies.rst(username: "a@example.com", password: "b", addresses: addresses)
        guard case .failure(.tooLarge) = parse(body, limits: .init(maximumTokens: 4)) else {
            Issue.record("five tokens passed a limit of four")
            return
        }
        #expect((try? parse(body, limits: .init(maximumTokens: 5)).get())?.tokens.count == 5)
    }

    @Test("over-long text")
    func longText() {
        let body = SecurityTokenRequestBodies.rst(username: String(repeating: "a", count: 5000), password: "b")
        guard case .failure(.tooLarge) = parse(body) else {
            Issue.record("a 5000-byte username passed")
            return
        }
    }
}
