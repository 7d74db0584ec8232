import MSNCore
import MSNServer
import MSNTestSupport
import Testing

/// The notification server's plumbing over loopback: sessions, the registry, limits, timers.
/// Proofs are scripted here (``ScriptedAuthenticator``); real ones are in `LoginLoopbackTests`.
@Suite(.timeLimit(.minutes(2))) struct NotificationLoopbackTests {
    func withNetwork(configure: (inout MessengerNetworkConfiguration) -> Void = { _ in },
                     _ body: (TestNetwork) async throws -> Void) async throws {
        try await TestNetwork.withRunning(configure: configure, authenticator: ScriptedAuthenticator(),
                                          cryptography: ScriptedCryptography(), body)
    }

    /// Signs in over MSNP`dialect` with a scripted proof; returns the client after the profile.
    func signIn(_ network: TestNetwork, dialect: Dialect = .msnp11, guid: String = "{00000000-0000-0000-0000-000000000001}")
        async throws -> LineClient
    {
        let client = try await LineClient.connect(to: network.notificationAddress)
        try await client.send("VER 1 \(dialect.token) CVR0")
        _ = try await client.readFrame()
        switch dialect.authenticationScheme {
        case .md5:
            try await client.send("USR 2 MD5 I alice@example.com")
            _ = try await client.readFrame()
            try await client.send("USR 3 MD5 S good")
        case .tweener:
            try await client.send("USR 2 TWN I alice@example.com")
            if dialect.pushesPolicies { _ = try await client.readFrame() }
            _ = try await client.readFrame()
            try await client.send("USR 3 TWN S good")
        case .sso:
            try await client.send("USR 2 SSO I alice@example.com")
            _ = try await client.readFrame()
            _ = try await client.readFrame()
            try await client.send("USR 3 SSO S t=x&p= good \(guid)")
        }
        let ok = try await client.readFrame()
        #expect(ok.verb == .usr && ok.argument(0) == "OK", "\(ok.line)")
        if dialect.sendsSBS { #expect(try await client.readFrame().line == "SBS 0 null") }
        let profile = try await client.readFrame()
        #expect(profile.verb == .msg && profile.payloadText?.contains("text/x-msmsgsprofile") == true)
        return client
    }

    @Test func md5LoginThenPingAndChallenge() async throws {
        try await withNetwork { network in
            let client = try await signIn(network, dialect: .msnp7)
            try await client.send("PNG")
            #expect(try await client.readFrame().line == "QNG")
            try await client.send("CHG 4 NLN")
            #expect(try await client.readFrame().line == "CHG 4 NLN")
            #expect(try await client.readFrame().line == "CHL 0 \(ScriptedCryptography.challenge)")
            try await client.send("QRY 5 msmsgs@msnmsgr.com 32\r\n\(ScriptedCryptography.goodResponse)")
            #expect(try await client.readFrame().line == "QRY 5")
            try await client.send("OUT")
            #expect(try await client.readUntilClosed().isEmpty)
        }
    }

    @Test func wrongProofIs911AndClose() async throws {
        try await withNetwork { network in
            let client = try await LineClient.connect(to: network.notificationAddress)
            try await client.send("VER 1 MSNP8 CVR0")
            _ = try await client.readFrame()
            try await client.send("USR 2 TWN I alice@example.com")
            _ = try await client.readFrame()
            try await client.send("USR 3 TWN S bad")
            #expect(try await client.readUntilClosed().map(\.line) == ["911 3"])
        }
    }

    @Test func wrongQRYIs540AndClose() async throws {
        try await withNetwork { network in
            let client = try await signIn(network, dialect: .msnp15)
            try await client.send("CHG 4 NLN 0")
            _ = try await client.readFrames(2)
            try await client.send("QRY 5 PROD0113H11T8$X_ 32\r\n\(String(repeating: "f", count: 32))")
            #expect(try await client.readUntilClosed().map(\.line) == ["540 5"])
        }
    }

    @Test func secondUSRIs207() async throws {
        try await withNetwork { network in
            let client = try await signIn(network, dialect: .msnp12)
            try await client.send("USR 4 TWN I alice@example.com")
            #expect(try await client.readUntilClosed().map(\.line) == ["207 4"])
        }
    }

    @Test func outOfOrderCommandsClose() async throws {
        try await withNetwork { network in
            for lines in [["USR 1 TWN I alice@example.com"], ["PNG"], ["VER 1 MSNP8 CVR0", "PNG"],
                          ["VER 1 MSNP8 CVR0", "SYN 2 0"], ["VER 1 MSNP13 CVR0", "ADL 2 0"], ["BLAH 1"]] {
                let client = try await LineClient.connect(to: network.notificationAddress)
                for line in lines { try await client.send(line) }
                let frames = try await client.readUntilClosed()
                #expect(frames.allSatisfy { $0.verb == .ver }, "\(lines)")
            }
        }
    }

    @Test func secondSignInSendsOUTOTH() async throws {
        try await withNetwork { network in
            let first = try await signIn(network, dialect: .msnp15)
            let second = try await signIn(network, dialect: .msnp11)
            #expect(try await first.readUntilClosed().map(\.line) == ["OUT OTH"])
            try await second.send("PNG")
            #expect(try await second.readFrame().line == "QNG 60")
            #expect(await network.registry.sessions(of: "alice@example.com").count == 1)
        }
    }

    @Test func mpopKeepsBothMachines() async throws {
        try await withNetwork { network in
            let first = try await signIn(network, dialect: .msnp18, guid: "{00000000-0000-0000-0000-00000000000A}")
            let second = try await signIn(network, dialect: .msnp18, guid: "{00000000-0000-0000-0000-00000000000B}")
            try await first.send("PNG")
            #expect(try await first.readFrame().line == "QNG 60")
            try await second.send("PNG")
            #expect(try await second.readFrame().line == "QNG 60")
            #expect(await network.registry.sessions(of: "alice@example.com").count == 2)
        }
    }

    @Test func malformedAndOversizedInputCloseCleanly() async throws {
        try await withNetwork(configure: { $0.connection.limits = FrameLimits(maximumLineLength: 256, maximumPayloadLength: 1024) }) { network in
            let inputs: [[UInt8]] = [
                Array("VER 1 MSNP8\r\nCVR 2 \u{01}\r\n".utf8),                  // control byte
                Array("VER 1 MSNP8\r\n".utf8) + Array(repeating: 0x41, count: 600), // line too long
                Array("VER 1 MSNP11\r\nQRY 2 PROD 99999\r\n".utf8),              // payload too large
                Array("vEr 1 MSNP8\r\n".utf8),                                   // not a verb
                [0xFF, 0xFE, 0x0D, 0x0A],                                          // not UTF-8
            ]
            for bytes in inputs {
                let client = try await LineClient.connect(to: network.notificationAddress)
                try await client.send(raw: bytes)
                _ = try await client.readUntilClosed()
            }
            // The server still serves others.
            let client = try await signIn(network, dialect: .msnp8)
            try await client.send("PNG")
            #expect(try await client.readFrame().line == "QNG")
        }
    }

    @Test func loginTimeoutCloses() async throws {
        try await withNetwork(configure: { $0.connection.loginTimeout = .seconds(2) }) { network in
            let client = try await LineClient.connect(to: network.notificationAddress)
            try await client.send("VER 1 MSNP8 CVR0")
            #expect(try await client.readUntilClosed(timeout: .seconds(20)).map(\.line) == ["VER 1 MSNP8 CVR0"])
        }
    }

    @Test func idleTimeoutCloses() async throws {
        // Long enough that a sign-in on a loaded 2-core CI machine never trips it between steps.
        try await withNetwork(configure: { $0.connection.idleTimeout = .seconds(2) }) { network in
            let client = try await signIn(network, dialect: .msnp9)
            #expect(try await client.readUntilClosed(timeout: .seconds(15)).isEmpty)
        }
    }

    @Test func shutdownSaysOUTSSD() async throws {
        var signedIn: LineClient?
        try await withNetwork { network in
            signedIn = try await signIn(network, dialect: .msnp11)
        }
        #expect(try await signedIn?.readUntilClosed().map(\.line) == ["OUT SSD"])
    }
}

extension NotificationLoopbackTests {
    /// A client that never reads fills its outbox and is disconnected; the others are served
    /// promptly all along. (With an unbounded outbox the same client is never disconnected.)
    @Test func slowReaderIsDisconnectedOthersAreServed() async throws {
        try await withNetwork(configure: { $0.connection.outboxCapacity = 8 }) { network in
            let listener = network.network.notification
            let healthy = try await signIn(network, dialect: .msnp11)
            let slow = try await LineClient.connect(to: network.notificationAddress, reads: false, receiveBufferSize: 4096)
            // Each VER is answered: replies pile up in the server's socket, then in the outbox.
            let burst = Array(String(repeating: "VER 1 MSNP8 CVR0\r\n", count: 5_000).utf8)
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(30)
            var disconnected = false
            while clock.now < deadline {
                do { try await slow.send(raw: burst) } catch { }
                try await healthy.send("PNG")
                #expect(try await healthy.readFrame(timeout: .seconds(2)).line == "QNG 60")
                if listener.openConnections == 1 { disconnected = true; break }
            }
            #expect(disconnected)
            try await healthy.send("PNG")
            #expect(try await healthy.readFrame().line == "QNG 60")
        }
    }
}

extension NotificationLoopbackTests {
    /// One address holds at most `maximumConnectionsPerAddress` connections per listener; the
    /// next is closed before anything is read, and a slot freed is usable again.
    @Test func connectionsPerAddressAreLimited() async throws {
        try await withNetwork(configure: { $0.connection.maximumConnectionsPerAddress = 2 }) { network in
            let listener = network.network.notification
            let first = try await LineClient.connect(to: network.notificationAddress)
            let second = try await LineClient.connect(to: network.notificationAddress)
            for client in [first, second] {
                try await client.send("VER 1 MSNP8 CVR0")
                #expect(try await client.readFrame().line == "VER 1 MSNP8 CVR0")
            }
            let third = try await LineClient.connect(to: network.notificationAddress)
            #expect(try await third.readUntilClosed(timeout: .seconds(5)).isEmpty, "closed without a word")
            #expect(listener.openConnections(from: "127.0.0.1") == 2)
            try await first.send("VER 2 MSNP8 CVR0")
            #expect(try await first.readFrame().line == "VER 2 MSNP8 CVR0", "the admitted ones are unaffected")

            await second.close()
            let deadline = ContinuousClock.now + .seconds(5)
            while listener.openConnections(from: "127.0.0.1") > 1, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            let fourth = try await LineClient.connect(to: network.notificationAddress)
            try await fourth.send("VER 1 MSNP8 CVR0")
            #expect(try await fourth.readFrame().line == "VER 1 MSNP8 CVR0", "a freed slot is usable again")
        }
    }
}
