import MSNAuth
import MSNCore
import MSNServer
import MSNTestSupport
import Testing

/// Full logins over loopback with real accounts, real tickets from the HTTP services and real
/// MSNAuth math: MD5 (MSNP2–7), Tweener (8–14), SSO (15–18), and their failures.
@Suite(.timeLimit(.minutes(2))) struct LoginLoopbackTests {
    static let password = "test1234"

    /// Connects to the dispatch server, follows its redirect, and answers VER (and CVR).
    func connectToNS(_ network: TestNetwork, dialect: Dialect, email: String) async throws -> LineClient {
        let ds = try await LineClient.connect(to: network.dispatchAddress)
        try await ds.send("VER 1 \(dialect.token) CVR0")
        _ = try await ds.readFrame()
        try await ds.send("USR 2 \(dialect.authenticationScheme.rawValue) I \(email)")
        let xfr = try await ds.readFrame()
        #expect(xfr.verb == .xfr && xfr.argument(1) == Substring(network.notificationAddress))
        await ds.close()

        let ns = try await LineClient.connect(to: network.notificationAddress)
        try await ns.send("VER 1 \(dialect.token) CVR0")
        #expect(try await ns.readFrame().line == "VER 1 \(dialect.token) CVR0")
        if dialect.hasINF {
            try await ns.send("INF 2")
            #expect(try await ns.readFrame().line == "INF 2 MD5")
        }
        try await ns.send("CVR 3 0x0409 winnt 5.1 i386 MSNMSGR 8.5.1302 msmsgs \(email)")
        #expect(try await ns.readFrame().argument(0) == "8.5.1302")
        return ns
    }

    /// Reads `USR … OK`, `SBS` (11+) and the profile; returns the profile text.
    func readSignInReplies(_ ns: LineClient, dialect: Dialect, email: String) async throws -> String {
        let ok = try await ns.readFrame()
        #expect(ok.verb == .usr && ok.transactionID == 5 && ok.argument(0) == "OK" && ok.argument(1) == Substring(email),
                "\(ok.line)")
        if dialect.sendsSBS { #expect(try await ns.readFrame().line == "SBS 0 null") }
        let profile = try await ns.readFrame()
        #expect(profile.line.hasPrefix("MSG Hotmail Hotmail "))
        return profile.payloadText ?? ""
    }

    // MARK: - MD5

    @Test(arguments: [Dialect.msnp2, .msnp3, .msnp4, .msnp5, .msnp6, .msnp7])
    func md5(dialect: Dialect) async throws {
        try await TestNetwork.withRunning { network in
            let alice = try await network.createAccount(email: "alice@example.com", password: Self.password,
                                                        displayName: "Alice Smith", legacyMD5: true)
            let ns = try await connectToNS(network, dialect: dialect, email: "alice@example.com")
            try await ns.send("USR 4 MD5 I alice@example.com")
            let salt = try await ns.readFrame()
            #expect(salt.line.hasPrefix("USR 4 MD5 S "))
            let response = MD5Login.response(salt: String(salt.arguments[2]), password: Self.password)
            try await ns.send("USR 5 MD5 S \(response)")
            let profile = try await readSignInReplies(ns, dialect: dialect, email: "alice@example.com")
            #expect(profile.contains("MemberIdHigh: \(alice.memberIDHigh)\r\n"))
            #expect(profile.contains("MemberIdLow: \(alice.memberIDLow)\r\n"))
            #expect(!profile.contains("ClientIP"))
            try await ns.send("PNG")
            #expect(try await ns.readFrame().line == "QNG")
        }
    }

    @Test func md5Failures() async throws {
        try await TestNetwork.withRunning { network in
            try await network.createAccount(email: "alice@example.com", password: Self.password, legacyMD5: true)
            try await network.createAccount(email: "modern@example.com", password: Self.password, legacyMD5: false)
            // Wrong response; unknown account (still salted); no legacy MD5 password.
            for (email, password) in [("alice@example.com", "WRONG"), ("nobody@example.com", Self.password),
                                      ("modern@example.com", Self.password)] {
                let ns = try await connectToNS(network, dialect: .msnp7, email: email)
                try await ns.send("USR 4 MD5 I \(email)")
                let salt = try await ns.readFrame()
                #expect(salt.argument(1) == "S")
                try await ns.send("USR 5 MD5 S \(MD5Login.response(salt: String(salt.arguments[2]), password: password))")
                #expect(try await ns.readUntilClosed().map(\.line) == ["911 5"], "\(email)")
            }
        }
    }

    // MARK: - Tweener

    @Test(arguments: [Dialect.msnp8, .msnp9, .msnp10, .msnp11, .msnp12])
    func tweenerWithLogin2(dialect: Dialect) async throws {
        try await TestNetwork.withRunning { network in
            try await network.createAccount(email: "alice@example.com", password: Self.password)
            let ns = try await connectToNS(network, dialect: dialect, email: "alice@example.com")
            try await ns.send("USR 4 TWN I alice@example.com")
            let policy = try await ns.readFrame()
            #expect(policy.line.hasPrefix("USR 4 TWN S "))
            let ticket = try await PassportProbe.login2(port: network.httpPort, email: "alice@example.com",
                                                        password: Self.password, policy: String(policy.arguments[2]))
            try await ns.send("USR 5 TWN S \(ticket)")
            let profile = try await readSignInReplies(ns, dialect: dialect, email: "alice@example.com")
            let token = ticket.dropFirst(2).prefix { $0 != "&" }
            #expect(profile.contains("MSPAuth: \(token)\r\n"))
            #expect(profile.contains("ClientIP: 127.0.0.1\r\n"))
        }
    }

    @Test(arguments: [Dialect.msnp13, .msnp14])
    func tweenerWithRST(dialect: Dialect) async throws {
        try await TestNetwork.withRunning { network in
            try await network.createAccount(email: "alice@example.com", password: Self.password)
            let ns = try await connectToNS(network, dialect: dialect, email: "alice@example.com")
            try await ns.send("USR 4 TWN I alice@example.com")
            let gcf = try await ns.readFrame()
            #expect(gcf.verb == .gcf && gcf.transactionID == 0 && gcf.payload != nil)
            let policy = try await ns.readFrame()
            let (ticket, _) = try await PassportProbe.rst(port: network.httpPort, email: "alice@example.com",
                                                          password: Self.password, service: "messenger.msn.com",
                                                          policy: "?" + String(policy.arguments[2]))
            try await ns.send("USR 5 TWN S \(ticket)")
            _ = try await readSignInReplies(ns, dialect: dialect, email: "alice@example.com")
        }
    }

    @Test func tweenerRefusals() async throws {
        try await TestNetwork.withRunning(configure: { _ in }) { network in
            try await network.createAccount(email: "alice@example.com", password: Self.password)
            try await network.createAccount(email: "bob@example.com", password: Self.password)
            let bobs = try await PassportProbe.login2(port: network.httpPort, email: "bob@example.com", password: Self.password)
            let contacts = try await PassportProbe.rst(port: network.httpPort, email: "alice@example.com",
                                                       password: Self.password, service: "contacts.msn.com", policy: "MBI")
            let garbage = "t=0123456789abcdef0123&p="
            for ticket in [bobs, contacts.ticket, garbage, "309a04003ecb56cfc192"] {
                let ns = try await connectToNS(network, dialect: .msnp11, email: "alice@example.com")
                try await ns.send("USR 4 TWN I alice@example.com")
                _ = try await ns.readFrame()
                try await ns.send("USR 5 TWN S \(ticket)")
                #expect(try await ns.readUntilClosed().map(\.line) == ["911 5"], "\(ticket)")
            }
        }
    }

    @Test func expiredTicketIsRefused() async throws {
        let tickets = TicketStore(configuration: .init(lifetime: .milliseconds(200)))
        try await TestNetwork.withRunning(tickets: tickets) { network in
            try await network.createAccount(email: "alice@example.com", password: Self.password)
            let ticket = try await PassportProbe.login2(port: network.httpPort, email: "alice@example.com",
                                                        password: Self.password)
            try await Task.sleep(for: .milliseconds(400))
            let ns = try await connectToNS(network, dialect: .msnp9, email: "alice@example.com")
            try await ns.send("USR 4 TWN I alice@example.com")
            _ = try await ns.readFrame()
            try await ns.send("USR 5 TWN S \(ticket)")
            #expect(try await ns.readUntilClosed().map(\.line) == ["911 5"])
        }
    }

    // MARK: - SSO

    /// Runs USR SSO I; returns the nonce.
    func ssoNonce(_ ns: LineClient, email: String) async throws -> String {
        try await ns.send("USR 4 SSO I \(email)")
        let gcf = try await ns.readFrame()
        #expect(gcf.verb == .gcf && gcf.transactionID == 0)
        let challenge = try await ns.readFrame()
        #expect(challenge.line.hasPrefix("USR 4 SSO S MBI_KEY_OLD "))
        return String(challenge.arguments[3])
    }

    @Test(arguments: [Dialect.msnp15, .msnp16, .msnp17, .msnp18])
    func sso(dialect: Dialect) async throws {
        try await TestNetwork.withRunning { network in
            try await network.createAccount(email: "alice@example.com", password: Self.password)
            let ns = try await connectToNS(network, dialect: dialect, email: "alice@example.com")
            let nonce = try await ssoNonce(ns, email: "alice@example.com")
            let (ticket, proofKey) = try await PassportProbe.rst(port: network.httpPort, email: "alice@example.com",
                                                                 password: Self.password,
                                                                 service: "messengerclear.live.com", policy: "MBI_KEY_OLD")
            let blob = try SSOBlob.make(nonce: nonce, proofKey: try #require(proofKey))
            let guid = dialect.usrCarriesMachineGUID ? " {F26D1F07-95E2-403C-BC18-D4BFED493428}" : ""
            try await ns.send("USR 5 SSO S \(ticket) \(blob)\(guid)")
            let profile = try await readSignInReplies(ns, dialect: dialect, email: "alice@example.com")
            #expect(profile.contains("MPOPEnabled: 1") == dialect.supportsMPOP)
            let session = try #require(await network.registry.sessions(of: "alice@example.com").first)
            #expect(session.session.machineGUID == (dialect.usrCarriesMachineGUID ? "{F26D1F07-95E2-403C-BC18-D4BFED493428}" : nil))
        }
    }

    @Test func ssoRefusals() async throws {
        try await TestNetwork.withRunning { network in
            try await network.createAccount(email: "alice@example.com", password: Self.password)
            let (ticket, proofKey) = try await PassportProbe.rst(port: network.httpPort, email: "alice@example.com",
                                                                 password: Self.password,
                                                                 service: "messengerclear.live.com", policy: "MBI_KEY_OLD")
            let key = try #require(proofKey)
            let otherKey = SSOProofKey.random().base64
            // A blob of another key; a blob of an earlier nonce (replay); garbage.
            let makers: [(String) throws -> String] = [
                { nonce in try SSOBlob.make(nonce: nonce, proofKey: otherKey) },
                { _ in try SSOBlob.make(nonce: SSOBlob.makeNonce(), proofKey: key) },
                { _ in "AAAA" },
            ]
            for make in makers {
                let ns = try await connectToNS(network, dialect: .msnp15, email: "alice@example.com")
                let nonce = try await ssoNonce(ns, email: "alice@example.com")
                try await ns.send("USR 5 SSO S \(ticket) \(try make(nonce))")
                #expect(try await ns.readUntilClosed().map(\.line) == ["911 5"])
            }
            // A Tweener (messenger.msn.com) ticket is not an SSO ticket.
            let twn = try await PassportProbe.login2(port: network.httpPort, email: "alice@example.com", password: Self.password)
            let ns = try await connectToNS(network, dialect: .msnp18, email: "alice@example.com")
            let nonce = try await ssoNonce(ns, email: "alice@example.com")
            try await ns.send("USR 5 SSO S \(twn) \(try SSOBlob.make(nonce: nonce, proofKey: key)) {A}")
            #expect(try await ns.readUntilClosed().map(\.line) == ["911 5"])
        }
    }

    // MARK: - Challenges

    @Test(arguments: [(Dialect.msnp8, "msmsgs@msnmsgr.com"), (.msnp11, "PROD0090YUAUV{2B"), (.msnp15, "PROD0119GSJUC$18")])
    func challengeAfterFirstCHG(dialect: Dialect, productID: String) async throws {
        try await TestNetwork.withRunning { network in
            try await network.createAccount(email: "alice@example.com", password: Self.password)
            for answerRight in [true, false] {
                let ns = try await signIn(network, dialect: dialect)
                try await ns.send("CHG 6 NLN 0")
                #expect(try await ns.readFrame().line == "CHG 6 NLN 0")
                let chl = try await ns.readFrame()
                #expect(chl.verb == .chl && chl.transactionID == 0)
                let product = try #require(ChallengeProduct.known(id: productID))
                var response = try ChallengeResponder.response(to: String(chl.arguments[0]), product: product,
                                                               algorithm: ChallengeAlgorithm(protocolVersion: dialect.version))
                if !answerRight { response = String(response.reversed()) }
                try await ns.send("QRY 7 \(productID) 32\r\n\(response)")
                if answerRight {
                    #expect(try await ns.readFrame().line == "QRY 7")
                } else {
                    #expect(try await ns.readUntilClosed().map(\.line) == ["540 7"])
                }
            }
        }
    }

    /// A Tweener or SSO sign-in of alice through real tickets.
    func signIn(_ network: TestNetwork, dialect: Dialect) async throws -> LineClient {
        let ns = try await connectToNS(network, dialect: dialect, email: "alice@example.com")
        if dialect.authenticationScheme == .sso {
            let nonce = try await ssoNonce(ns, email: "alice@example.com")
            let (ticket, key) = try await PassportProbe.rst(port: network.httpPort, email: "alice@example.com",
                                                            password: Self.password,
                                                            service: "messengerclear.live.com", policy: "MBI_KEY_OLD")
            try await ns.send("USR 5 SSO S \(ticket) \(try SSOBlob.make(nonce: nonce, proofKey: try #require(key)))")
        } else {
            try await ns.send("USR 4 TWN I alice@example.com")
            if dialect.pushesPolicies { _ = try await ns.readFrame() }
            _ = try await ns.readFrame()
            let ticket = try await PassportProbe.login2(port: network.httpPort, email: "alice@example.com",
                                                        password: Self.password)
            try await ns.send("USR 5 TWN S \(ticket)")
        }
        _ = try await readSignInReplies(ns, dialect: dialect, email: "alice@example.com")
        return ns
    }
}
