import Testing

@testable import MSNServer

@Suite("PassportAuthorization")
struct PassportAuthorizationTests {
    @Test("a Passport 1.4 header as MSN 6 sends it")
    func typical() throws {
        let header = "Passport1.4 OrgVerb=GET,OrgURL=http%3A%2F%2Fmessenger%2Emsn%2Ecom,sign-in=alice%40example.com,pwd=p%40ss%2Cw%25rd,ct=1,rver=1,wp=FS_40SEC_0_COMPACT,lc=1,id=1"
        let parsed = try #require(PassportAuthorization(headerValue: header))
        #expect(parsed.signIn == "alice@example.com")
        #expect(parsed.password == "p@ss,w%rd")
        #expect(parsed.orgURL == "http://messenger.msn.com")
        #expect(parsed.parameters.count == 9)
        #expect(parsed.parameters.last == .init(name: "id", value: "1"))
    }

    @Test("a repeated scheme word and spaces are tolerated")
    func repeatedScheme() throws {
        let parsed = try #require(PassportAuthorization(headerValue: "Passport1.4 Passport1.4 sign-in=bob%40example.com, pwd=x+y"))
        #expect(parsed.signIn == "bob@example.com")
        #expect(parsed.password == "x+y")
        #expect(parsed.orgURL == nil)
    }

    @Test("headers that are not Passport 1.4 sign-ins", arguments: [
        "", "Basic YWxpY2U6c2VjcmV0", "Passport1.4", "Passport1.4 OrgVerb=GET", "Passport1.4 sign-in=alice%40example.com",
        "Passport1.4 pwd=secret", "Passport1.3 sign-in=a,pwd=b", "Passport1.4 " + String(repeating: "x", count: 9000) + ",sign-in=a,pwd=b",
    ])
    func rejected(header: String) {
        #expect(PassportAuthorization(headerValue: header) == nil)
    }

    @Test("percent-decoding keeps malformed escapes")
    func percentDecoding() {
        #expect(PassportAuthorization.percentDecoded("a%20b%2") == "a b%2")
        #expect(PassportAuthorization.percentDecoded("%zz%41") == "%zzA")
        #expect(PassportAuthorization.percentDecoded("%C3%A9") == "é")
        #expect(PassportAuthorization.percentDecoded("%FF") == "\u{FFFD}")
    }
}
