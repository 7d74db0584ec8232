import Testing

@testable import MSNServer

/// Nexus and Passport 1.4 against the real service on 127.0.0.1, port 0.
@Suite("Passport 1.4 over HTTP", .timeLimit(.minutes(2)))
struct PassportRoutesTests {
    @Test("Nexus advertises the request's host when nothing is configured")
    func nexusFromHost() async throws {
        try await withHTTPService { harness in
            let response = try await RawHTTPClient.request(port: harness.port, method: "GET", path: "/rdr/pprdr.asp")
            #expect(response.status == 200)
            let urls = try #require(response.header("PassportURLs"))
            #expect(urls.hasPrefix("DARealm=Passport.Net,DALogin=127.0.0.1:\(harness.port)/login2.srf,"))
        }
    }

    @Test("Nexus advertises the configured base, scheme included")
    func nexusConfigured() async throws {
        let configuration = MessengerHTTPService.Configuration(host: "127.0.0.1", port: 0, advertisedLoginBase: "https://login.example.net/")
        try await withHTTPService(configuration: configuration) { harness in
            let response = try await RawHTTPClient.request(port: harness.port, method: "GET", path: "/rdr/pprdr.asp")
            #expect(response.header("PassportURLs")?.contains("DALogin=https://login.example.net/login2.srf,") == true)
        }
    }

    @Test("login2.srf with the right password: a messenger.msn.com ticket for the account", arguments: ["/login2.srf", "/login"])
    func loginSuccess(path: String) async throws {
        try await withHTTPService { harness in
            let response = try await RawHTTPClient.request(
                port: harness.port, method: "GET", path: path,
                headers: [("Authorization", "Passport1.4 OrgVerb=GET,OrgURL=http%3A%2F%2Fmessenger%2Emsn%2Ecom,sign-in=alice%40example.com,pwd=test1234,ct=1,rver=1,wp=FS_40SEC_0_COMPACT,lc=1,id=1")]
            )
            #expect(response.status == 200)
            let info = try #require(response.header("Authentication-Info"))
            #expect(info.hasPrefix("Passport1.4 da-status=success,tname=MSPAuth,tname=MSPProf,tname=MSPSec,from-PP='t="))
            #expect(info.hasSuffix("',ru=http://messenger.msn.com"))
            let ticket = try #require(info.split(separator: "'").dropFirst().first)
            let grant = try #require(await harness.tickets.validate(ticket: ticket, service: .messenger))
            #expect(grant.accountID == (try await harness.store.account(email: "alice@example.com"))?.id)
            #expect(await harness.tickets.validate(ticket: ticket, service: .messengerClear) == nil)
        }
    }

    @Test("login2.srf refusals are 401 with da-status=failed", arguments: [
        "Passport1.4 OrgVerb=GET,sign-in=alice%40example.com,pwd=WRONG,ct=1",
        "Passport1.4 OrgVerb=GET,sign-in=nobody%40example.com,pwd=test1234",
        "Passport1.4 OrgVerb=GET,sign-in=not%20an%20address,pwd=test1234",
        "Passport1.4 OrgVerb=GET,sign-in=alice%40example.com",
        "Basic YWxpY2U6dGVzdDEyMzQ=",
        "",
    ])
    func loginFailure(authorization: String) async throws {
        try await withHTTPService { harness in
            let headers = authorization.isEmpty ? [] : [("Authorization", authorization)]
            let response = try await RawHTTPClient.request(port: harness.port, method: "GET", path: "/login2.srf", headers: headers)
            #expect(response.status == 401)
            #expect(response.header("WWW-Authenticate")?.hasPrefix("Passport1.4 da-status=failed") == true)
            #expect(response.header("Authentication-Info") == nil)
            #expect(await harness.tickets.count == 0)
        }
    }

    @Test("a hostile OrgURL is not echoed into the header")
    func hostileReturnURL() async throws {
        try await withHTTPService { harness in
            let response = try await RawHTTPClient.request(
                port: harness.port, method: "GET", path: "/login2.srf",
                headers: [("Authorization", "Passport1.4 OrgURL=http%3A%2F%2Fx%0D%0AX-Evil%3A%201,sign-in=alice%40example.com,pwd=test1234")]
            )
            #expect(response.status == 200)
            #expect(response.header("X-Evil") == nil)
            #expect(response.header("Authentication-Info")?.hasSuffix(",ru=http://messenger.msn.com") == true)
        }
    }
}
