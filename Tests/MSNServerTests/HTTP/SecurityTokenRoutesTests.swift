import Foundation
import Testing

@testable import MSNServer

/// RST and RST2 against the real service on 127.0.0.1, port 0.
@Suite("RST and RST2 over HTTP", .timeLimit(.minutes(2)))
struct SecurityTokenRoutesTests {
    private func post(_ harness: HTTPServiceHarness, _ path: String, _ body: String) async throws -> RawHTTPClient.Response {
        try await RawHTTPClient.request(port: harness.port, method: "POST", path: path, headers: [("Content-Type", "text/xml; charset=utf-8")], body: Array(body.utf8))
    }

    /// The texts of every `<tag …>text</tag>` in `xml`, XML-unescaped (`&amp;` only).
    private func texts(of tag: String, in xml: String) -> [String] {
        xml.components(separatedBy: "<\(tag)").dropFirst().compactMap { chunk in
            guard let open = chunk.firstIndex(of: ">"), let close = chunk.range(of: "</\(tag)>") else { return nil }
            return String(chunk[chunk.index(after: open)..<close.lowerBound]).replacingOccurrences(of: "&amp;", with: "&")
        }
    }

    @Test("RST: one response per token, tickets that validate, a proof key for messengerclear.live.com")
    func rstSuccess() async throws {
        try await withHTTPService { harness in
            let response = try await post(harness, "/RST.srf", SecurityTokenRequestBodies.rst(username: "Alice@Example.com", password: "test1234"))
            #expect(response.status == 200)
            #expect(response.header("Content-Type")?.hasPrefix("text/xml") == true)
            let xml = response.body
            #expect(xml.contains("xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\""))
            #expect(xml.contains("xmlns:wst=\"http://schemas.xmlsoap.org/ws/2004/04/trust\""))
            #expect(texts(of: "wst:RequestSecurityTokenResponse", in: xml).count == 3)
            #expect(texts(of: "wsa:Address", in: xml) == ["http://Passport.NET/tb", "messengerclear.live.com", "contacts.msn.com"])
            #expect(texts(of: "wst:TokenType", in: xml) == ["urn:passport:legacy", "urn:passport:compact", "urn:passport:compact"])

            let alice = try #require(try await harness.store.account(email: "alice@example.com"))
            #expect(texts(of: "psf:PUID", in: xml) == [alice.puidHex])
            #expect(xml.contains("<psf:credProperty Name=\"CID\">\(alice.cidHex)</psf:credProperty>"))

            let tokens = texts(of: "wsse:BinarySecurityToken", in: xml)
            try #require(tokens.count == 2)
            #expect(xml.contains("t=") && xml.contains("&amp;p="))
            let clear = try #require(await harness.tickets.validate(ticket: tokens[0], service: .messengerClear))
            #expect(clear.accountID == alice.id)
            let contacts = try #require(await harness.tickets.validate(ticket: tokens[1], service: .contacts))
            #expect(contacts.accountID == alice.id)
            #expect(await harness.tickets.validate(ticket: tokens[1], service: .messengerClear) == nil)
            // Both tickets of the sign-in share one store entry.
            #expect(await harness.tickets.count == 1)

            // The proof key of the messengerclear.live.com answer is the one the NS will get back.
            let secrets = texts(of: "wst:BinarySecret", in: xml)
            #expect(secrets.count == 2)
            #expect(secrets.contains(clear.proofKey))
            #expect(Data(base64Encoded: clear.proofKey)?.count == 24)

            let expires = texts(of: "wsu:Expires", in: xml)
            #expect(expires.count == 3)
            #expect(expires[1] == clear.expiresAt.formatted(.iso8601))
        }
    }

    @Test("RST with a wrong password or an unknown account: the FailedAuthentication fault", arguments: [
        ("alice@example.com", "WRONG"), ("nobody@example.com", "test1234"), ("", ""),
    ])
    func rstWrongPassword(username: String, password: String) async throws {
        try await withHTTPService { harness in
            let response = try await post(harness, "/RST.srf", SecurityTokenRequestBodies.rst(username: username, password: password))
            #expect(response.status == 200)
            #expect(texts(of: "faultcode", in: response.body) == ["wsse:FailedAuthentication"])
            #expect(response.body.contains("<psf:reqstatus>0x80048823</psf:reqstatus>"))
            #expect(!response.body.contains("BinarySecurityToken"))
            #expect(await harness.tickets.count == 0)
        }
    }

    @Test("RST2: WS-Trust 2005 answer in a SOAP 1.2 envelope")
    func rst2Success() async throws {
        try await withHTTPService { harness in
            let response = try await post(harness, "/RST2.srf", SecurityTokenRequestBodies.rst2(username: "alice@example.com", password: "test1234"))
            #expect(response.status == 200)
            let xml = response.body
            #expect(xml.contains("xmlns:S=\"http://www.w3.org/2003/05/soap-envelope\""))
            #expect(xml.contains("xmlns:wst=\"http://schemas.xmlsoap.org/ws/2005/02/trust\""))
            #expect(xml.contains("http://schemas.xmlsoap.org/ws/2005/02/trust/RSTR/Issue"))
            #expect(xml.contains("<wst:RequestedAttachedReference>"))
            let tokens = texts(of: "wsse:BinarySecurityToken", in: xml)
            try #require(tokens.count == 2)
            let grant = try #require(await harness.tickets.validate(ticket: tokens[0], service: .messengerClear))
            #expect(texts(of: "wst:BinarySecret", in: xml).contains(grant.proofKey))
        }
    }

    @Test("RST2 with a wrong password: SOAP 1.2 fault with the wst:FailedAuthentication subcode")
    func rst2WrongPassword() async throws {
        try await withHTTPService { harness in
            let response = try await post(harness, "/RST2.srf", SecurityTokenRequestBodies.rst2(username: "alice@example.com", password: "nope"))
            #expect(response.status == 200)
            #expect(texts(of: "S:Value", in: response.body) == ["S:Sender", "wst:FailedAuthentication"])
            #expect(texts(of: "psf:value", in: response.body) == ["0x80048821"])
        }
    }

    @Test("malformed bodies: 400 with an InvalidRequest fault, in the endpoint's flavor", arguments: [
        ("/RST.srf", "this is not XML", "faultcode"),
        ("/RST.srf", "<Envelope><Body>", "faultcode"),
        ("/RST.srf", "", "faultcode"),
        ("/RST.srf", "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><Envelope>&a;</Envelope>", "faultcode"),
        ("/RST.srf", "<Envelope><Body><RequestSecurityToken><Address>x</Address></RequestSecurityToken></Body></Envelope>", "faultcode"),
        ("/RST2.srf", "<<<>>>", "S:Value"),
        ("/rst2.srf", "<Envelope><Username>a</Username><Password>b</Password></Envelope>", "S:Value"),
    ])
    func malformed(path: String, body: String, faultElement: String) async throws {
        try await withHTTPService { harness in
            let response = try await post(harness, path, body)
            #expect(response.status == 400)
            #expect(texts(of: faultElement, in: response.body).contains { $0.hasSuffix("InvalidRequest") })
        }
    }

    @Test("an oversized body is refused with 413, declared or not")
    func oversized() async throws {
        let configuration = MessengerHTTPService.Configuration(host: "127.0.0.1", port: 0, maximumBodySize: 4096)
        try await withHTTPService(configuration: configuration) { harness in
            let padding = String(repeating: "x", count: 5000)
            let body = SecurityTokenRequestBodies.rst(username: "alice@example.com", password: "test1234").replacingOccurrences(of: "<Header>", with: "<Header><!--\(padding)-->")
            let declared = try await post(harness, "/RST.srf", body)
            #expect(declared.status == 413)
            #expect(texts(of: "faultcode", in: declared.body) == ["wst:InvalidRequest"])

            let chunked = "POST /RST.srf HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n"
                + String(body.utf8.count, radix: 16) + "\r\n" + body + "\r\n0\r\n\r\n"
            let streamed = try await RawHTTPClient.send(port: harness.port, Array(chunked.utf8))
            #expect(streamed.status == 413)
            #expect(await harness.tickets.count == 0)
        }
    }

    @Test("the service keeps serving after hostile requests")
    func survivesGarbage() async throws {
        try await withHTTPService { harness in
            _ = try? await RawHTTPClient.send(port: harness.port, Array("GARBAGE\r\n\r\n".utf8), timeout: .seconds(5))
            _ = try? await RawHTTPClient.send(port: harness.port, Array("POST /RST.srf HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n".utf8), timeout: .seconds(5))
            let unknown = try await RawHTTPClient.request(port: harness.port, method: "GET", path: "/nothing-here")
            #expect(unknown.status == 404)
            let response = try await post(harness, "/RST.srf", SecurityTokenRequestBodies.rst(username: "alice@example.com", password: "test1234"))
            #expect(response.status == 200)
        }
    }

    @Test("a storage failure is 503, not a wrong password and not a 500")
    func storageFailure() async throws {
        try await withHTTPService { harness in
            try harness.store.close()
            let rst = try await post(harness, "/RST.srf", SecurityTokenRequestBodies.rst(username: "alice@example.com", password: "test1234"))
            #expect(rst.status == 503)
            #expect(texts(of: "faultcode", in: rst.body) == ["S:Server"])
            let login = try await RawHTTPClient.request(
                port: harness.port, method: "GET", path: "/login2.srf",
                headers: [("Authorization", "Passport1.4 OrgVerb=GET,sign-in=alice%40example.com,pwd=test1234")]
            )
            #expect(login.status == 503)
        }
    }
}
