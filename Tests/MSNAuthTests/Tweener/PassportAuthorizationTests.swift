import Testing

import MSNAuth

@Suite("PassportAuthorization")
struct PassportAuthorizationTests {
    static let policy = "lc=1033,id=507,tw=40,fs=1,ru=http%3A%2F%2Fmessenger%2Emsn%2Ecom,ct=1062764229,kpp=1,kv=5,ver=2.1.0173.1,tpf=43f8a4c8ed940c04e3740be46c4d1619"

    @Test("the client header has the shape of auth.md §2.2")
    func build() {
        let authorization = PassportAuthorization(signIn: "alice@passport.com", password: "secret", policy: Self.policy)
        #expect(authorization.headerValue
            == "Passport1.4 OrgVerb=GET,OrgURL=http%3A%2F%2Fmessenger%2Emsn%2Ecom,sign-in=alice%40passport.com,pwd=secret,"
            + Self.policy)
    }

    @Test("sign-in and pwd are percent-encoded so that the list cannot break")
    func encoding() {
        let authorization = PassportAuthorization(signIn: "a+b@hotmail.com", password: "p,w='d' %x é", policy: "")
        #expect(authorization.headerValue
            == "Passport1.4 OrgVerb=GET,OrgURL=http%3A%2F%2Fmessenger%2Emsn%2Ecom,sign-in=a%2Bb%40hotmail.com,"
            + "pwd=p%2Cw%3D%27d%27%20%25x%20%C3%A9")
    }

    @Test("build then parse gives the same credentials and policy",
          arguments: ["secret", "p,w='d' %x é", "", "a=b&c", "100%", "日本語"])
    func roundTrip(password: String) throws {
        let original = PassportAuthorization(signIn: "alice@passport.com", password: password, policy: Self.policy)
        let parsed = try PassportAuthorization(parsing: original.headerValue)
        #expect(parsed == original)
    }

    @Test("the server parses leniently: case, spaces, order, repeated scheme, raw @")
    func lenient() throws {
        let header = "  passport1.4 Passport1.4   pwd=abc%20def , lc=1033,SIGN-IN=bob@hotmail.com,  OrgVerb=GET,id=507 "
        let parsed = try PassportAuthorization(parsing: header)
        #expect(parsed.signIn == "bob@hotmail.com")
        #expect(parsed.password == "abc def")
        #expect(parsed.policy == "lc=1033,id=507")
    }

    @Test("a + stays a plus and a lone % is kept")
    func plusAndPercent() throws {
        let parsed = try PassportAuthorization(parsing: "Passport1.4 sign-in=a%40b.com,pwd=1+1%=2%4")
        #expect(parsed.password == "1+1%=2%4")
    }

    @Test("an unencoded apostrophe in a password does not break parsing")
    func apostrophe() throws {
        let parsed = try PassportAuthorization(parsing: "Passport1.4 sign-in=a@b.com,pwd=it's,lc=1033")
        #expect(parsed.password == "it's")
        #expect(parsed.policy == "lc=1033")
    }

    @Test("malformed headers give typed errors", arguments: [
        ("", AuthError.Code.malformedPassportHeader),
        ("Basic dXNlcjpwYXNz", .malformedPassportHeader),
        ("OrgVerb=GET,sign-in=a@b.com,pwd=x", .malformedPassportHeader),
        ("Passport1.4", .missingPassportParameter),
        ("Passport1.4 OrgVerb=GET,pwd=x", .missingPassportParameter),
        ("Passport1.4 sign-in=,pwd=x", .missingPassportParameter),
        ("Passport1.4 sign-in=a@b.com", .missingPassportParameter),
        ("Passport1.4 sign-in=a@b.com,pwd=%FF%FE", .malformedPassportHeader),
        ("Passport1.4 sign-in=a@b.com,pwd=x,from-PP='unclosed", .malformedPassportHeader),
    ])
    func malformed(header: String, code: AuthError.Code) {
        #expect { try PassportAuthorization(parsing: header) } throws: { ($0 as? AuthError)?.code == code }
    }

    @Test("oversized headers and too many parameters are refused")
    func oversized() {
        let long = "Passport1.4 sign-in=a@b.com,pwd=" + String(repeating: "x", count: 20_000)
        #expect { try PassportAuthorization(parsing: long) } throws: { ($0 as? AuthError)?.code == .malformedPassportHeader }
        let many = "Passport1.4 sign-in=a@b.com,pwd=x," + Array(repeating: "a=b", count: 100).joined(separator: ",")
        #expect { try PassportAuthorization(parsing: many) } throws: { ($0 as? AuthError)?.code == .malformedPassportHeader }
    }

    @Test("errors and description never contain the password")
    func noPasswordLeak() {
        let authorization = PassportAuthorization(signIn: "alice@passport.com", password: "hunter2", policy: "lc=1033")
        #expect(!authorization.description.contains("hunter2"))
        do {
            _ = try PassportAuthorization(parsing: "Passport1.4 pwd=hunter2")
            Issue.record("expected an error")
        } catch {
            #expect(!error.description.contains("hunter2"))
        }
    }
}
