import MSNCore
import MSNServer
import Testing

/// The notification login as a pure state machine, one dialect family at a time.
@Suite struct NotificationSessionStateTests {
    func makeState() -> NotificationSessionState {
        NotificationSessionState(cryptography: ScriptedCryptography(), clientIP: "127.0.0.1", clientPort: 49094)
    }

    /// Runs `lines` through `state`, returning the actions of the last one.
    @discardableResult
    func feed(_ state: inout NotificationSessionState, _ lines: String...) -> [NotificationAction] {
        var actions: [NotificationAction] = []
        for line in lines { actions = state.receive(.client(line, dialect: state.dialect)) }
        return actions
    }

    @Test(arguments: [Dialect.msnp2, .msnp5, .msnp6, .msnp7])
    func md5Login(dialect: Dialect) {
        var state = makeState()
        #expect(feed(&state, "VER 1 \(dialect.token) CVR0").lines == ["VER 1 \(dialect.token) CVR0"])
        #expect(feed(&state, "INF 2").lines == ["INF 2 MD5"])
        #expect(feed(&state, "USR 3 MD5 I alice@example.com").lines == ["USR 3 MD5 S \(ScriptedCryptography.salt)"])
        let verify = feed(&state, "USR 4 MD5 S 483eee01d6a1de1b668cac9a0ac75d91")
        #expect(verify == [.authenticate(AuthenticationRequest(
            email: "alice@example.com",
            credentials: .md5(salt: ScriptedCryptography.salt, response: "483eee01d6a1de1b668cac9a0ac75d91"),
            dialect: dialect))])
        let done = state.authenticationFinished(.success(.alice), loginTime: 1_795_597_398)
        #expect(done.first == .signIn(SignedInSession(account: .alice, dialect: dialect)))
        let ok = dialect >= .msnp6 ? "USR 4 OK alice@example.com Alice%20Smith 1" : "USR 4 OK alice@example.com Alice%20Smith"
        #expect(done.lines.first == ok)
        #expect(done.lines.count == 2)
        #expect(done.lines.last?.hasPrefix("MSG Hotmail Hotmail ") == true)
        #expect(state.session != nil)
    }

    @Test func md5FailureIs911ThenClose() {
        var state = makeState()
        feed(&state, "VER 1 MSNP7 CVR0", "USR 3 MD5 I alice@example.com", "USR 4 MD5 S 0000")
        let actions = state.authenticationFinished(.failure(reason: "wrong"), loginTime: 0)
        #expect(actions.lines == ["911 4"])
        #expect(actions.closes)
        #expect(state.receive(.client("PNG")).isEmpty)
    }

    @Test(arguments: [Dialect.msnp8, .msnp9, .msnp10, .msnp11, .msnp12])
    func tweenerLogin(dialect: Dialect) {
        var state = makeState()
        feed(&state, "VER 1 \(dialect.token) CVR0")
        #expect(feed(&state, "CVR 2 0x0409 winnt 5.1 i386 MSNMSGR 6.0.0602 msmsgs alice@example.com").lines
            == ["CVR 2 6.0.0602 6.0.0602 6.0.0602 http://messenger.msn.com/download http://messenger.msn.com"])
        let challenge = feed(&state, "USR 3 TWN I alice@example.com")
        #expect(challenge.lines == ["USR 3 TWN S \(NotificationSessionConfiguration().tweenerPolicy)"])
        #expect(feed(&state, "USR 4 TWN S t=abc&p=def") == [.authenticate(AuthenticationRequest(
            email: "alice@example.com", credentials: .ticket("t=abc&p=def"), dialect: dialect))])
        let done = state.authenticationFinished(.success(.alice), loginTime: 1)
        var expected = [dialect <= .msnp9 ? "USR 4 OK alice@example.com Alice%20Smith 1 0" : "USR 4 OK alice@example.com 1 0"]
        if dialect >= .msnp11 { expected.append("SBS 0 null") }
        #expect(Array(done.lines.prefix(expected.count)) == expected)
        let profile = done.compactMap { action -> String? in
            if case .send(let frame) = action, frame.verb == .msg { frame.payloadText } else { nil }
        }.first ?? ""
        #expect(profile.contains("ClientIP: 127.0.0.1\r\n"))
        #expect(profile.contains("ClientPort: \(ProfileMessage.wirePort(49094))\r\n"))
        #expect(profile.contains("ABCHMigrated: 1") == (dialect >= .msnp10))
        #expect(!profile.contains("MPOPEnabled"))
        #expect(profile.hasSuffix("\r\n\r\n"))
    }

    @Test(arguments: [Dialect.msnp13, .msnp14])
    func tweenerPoliciesComeFirst(dialect: Dialect) {
        var state = makeState()
        feed(&state, "VER 1 \(dialect.token) CVR0")
        let actions = feed(&state, "USR 3 TWN I alice@example.com")
        #expect(actions.count == 2)
        guard case .send(let gcf) = actions.first else { Issue.record("no GCF"); return }
        #expect(gcf.verb == .gcf && gcf.transactionID == 0 && gcf.arguments.isEmpty)
        #expect(gcf.payloadText == PolicyDocument.default)
        #expect(actions.lines.last?.hasPrefix("USR 3 TWN S ") == true)
    }

    @Test func ssoLoginMSNP15() {
        var state = makeState()
        feed(&state, "VER 1 MSNP15 CVR0")
        let actions = feed(&state, "USR 3 SSO I alice@example.com")
        #expect(actions.lines.first?.hasPrefix("GCF 0 ") == true)
        #expect(actions.lines.last == "USR 3 SSO S MBI_KEY_OLD \(ScriptedCryptography.nonce)")
        #expect(feed(&state, "USR 4 SSO S t=abc&p= QkxPQg==") == [.authenticate(AuthenticationRequest(
            email: "alice@example.com",
            credentials: .sso(ticket: "t=abc&p=", blob: "QkxPQg==", nonce: ScriptedCryptography.nonce),
            dialect: .msnp15))])
        let done = state.authenticationFinished(.success(.alice), loginTime: 1)
        #expect(done.first == .signIn(SignedInSession(account: .alice, dialect: .msnp15, machineGUID: nil)))
        #expect(Array(done.lines.prefix(2)) == ["USR 4 OK alice@example.com 1 0", "SBS 0 null"])
    }

    @Test(arguments: [Dialect.msnp16, .msnp17, .msnp18])
    func ssoLoginWithMachineGUID(dialect: Dialect) {
        var state = makeState()
        feed(&state, "VER 1 \(dialect.token) CVR0", "USR 3 SSO I alice@example.com",
             "USR 4 SSO S t=abc&p= QkxPQg== f26d1f07-95e2-403c-bc18-d4bfed493428")
        let done = state.authenticationFinished(.success(.alice), loginTime: 1)
        #expect(done.first == .signIn(SignedInSession(account: .alice, dialect: dialect,
                                                      machineGUID: "{F26D1F07-95E2-403C-BC18-D4BFED493428}")))
        let profile = done.compactMap { action -> String? in
            if case .send(let frame) = action, frame.verb == .msg { frame.payloadText } else { nil }
        }.first ?? ""
        #expect(profile.contains("MPOPEnabled: 1\r\n"))
    }

    @Test func ssoWithoutBlobIs911() {
        var state = makeState()
        let actions = feed(&state, "VER 1 MSNP15 CVR0", "USR 3 SSO I alice@example.com", "USR 4 SSO S t=abc&p=")
        #expect(actions.lines == ["911 4"])
        #expect(actions.closes)
    }

    @Test func versionWeDoNotSpeak() {
        var state = makeState()
        let actions = feed(&state, "VER 1 MSNP99 CVR0")
        #expect(actions.lines == ["VER 1 0"])
        #expect(actions.closes)
    }

    @Test func usrBeforeVERCloses() {
        var state = makeState()
        let actions = feed(&state, "USR 1 TWN I alice@example.com")
        #expect(actions == [.close])
    }

    @Test func wrongSchemeForTheDialectCloses() {
        var state = makeState()
        #expect(feed(&state, "VER 1 MSNP8 CVR0", "USR 2 MD5 I alice@example.com") == [.close])
        var sso = makeState()
        #expect(feed(&sso, "VER 1 MSNP13 CVR0", "USR 2 SSO I alice@example.com") == [.close])
    }

    @Test func malformedEmailIs911() {
        var state = makeState()
        let actions = feed(&state, "VER 1 MSNP11 CVR0", "USR 2 TWN I not-an-email")
        #expect(actions.lines == ["911 2"])
        #expect(actions.closes)
    }

    @Test func infIsGoneFromMSNP8() {
        var state = makeState()
        #expect(feed(&state, "VER 1 MSNP8 CVR0", "INF 2") == [.close])
    }

    @Test func commandsBeforeLoginClose() {
        for line in ["PNG", "SYN 2 0", "CHG 2 NLN 0", "ADL 2 0", "XFR 2 SB"] {
            var state = makeState()
            feed(&state, "VER 1 MSNP13 CVR0")
            #expect(feed(&state, line) == [.close], "\(line)")
        }
    }

    /// Signs in on `dialect` and returns the state.
    func signedIn(_ dialect: Dialect) -> NotificationSessionState {
        var state = makeState()
        switch dialect.authenticationScheme {
        case .md5: feed(&state, "VER 1 \(dialect.token)", "USR 2 MD5 I alice@example.com", "USR 3 MD5 S x")
        case .tweener: feed(&state, "VER 1 \(dialect.token)", "USR 2 TWN I alice@example.com", "USR 3 TWN S t")
        case .sso: feed(&state, "VER 1 \(dialect.token)", "USR 2 SSO I alice@example.com", "USR 3 SSO S t b {G}")
        }
        _ = state.authenticationFinished(.success(.alice), loginTime: 1)
        return state
    }

    @Test func secondUSRIs207() {
        var state = signedIn(.msnp11)
        let actions = feed(&state, "USR 4 TWN I alice@example.com")
        #expect(actions.lines == ["207 4"])
        #expect(actions.closes)
    }

    @Test(arguments: [Dialect.msnp2, .msnp8, .msnp9, .msnp18])
    func pingAfterLogin(dialect: Dialect) {
        var state = signedIn(dialect)
        #expect(feed(&state, "PNG").lines == [dialect >= .msnp9 ? "QNG 60" : "QNG"])
    }

    @Test func firstStatusChangeBringsAChallenge() {
        var state = signedIn(.msnp11)
        let first = feed(&state, "CHG 4 NLN 1610612736")
        #expect(first.lines == ["CHG 4 NLN 1610612736", "CHL 0 \(ScriptedCryptography.challenge)"])
        #expect(feed(&state, "CHG 5 AWY 1610612736").lines == ["CHG 5 AWY 1610612736"])
        let good = "QRY 6 PROD0090YUAUV{2B 32\r\n\(ScriptedCryptography.goodResponse)"
        #expect(feed(&state, good).lines == ["QRY 6"])
        #expect(state.outstandingChallenges.isEmpty)
    }

    @Test func noChallengesBeforeMSNP6() {
        var state = signedIn(.msnp5)
        #expect(feed(&state, "CHG 4 NLN").lines == ["CHG 4 NLN"])
    }

    @Test func wrongQRYIs540ThenClose() {
        var state = signedIn(.msnp8)
        feed(&state, "CHG 4 NLN 0")
        let actions = feed(&state, "QRY 5 msmsgs@msnmsgr.com 32\r\n\(String(repeating: "0", count: 32))")
        #expect(actions.lines == ["540 5"])
        #expect(actions.closes)
    }

    @Test func outCloses() {
        var state = signedIn(.msnp15)
        #expect(feed(&state, "OUT") == [.close])
    }

    @Test func challengeAfterLoginWhenConfigured() {
        var configuration = NotificationSessionConfiguration()
        configuration.challengeTiming = .afterLogin
        var state = NotificationSessionState(configuration: configuration, cryptography: ScriptedCryptography())
        feed(&state, "VER 1 MSNP9", "USR 2 TWN I alice@example.com", "USR 3 TWN S t")
        let done = state.authenticationFinished(.success(.alice), loginTime: 1)
        #expect(done.lines.last == "CHL 0 \(ScriptedCryptography.challenge)")
    }
}

extension NotificationSessionStateTests {
    /// MSN 1.0 beta: `USR n MD5 I` without an e-mail, then `USR m MD5 S email hash`.
    @Test func md5WithoutEmailInTheFirstUSR() {
        var state = makeState()
        feed(&state, "VER 1 MSNP2")
        #expect(feed(&state, "USR 2 MD5 I").lines == ["USR 2 MD5 S \(ScriptedCryptography.salt)"])
        #expect(feed(&state, "USR 3 MD5 S alice@example.com abc") == [.authenticate(AuthenticationRequest(
            email: "alice@example.com", credentials: .md5(salt: ScriptedCryptography.salt, response: "abc"),
            dialect: .msnp2))])
    }

    @Test func cvrWithTooFewFieldsIs710() {
        var state = makeState()
        feed(&state, "VER 1 MSNP8 CVR0")
        let actions = feed(&state, "CVR 2 0x0409 winnt")
        #expect(actions.lines == ["710 2"])
        #expect(!actions.closes)
    }

    @Test func shieldsRequestGetsThePolicies() {
        var state = signedIn(.msnp11)
        let actions = feed(&state, "GCF 4 Shields.xml")
        guard case .send(let frame) = actions.first else { Issue.record("no reply"); return }
        #expect(frame.line == "GCF 4 Shields.xml \(PolicyDocument.default.utf8.count)")
    }
}
