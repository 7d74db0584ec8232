import Logging
import MSNCore
import Testing
@testable import MSNClient

/// The real client against a scripted server on loopback.
@Suite("Client against a scripted server", .timeLimit(.minutes(2)))
struct MessengerClientSocketTests {
    typealias Step = ScriptedServer.Step

    static let profile = "MIME-Version: 1.0\r\nContent-Type: text/x-msmsgsprofile; charset=UTF-8\r\nLoginTime: 1795597414\r\n"
        + "MemberIdHigh: 1624891901\r\nMemberIdLow: 582261780\r\nMSPAuth: 6ee56c231d371251ed9b&p=\r\n"
        + "ClientIP: 127.0.0.1\r\nClientPort: 39702\r\n\r\n"

    /// VER/CVR/USR of an MSNP11 login that the server accepts at once (`USR 3 OK`).
    static func msnp11Login(then extra: [Step] = []) -> [Step] {
        [.expect("VER 1 MSNP11"), .reply("VER 1 MSNP11"),
         .expect("CVR 2 "), .reply("CVR 2 7.0.0816 7.0.0816 7.0.0816 https://x https://x"),
         .expect("USR 3 TWN I alice@example.com"),
         .reply("USR 3 OK alice@example.com 1 0", "SBS 0 null"),
         .raw("MSG Hotmail Hotmail \(profile.utf8.count)\r\n" + profile)] + extra
    }

    static func configuration(_ server: ScriptedServer, dialects: [Dialect] = [.msnp11]) -> MessengerClient.Configuration {
        var configuration = MessengerClient.Configuration(server: ServerAddress(host: "127.0.0.1", port: server.port))
        configuration.dialects = dialects
        configuration.httpBaseURL = "http://127.0.0.1:1"
        configuration.timeouts.reply = .seconds(5)
        configuration.timeouts.connect = .seconds(5)
        configuration.timeouts.profile = .seconds(2)
        // These scripts cover sign-in and the session: no contact list, no first CHG.
        configuration.synchronizesContactList = false
        configuration.initialStatus = nil
        return configuration
    }

    @Test("Dispatch redirect, sign-in with the profile, sign-out with OUT")
    func redirectChain() async throws {
        let notification = try await ScriptedServer.start([Self.msnp11Login()])
        let dispatch = try await ScriptedServer.start([[
            .expect("VER 1 MSNP11"), .reply("VER 1 MSNP11"),
            .expect("CVR 2 "), .reply("CVR 2 7.0.0816 7.0.0816 7.0.0816 https://x https://x"),
            .expect("USR 3 TWN I"), .reply("XFR 3 NS 127.0.0.1:\(notification.port) 0 127.0.0.1:{PORT}"),
        ]])
        let client = MessengerClient(configuration: Self.configuration(dispatch))
        let account = try await client.signIn(email: "alice@example.com", password: "x")
        #expect(account.email == "alice@example.com")
        #expect(account.dialect == .msnp11)
        #expect(account.server == ServerAddress(host: "127.0.0.1", port: notification.port))
        #expect(account.profile?.mspAuth == "6ee56c231d371251ed9b&p=")
        #expect(account.profile?.memberIDLow == 582_261_780)
        await client.signOut()
        await client.close()
        #expect(await notification.waitUntilReceived { $0.last == "OUT" }, "\(notification.received)")
        #expect(dispatch.received.count == 3)
        await notification.stop(); await dispatch.stop()
    }

    @Test("Endless redirects stop at the limit")
    func redirectLimit() async throws {
        let server = try await ScriptedServer.start([[
            .expect("VER"), .reply("VER 1 MSNP11"), .expect("CVR"), .reply("CVR 2 7.0"),
            .expect("USR"), .reply("XFR 3 NS 127.0.0.1:{PORT} 0 127.0.0.1:{PORT}"),
        ]])
        var configuration = Self.configuration(server)
        configuration.maximumRedirects = 2
        let client = MessengerClient(configuration: configuration)
        await #expect { try await client.signIn(email: "alice@example.com", password: "x") }
            throws: { ($0 as? MessengerClientError)?.code == .protocolViolation }
        await client.close()
        #expect(server.received.filter { $0.hasPrefix("VER") }.count == 3)
        await server.stop()
    }

    @Test("VER n 0 is a refused dialect")
    func dialectRefused() async throws {
        let server = try await ScriptedServer.start([[.expect("VER 1 MSNP18"), .reply("VER 1 0"), .close]])
        let client = MessengerClient(configuration: Self.configuration(server, dialects: [.msnp18]))
        await #expect { try await client.signIn(email: "alice@example.com", password: "x") }
            throws: { ($0 as? MessengerClientError)?.code == .dialectRefused }
        await client.close()
        await server.stop()
    }

    @Test("911 answering USR I is an unknown account")
    func unknownAccount() async throws {
        let server = try await ScriptedServer.start([[
            .expect("VER"), .reply("VER 1 MSNP11"), .expect("CVR"), .reply("CVR 2 7.0"),
            .expect("USR 3 TWN I nobody@example.com"), .reply("911 3"), .close,
        ]])
        let client = MessengerClient(configuration: Self.configuration(server))
        await #expect { try await client.signIn(email: "nobody@example.com", password: "x") }
            throws: { ($0 as? MessengerClientError)?.code == .unknownAccount }
        await client.close()
        await server.stop()
    }

    @Test("911 answering the MD5 hash is a wrong password")
    func wrongPassword() async throws {
        let server = try await ScriptedServer.start([[
            .expect("VER 1 MSNP7"), .reply("VER 1 MSNP7"), .expect("INF 2"), .reply("INF 2 MD5"),
            .expect("CVR 3"), .reply("CVR 3 2.0"), .expect("USR 4 MD5 I alice@example.com"),
            .reply("USR 4 MD5 S 1056561624.17795"), .expect("USR 5 MD5 S 483eee01d6a1de1b668cac9a0ac75d91"),
            .reply("911 5"), .close,
        ]])
        let client = MessengerClient(configuration: Self.configuration(server, dialects: [.msnp7]))
        await #expect { try await client.signIn(email: "alice@example.com", password: "abcdefg1234567") }
            throws: { ($0 as? MessengerClientError)?.code == .wrongPassword }
        await client.close()
        await server.stop()
    }

    @Test("OUT OTH is reported, then the disconnection")
    func signedInElsewhere() async throws {
        let server = try await ScriptedServer.start([Self.msnp11Login(then: [.sleep(.milliseconds(200)), .reply("OUT OTH"), .close])])
        let client = MessengerClient(configuration: Self.configuration(server))
        let recorder = EventRecorder(client)
        try await client.signIn(email: "alice@example.com", password: "x")
        let other = await recorder.first { if case .signedOutElsewhere = $0 { true } else { false } }
        #expect(other != nil)
        let gone = await recorder.first { if case .disconnected = $0 { true } else { false } }
        guard case .disconnected(let error) = gone else { Issue.record("no disconnection"); return }
        #expect(error?.code == .signedInElsewhere)
        #expect(await client.signedInAccount == nil)
        await client.close()
        await server.stop()
    }

    @Test("CHL is answered with QRY")
    func challenge() async throws {
        let server = try await ScriptedServer.start([Self.msnp11Login(then: [
            .reply("CHL 0 22210219642164014968"), .expect("QRY 4 "), .reply("QRY 4"),
        ])])
        let client = MessengerClient(configuration: Self.configuration(server))
        let recorder = EventRecorder(client)
        try await client.signIn(email: "alice@example.com", password: "x")
        let answered = await recorder.first { if case .challengeAnswered = $0 { true } else { false } }
        guard case .challengeAnswered(let challenge, let productID, let accepted) = answered else {
            Issue.record("no challenge event"); return
        }
        #expect(challenge == "22210219642164014968")
        #expect(accepted)
        // challenges.md §5: the published MSNP11 vector for PROD0090YUAUV{2B.
        #expect(productID == "PROD0090YUAUV{2B")
        #expect(server.received.contains("QRY 4 PROD0090YUAUV{2B 32|85ecb0db8f32113df79ce0892b9a102c"))
        await client.close()
        await server.stop()
    }

    @Test("PNG on the interval; QNG with and without seconds")
    func keepalive() async throws {
        let server = try await ScriptedServer.start([Self.msnp11Login(then: [
            .expect("PNG"), .reply("QNG 1"), .expect("PNG"), .reply("QNG"),
        ])])
        var configuration = Self.configuration(server)
        configuration.keepaliveInterval = .milliseconds(200)
        let client = MessengerClient(configuration: configuration)
        let recorder = EventRecorder(client)
        try await client.signIn(email: "alice@example.com", password: "x")
        let first = await recorder.first { if case .keepalive = $0 { true } else { false } }
        guard case .keepalive(let seconds) = first else { Issue.record("no QNG"); return }
        #expect(seconds == 1)
        let second = await recorder.first { if case .keepalive(.none) = $0 { true } else { false } }
        guard case .keepalive(let none) = second else { Issue.record("no second QNG"); return }
        #expect(none == nil)
        await client.close()
        await server.stop()
    }

    @Test("An unanswered PNG means a dead connection")
    func deadConnection() async throws {
        let server = try await ScriptedServer.start([Self.msnp11Login()])
        var configuration = Self.configuration(server)
        configuration.keepaliveInterval = .milliseconds(100)
        configuration.timeouts.keepaliveReply = .milliseconds(300)
        let client = MessengerClient(configuration: configuration)
        let recorder = EventRecorder(client)
        try await client.signIn(email: "alice@example.com", password: "x")
        let gone = await recorder.first { if case .disconnected = $0 { true } else { false } }
        guard case .disconnected(let error) = gone else { Issue.record("no disconnection"); return }
        #expect(error?.code == .timeout)
        await client.close()
        await server.stop()
    }

    @Test("A silent server times out")
    func silentServer() async throws {
        // The server stays silent far longer than the reply timeout: only the timeout can end this.
        let server = try await ScriptedServer.start([[.expect("VER"), .sleep(.seconds(60))]])
        var configuration = Self.configuration(server)
        configuration.timeouts.reply = .milliseconds(300)
        let client = MessengerClient(configuration: configuration)
        let start = ContinuousClock.now
        await #expect { try await client.signIn(email: "alice@example.com", password: "x") }
            throws: { ($0 as? MessengerClientError)?.code == .timeout }
        #expect(ContinuousClock.now - start < .seconds(30))
        await client.close()
        await server.stop()
    }

    @Test("A refused connection is an unavailable server")
    func refused() async throws {
        // Not a stopped server's port: a parallel test's listener may be given it again.
        let refusing = try RefusingPort()
        defer { refusing.close() }
        var configuration = MessengerClient.Configuration(server: ServerAddress(host: "127.0.0.1", port: refusing.port))
        configuration.dialects = [.msnp11]
        configuration.httpBaseURL = "http://127.0.0.1:1"
        configuration.timeouts.connect = .seconds(5)
        let client = MessengerClient(configuration: configuration)
        await #expect { try await client.signIn(email: "alice@example.com", password: "x") }
            throws: { ($0 as? MessengerClientError)?.code == .serverUnavailable }
        await client.close()
    }

    @Test("MSNP8 Tweener over Passport 1.4, with Escargot's lines")
    func tweener() async throws {
        let server = try await ScriptedServer.start([[
            .expect("VER 1 MSNP8 CVR0"), .reply("VER 1 MSNP8"),
            .expect("CVR 2 0x0409 winnt 5.1 i386 MSNMSGR 5.0.0537 msmsgs alice@example.com"),
            .reply("CVR 2 6.0.0602 6.0.0602 6.0.0602 https://escargot.log1p.xyz https://escargot.log1p.xyz"),
            .expect("USR 3 TWN I alice@example.com"), .reply("USR 3 TWN S ct=1,rver=1,wp=FS_40SEC_0_COMPACT,lc=1,id=1"),
            .expect("USR 4 TWN S 6ee56c231d371251ed9b"), .reply("USR 4 OK alice@example.com alice%20A 1 0"),
        ]])
        let transport = ScriptedTransport { request in
            if request.url.hasSuffix("/rdr/pprdr.asp") {
                return PassportHTTPResponse(status: 200, headers: ["passporturls": "DALogin=https://127.0.0.1:8081/login"], body: "")
            }
            guard request.url == "http://127.0.0.1:1/login",
                  request.headers["Authorization"]?.contains(",pwd=test1234,ct=1,rver=1,wp=FS_40SEC_0_COMPACT,lc=1,id=1") == true
            else { return PassportHTTPResponse(status: 401, headers: [:], body: "") }
            return PassportHTTPResponse(status: 200, headers: [
                "authentication-info": "Passport1.4 da-status=success,from-PP='6ee56c231d371251ed9b'"], body: "")
        }
        var configuration = Self.configuration(server, dialects: [.msnp8])
        configuration.timeouts.profile = .milliseconds(50)
        let client = MessengerClient(configuration: configuration, logger: Logger(label: "test"), transport: transport)
        let account = try await client.signIn(email: "alice@example.com", password: "test1234")
        #expect(account.friendlyName == "alice A")
        #expect(account.dialect == .msnp8)
        await client.close()
        await server.stop()
    }

    @Test("MSNP18 SSO: RST2, the MBI blob and the machine GUID")
    func sso() async throws {
        let nonce = "dz+tY4SqEsxdZ0DzYy8SAp5FJ2drwBww4exKbSrZQ5nSPzqfGBjZKxWqR108N9Oj"
        let server = try await ScriptedServer.start([[
            .expect("VER 1 MSNP18 CVR0"), .reply("VER 1 MSNP18"),
            .expect("CVR 2 "), .reply("CVR 2 14.0.8117.0416 14.0.8117.0416 14.0.8117.0416 https://x https://x"),
            .expect("USR 3 SSO I alice@example.com"),
            .raw("GCF 0 11\r\n<Policies/>"), .reply("USR 3 SSO S MBI_KEY_OLD \(nonce)"),
            .expect("USR 4 SSO S t=feec9fc796ea393fbe2aY6+H31s&p= "), .reply("USR 4 OK alice@example.com 1 0"),
        ]])
        let transport = ScriptedTransport { _ in
            PassportHTTPResponse(status: 200, headers: [:], body: SecurityTokenTests.response)
        }
        var configuration = Self.configuration(server, dialects: [.msnp18])
        configuration.machineGUID = "{F26D1F07-95E2-403C-BC18-D4BFED493428}"
        configuration.timeouts.profile = .milliseconds(50)
        let client = MessengerClient(configuration: configuration, logger: Logger(label: "test"), transport: transport)
        let account = try await client.signIn(email: "alice@example.com", password: "test1234")
        #expect(account.dialect == .msnp18)
        #expect(account.tickets["contacts.msn.com"] == "t=feec9fc796ea393fbe2a&p=")
        #expect(transport.requests.first?.url == "http://127.0.0.1:1/RST2.srf")
        let usr = try #require(server.received.first { $0.hasPrefix("USR 4 SSO S") })
        let parts = usr.split(separator: " ")
        #expect(parts.count == 7)
        #expect(parts[5].count == 172)  // base64 of the 128-byte blob
        #expect(parts[6] == "{F26D1F07-95E2-403C-BC18-D4BFED493428}")
        await client.close()
        await server.stop()
    }

    @Test("A request without a reply times out; a cancelled one stops waiting")
    func requestTimeoutAndCancellation() async throws {
        let server = try await ScriptedServer.start([Self.msnp11Login()])
        var configuration = Self.configuration(server)
        configuration.timeouts.profile = .milliseconds(50)
        let client = MessengerClient(configuration: configuration)
        try await client.signIn(email: "alice@example.com", password: "x")
        configuration.timeouts.reply = .milliseconds(200)
        let quick = MessengerClient(configuration: configuration)
        await #expect { try await quick.send(.chg, arguments: ["NLN", "0"]) }
            throws: { ($0 as? MessengerClientError)?.code == .notSignedIn }
        let waiting = Task { try await client.send(.chg, arguments: ["NLN", "0"]) }
        try await Task.sleep(for: .milliseconds(100))
        waiting.cancel()
        let start = ContinuousClock.now
        await #expect(throws: MessengerClientError.self) { try await waiting.value }
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(await client.signedInAccount != nil)
        await client.close()
        await quick.close()
        await server.stop()
    }

    @Test("Requests after sign-in are matched by transaction id; errors are typed")
    func requests() async throws {
        let server = try await ScriptedServer.start([Self.msnp11Login(then: [
            .expect("CHG 4 NLN 0"), .reply("ILN 4 NLN bob@example.com bob 0", "CHG 4 NLN 0"),
            .expect("REA 5"), .reply("209 5"),
        ])])
        let client = MessengerClient(configuration: Self.configuration(server))
        try await client.signIn(email: "alice@example.com", password: "x")
        let reply = try await client.send(.chg, arguments: ["NLN", "0"])
        #expect(reply.line == "CHG 4 NLN 0")
        await #expect { try await client.send(.rea, arguments: ["alice@example.com", "Alice"]) }
            throws: { ($0 as? MessengerClientError)?.serverErrorCode == ErrorCode(209) }
        await client.close()
        await server.stop()
    }
}
