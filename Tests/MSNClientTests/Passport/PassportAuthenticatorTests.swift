import Logging
import MSNCore
import Testing
@testable import MSNClient

@Suite("Passport and token logins over a scripted transport", .timeLimit(.minutes(2)))
struct PassportAuthenticatorTests {
    static func configuration(base: String? = "http://127.0.0.1:8081") -> MessengerClient.Configuration {
        var configuration = MessengerClient.Configuration(server: ServerAddress(host: "127.0.0.1"))
        configuration.httpBaseURL = base
        return configuration
    }

    static func authenticator(_ transport: ScriptedTransport, _ configuration: MessengerClient.Configuration = configuration())
        -> PassportAuthenticator
    {
        PassportAuthenticator(transport: transport, configuration: configuration, logger: Logger(label: "test"))
    }

    @Test("Escargot's https DALogin is rewritten to the plain-HTTP base")
    func rewrite() {
        let passport = Self.authenticator(ScriptedTransport { _ in PassportHTTPResponse(status: 500, headers: [:], body: "") })
        #expect(passport.rewrite("https://127.0.0.1:8081/login") == "http://127.0.0.1:8081/login")
        #expect(passport.rewrite("https://login.passport.com/login2.srf?x=1") == "http://127.0.0.1:8081/login2.srf?x=1")
    }

    @Test("MSNP8 Passport 1.4: Nexus, then DALogin with the policy")
    func passport14() async throws {
        let transport = ScriptedTransport { request in
            if request.url.hasSuffix("/rdr/pprdr.asp") {
                return PassportHTTPResponse(status: 200, headers: ["passporturls": "DALogin=https://127.0.0.1:8081/login"], body: "200: OK")
            }
            return PassportHTTPResponse(status: 200, headers: [
                "authentication-info": "Passport1.4 da-status=success,from-PP='6ee56c231d371251ed9b'",
            ], body: "200: OK")
        }
        let result = try await Self.authenticator(transport).tweenerTicket(
            email: "alice@example.com", password: "test1234", policy: "ct=1,rver=1,wp=FS_40SEC_0_COMPACT,lc=1,id=1", dialect: .msnp8)
        #expect(result.ticket == "6ee56c231d371251ed9b")
        let requests = transport.requests
        #expect(requests.map(\.url) == ["http://127.0.0.1:8081/rdr/pprdr.asp", "http://127.0.0.1:8081/login"])
        #expect(requests[1].headers["Authorization"]
                == "Passport1.4 OrgVerb=GET,OrgURL=http%3A%2F%2Fmessenger%2Emsn%2Ecom,sign-in=alice%40example.com,pwd=test1234,ct=1,rver=1,wp=FS_40SEC_0_COMPACT,lc=1,id=1")
    }

    @Test("Passport 401 is a wrong password")
    func passport401() async {
        let transport = ScriptedTransport { _ in
            PassportHTTPResponse(status: 401, headers: ["www-authenticate": "Passport1.4 da-status=failed"], body: "401: Unauthorized")
        }
        var configuration = Self.configuration()
        configuration.passportLoginURL = "http://127.0.0.1:8081/login"
        await #expect { _ = try await Self.authenticator(transport, configuration).tweenerTicket(
            email: "alice@example.com", password: "WRONG", policy: "ct=1", dialect: .msnp11)
        } throws: { ($0 as? MessengerClientError)?.code == .wrongPassword }
    }

    @Test("MSNP13 Tweener goes to RST.srf and asks for messenger.msn.com and contacts.msn.com")
    func tweenerOverRST() async throws {
        let transport = ScriptedTransport { _ in
            PassportHTTPResponse(status: 200, headers: [:], body: """
                <Envelope><Body><RequestSecurityTokenResponseCollection>
                <RequestSecurityTokenResponse><AppliesTo><EndpointReference><Address>messenger.msn.com</Address></EndpointReference></AppliesTo>
                <RequestedSecurityToken><BinarySecurityToken>t=abc&amp;p=def</BinarySecurityToken></RequestedSecurityToken></RequestSecurityTokenResponse>
                <RequestSecurityTokenResponse><AppliesTo><EndpointReference><Address>contacts.msn.com</Address></EndpointReference></AppliesTo>
                <RequestedSecurityToken><BinarySecurityToken>t=ab&amp;p=</BinarySecurityToken></RequestedSecurityToken></RequestSecurityTokenResponse>
                </RequestSecurityTokenResponseCollection></Body></Envelope>
                """)
        }
        let result = try await Self.authenticator(transport).tweenerTicket(
            email: "alice@example.com", password: "x", policy: "ct=1,rver=1", dialect: .msnp13)
        #expect(result.ticket == "t=abc&p=def")
        #expect(result.tickets["contacts.msn.com"] == "t=ab&p=")
        let request = try #require(transport.requests.first)
        #expect(request.url == "http://127.0.0.1:8081/RST.srf")
        #expect(request.body?.contains("<wsa:Address>messenger.msn.com</wsa:Address>") == true)
        #expect(request.body?.contains("URI=\"?ct=1,rver=1\"") == true)
        #expect(request.body?.contains("<wsa:Address>contacts.msn.com</wsa:Address>") == true)
    }

    @Test("SSO: RST.srf for MSNP15, RST2.srf for MSNP18; a fault is a wrong password",
          arguments: [(Dialect.msnp15, "/RST.srf"), (Dialect.msnp18, "/RST2.srf")])
    func sso(dialect: Dialect, path: String) async throws {
        let transport = ScriptedTransport { _ in
            PassportHTTPResponse(status: 200, headers: [:], body: SecurityTokenTests.response)
        }
        let result = try await Self.authenticator(transport).ssoTokens(
            email: "alice@example.com", password: "test1234", policy: "MBI_KEY_OLD", dialect: dialect)
        #expect(result.ticket == "t=feec9fc796ea393fbe2aY6+H31s&p=")
        #expect(result.proofKey == "RUFKXE68Q8AgwG/27dnAs6TNYUZ34l7U")
        #expect(transport.requests.first?.url == "http://127.0.0.1:8081" + path)

        let refusing = ScriptedTransport { _ in
            PassportHTTPResponse(status: 200, headers: [:], body: "<S:Envelope xmlns:S=\"x\"><S:Fault><faultcode>wsse:FailedAuthentication</faultcode></S:Fault></S:Envelope>")
        }
        await #expect { _ = try await Self.authenticator(refusing).ssoTokens(
            email: "alice@example.com", password: "WRONG", policy: "MBI_KEY_OLD", dialect: dialect)
        } throws: { ($0 as? MessengerClientError)?.code == .wrongPassword }
    }

    @Test("No URL at all is a configuration error")
    func noURL() async {
        let transport = ScriptedTransport { _ in PassportHTTPResponse(status: 500, headers: [:], body: "") }
        await #expect { _ = try await Self.authenticator(transport, Self.configuration(base: nil)).ssoTokens(
            email: "a@b.c", password: "x", policy: "MBI_KEY_OLD", dialect: .msnp15)
        } throws: { ($0 as? MessengerClientError)?.code == .invalidConfiguration }
    }
}
