import MSNCore
import Testing
@testable import MSNClient

@Suite("Login state machine")
struct LoginStateMachineTests {
    typealias Action = LoginStateMachine.Action

    static let server = ServerAddress(host: "127.0.0.1", port: 1863)

    static func machine(_ dialects: [Dialect], email: String = "alice@example.com", password: String = "test1234",
                        configure: (inout LoginStateMachine.Settings) -> Void = { _ in }) -> LoginStateMachine {
        var settings = LoginStateMachine.Settings(email: email, password: password, server: server, dialects: dialects)
        settings.machineGUID = "{EDABAFBB-61AD-51D6-9FD8-E976C892A731}"
        configure(&settings)
        return LoginStateMachine(settings: settings)
    }

    static func sent(_ action: Action) -> String? {
        if case .send(let frame) = action { return frame.line }
        return nil
    }

    static func error(_ action: Action) -> MessengerClientError? {
        if case .fail(let error) = action { return error }
        return nil
    }

    /// Connects and answers VER and CVR; returns the action after the CVR reply.
    static func negotiate(_ machine: inout LoginStateMachine, verReply: String, dialect: Dialect) -> Action {
        #expect(machine.start() == .connect(server))
        _ = machine.connected()
        let afterVER = machine.received(ServerLines.frame(verReply))
        guard let cvr = sent(afterVER), cvr.hasPrefix("CVR") else { return afterVER }
        let id = cvr.split(separator: " ")[1]
        return machine.received(ServerLines.frame("CVR \(id) 1.0 1.0 1.0 https://example.invalid https://example.invalid"))
    }

    // MARK: - Dialect families, with the transcripts' server lines

    @Test("MSNP8 Tweener login with Escargot's lines")
    func msnp8Tweener() {
        var machine = Self.machine([.msnp8])
        #expect(machine.start() == .connect(Self.server))
        #expect(Self.sent(machine.connected()) == "VER 1 MSNP8 CVR0")
        #expect(Self.sent(machine.received(ServerLines.frame("VER 1 MSNP8")))
                == "CVR 2 0x0409 winnt 5.1 i386 MSNMSGR 5.0.0537 msmsgs alice@example.com")
        #expect(Self.sent(machine.received(ServerLines.frame(
            "CVR 2 6.0.0602 6.0.0602 6.0.0602 https://escargot.log1p.xyz https://escargot.log1p.xyz")))
                == "USR 3 TWN I alice@example.com")
        #expect(machine.received(ServerLines.frame("USR 3 TWN S ct=1,rver=1,wp=FS_40SEC_0_COMPACT,lc=1,id=1"))
                == .fetchTweenerTicket(policy: "ct=1,rver=1,wp=FS_40SEC_0_COMPACT,lc=1,id=1"))
        #expect(Self.sent(machine.ticketReceived("6ee56c231d371251ed9b")) == "USR 4 TWN S 6ee56c231d371251ed9b")
        let done = machine.received(ServerLines.frame("USR 4 OK alice@example.com alice@example.com 1 0"))
        #expect(done == .signedIn(SignedInAccount(email: "alice@example.com", friendlyName: "alice@example.com",
                                                  isVerified: true, dialect: .msnp8, server: Self.server)))
        #expect(machine.nextTransactionID == 5)
    }

    @Test("MSNP11 Tweener: USR OK without a friendly name, pushes ignored")
    func msnp11() {
        var machine = Self.machine(Dialect.allCases)
        let usr = Self.negotiate(&machine, verReply: "VER 1 MSNP11", dialect: .msnp11)
        #expect(Self.sent(usr) == "USR 3 TWN I alice@example.com")
        #expect(machine.received(ServerLines.frame("USR 3 TWN S ct=1,rver=1,wp=FS_40SEC_0_COMPACT,lc=1,id=1"))
                == .fetchTweenerTicket(policy: "ct=1,rver=1,wp=FS_40SEC_0_COMPACT,lc=1,id=1"))
        #expect(Self.sent(machine.ticketReceived("cdf97e6c12d6cc8b8454")) == "USR 4 TWN S cdf97e6c12d6cc8b8454")
        guard case .signedIn(let account) = machine.received(ServerLines.frame("USR 4 OK alice@example.com 1 0")) else {
            Issue.record("not signed in"); return
        }
        #expect(account.friendlyName == nil)
        #expect(account.isVerified == true)
        #expect(account.dialect == .msnp11)
    }

    @Test("MSNP15 SSO with the GCF push before USR S")
    func msnp15SSO() {
        var machine = Self.machine(Dialect.allCases)
        let usr = Self.negotiate(&machine, verReply: "VER 1 MSNP15", dialect: .msnp15)
        #expect(Self.sent(usr) == "USR 3 SSO I alice@example.com")
        #expect(machine.received(ServerLines.frame("GCF 0 9", payload: "<Policies", dialect: .msnp15)) == .readNext)
        let nonce = "KZz0KT99OGglPk4ltDQhN1jgskAjKWInvhSCCr3zyhb/sSFE9HaUs8Vk1vtfmPrD"
        #expect(machine.received(ServerLines.frame("USR 3 SSO S MBI_KEY_OLD \(nonce)"))
                == .fetchSSOTicket(policy: "MBI_KEY_OLD", nonce: nonce))
        #expect(Self.sent(machine.ticketReceived("t=abc&p=", blob: "HAAAAAEAAAA=")) == "USR 4 SSO S t=abc&p= HAAAAAEAAAA=")
        guard case .signedIn(let account) = machine.received(ServerLines.frame("USR 4 OK alice@example.com 1 0")) else {
            Issue.record("not signed in"); return
        }
        #expect(account.dialect == .msnp15)
    }

    @Test("MSNP18 SSO sends the machine GUID", arguments: [Dialect.msnp16, .msnp17, .msnp18])
    func ssoMachineGUID(dialect: Dialect) {
        var machine = Self.machine([dialect])
        _ = Self.negotiate(&machine, verReply: "VER 1 \(dialect.token)", dialect: dialect)
        _ = machine.received(ServerLines.frame("USR 3 SSO S MBI_KEY_OLD dz+tY4SqEsxdZ0DzYy8SAp5FJ2drwBww4exKbSrZQ5nSPzqfGBjZKxWqR108N9Oj"))
        #expect(Self.sent(machine.ticketReceived("t=x&p=", blob: "QUJD"))
                == "USR 4 SSO S t=x&p= QUJD {EDABAFBB-61AD-51D6-9FD8-E976C892A731}")
    }

    @Test("MSNP2–7 send INF, then CVR without the e-mail, then USR MD5 I", arguments: [Dialect.msnp2, .msnp5, .msnp7])
    func legacyNegotiation(dialect: Dialect) {
        var machine = Self.machine([dialect])
        _ = machine.start()
        #expect(Self.sent(machine.connected()) == "VER 1 \(dialect.token) CVR0")
        #expect(Self.sent(machine.received(ServerLines.frame("VER 1 \(dialect.token)"))) == "INF 2")
        #expect(Self.sent(machine.received(ServerLines.frame("INF 2 MD5")))
                == "CVR 3 0x0409 winnt 5.1 i386 MSNMSGR 2.0.0085 msmsgs")
        #expect(Self.sent(machine.received(ServerLines.frame("CVR 3 2.0.0085 2.0.0085 2.0.0085 https://x https://x")))
                == "USR 4 MD5 I alice@example.com")
    }

    @Test("CVR can be left out before MSNP8, never from MSNP8")
    func cvrOptional() {
        var old = Self.machine([.msnp5]) { $0.sendCVRBeforeMSNP8 = false }
        _ = old.start(); _ = old.connected()
        _ = old.received(ServerLines.frame("VER 1 MSNP5"))
        #expect(Self.sent(old.received(ServerLines.frame("INF 2 MD5"))) == "USR 3 MD5 I alice@example.com")

        var new = Self.machine([.msnp8]) { $0.sendCVRBeforeMSNP8 = false }
        _ = new.start(); _ = new.connected()
        #expect(Self.sent(new.received(ServerLines.frame("VER 1 MSNP8")))?.hasPrefix("CVR 2 ") == true)
    }

    @Test("MD5 answer and the MSNP2 USR OK form")
    func md5() {
        var machine = Self.machine([.msnp2], password: "abcdefg1234567")
        _ = machine.start(); _ = machine.connected()
        _ = machine.received(ServerLines.frame("VER 1 MSNP2"))
        _ = machine.received(ServerLines.frame("INF 2 MD5"))
        _ = machine.received(ServerLines.frame("CVR 3 2.0.0085 2.0.0085 2.0.0085 https://x https://x"))
        #expect(Self.sent(machine.received(ServerLines.frame("USR 4 MD5 S 1056561624.17795")))
                == "USR 5 MD5 S 483eee01d6a1de1b668cac9a0ac75d91")
        guard case .signedIn(let account) = machine.received(ServerLines.frame("USR 5 OK alice@example.com Alice%20A")) else {
            Issue.record("not signed in"); return
        }
        #expect(account.friendlyName == "Alice A")
        #expect(account.isVerified == nil)
    }

    // MARK: - Leniency

    @Test("Trailing spaces, extra parameters and an echoed offer list are accepted")
    func lenient() {
        var machine = Self.machine(Dialect.allCases)
        _ = machine.start(); _ = machine.connected()
        let cvr = machine.received(ServerLines.frame("VER 1 MSNP13 MSNP12 MSNP11 CVR0   "))
        #expect(Self.sent(cvr)?.hasPrefix("CVR 2 ") == true)
        #expect(machine.dialect == .msnp13)
        #expect(Self.sent(machine.received(ServerLines.frame("CVR 2 8.0.0812"))) == "USR 3 TWN I alice@example.com")
        _ = machine.received(ServerLines.frame("USR 3 TWN S ct=1,rver=1 extra"))
        _ = machine.ticketReceived("t=1&p=2")
        guard case .signedIn(let account) = machine.received(ServerLines.frame("USR 4 OK alice@example.com 1 0 extra more ")) else {
            Issue.record("not signed in"); return
        }
        #expect(account.email == "alice@example.com")
    }

    @Test("An error answering CVR before MSNP8 does not stop the login")
    func cvrErrorTolerated() {
        var machine = Self.machine([.msnp6])
        _ = machine.start(); _ = machine.connected()
        _ = machine.received(ServerLines.frame("VER 1 MSNP6"))
        _ = machine.received(ServerLines.frame("INF 2 MD5"))
        #expect(Self.sent(machine.received(ServerLines.frame("502 3"))) == "USR 4 MD5 I alice@example.com")
    }

    // MARK: - Redirects

    @Test("XFR NS in every form is followed", arguments: [
        "XFR 3 NS 10.0.0.5:1863",
        "XFR 3 NS 10.0.0.5:1863 0",
        "XFR 3 NS 10.0.0.5:1863 0 207.46.104.20:1863",
        "XFR 3 NS 10.0.0.5:1863 U D",
        "XFR 3 NS 10.0.0.5:1863 U D  ",
    ])
    func redirect(line: String) {
        var machine = Self.machine([.msnp8, .msnp13])
        _ = Self.negotiate(&machine, verReply: "VER 1 MSNP13", dialect: .msnp13)
        let target = ServerAddress(host: "10.0.0.5", port: 1863)
        #expect(machine.received(ServerLines.frame(line)) == .connect(target))
        #expect(Self.sent(machine.connected()) == "VER 1 MSNP13 MSNP8 CVR0")
        #expect(machine.server == target)
        #expect(machine.redirects == 1)
    }

    @Test("XFR to host 0 restarts on the same connection")
    func redirectToZero() {
        var machine = Self.machine([.msnp8])
        _ = Self.negotiate(&machine, verReply: "VER 1 MSNP8", dialect: .msnp8)
        #expect(Self.sent(machine.received(ServerLines.frame("XFR 3 NS 0 0 127.0.0.1:1863"))) == "VER 4 MSNP8 CVR0")
    }

    @Test("More redirects than allowed is a protocol violation")
    func redirectLimit() {
        var machine = Self.machine([.msnp8]) { $0.maximumRedirects = 1 }
        _ = Self.negotiate(&machine, verReply: "VER 1 MSNP8", dialect: .msnp8)
        #expect(machine.received(ServerLines.frame("XFR 3 NS 10.0.0.5:1863 0")) == .connect(ServerAddress(host: "10.0.0.5")))
        _ = machine.connected()
        _ = machine.received(ServerLines.frame("VER 1 MSNP8"))
        _ = machine.received(ServerLines.frame("CVR 2 5.0"))
        let error = Self.error(machine.received(ServerLines.frame("XFR 3 NS 10.0.0.6:1863 0")))
        #expect(error?.code == .protocolViolation)
        #expect(error?.line == "XFR 3 NS 10.0.0.6:1863 0")
    }

    // MARK: - Failures

    @Test("VER 1 0 is a refused dialect")
    func dialectRefused() {
        var machine = Self.machine(Dialect.allCases)
        _ = machine.start(); _ = machine.connected()
        let error = Self.error(machine.received(ServerLines.frame("VER 1 0")))
        #expect(error?.code == .dialectRefused)
        #expect(error?.line == "VER 1 0")
    }

    @Test("A dialect that was not offered is a protocol violation")
    func unofferedDialect() {
        var machine = Self.machine([.msnp8])
        _ = machine.start(); _ = machine.connected()
        #expect(Self.error(machine.received(ServerLines.frame("VER 1 MSNP9")))?.code == .protocolViolation)
    }

    @Test("911 after USR S is a wrong password (negative.txt)")
    func wrongPassword() {
        var machine = Self.machine([.msnp11])
        _ = Self.negotiate(&machine, verReply: "VER 1 MSNP11", dialect: .msnp11)
        _ = machine.received(ServerLines.frame("USR 3 TWN S ct=1,rver=1,wp=FS_40SEC_0_COMPACT,lc=1,id=1"))
        _ = machine.ticketReceived("0123456789abcdef0123")
        let error = Self.error(machine.received(ServerLines.frame("911 4")))
        #expect(error?.code == .wrongPassword)
        #expect(error?.serverErrorCode == .authenticationFailed)
    }

    @Test("An error answering USR I is an unknown account", arguments: ["911 3", "205 3", "208 3"])
    func unknownAccount(line: String) {
        var machine = Self.machine([.msnp11])
        _ = Self.negotiate(&machine, verReply: "VER 1 MSNP11", dialect: .msnp11)
        #expect(Self.error(machine.received(ServerLines.frame(line)))?.code == .unknownAccount)
    }

    @Test("A busy server is unavailable")
    func busy() {
        var machine = Self.machine([.msnp11])
        _ = Self.negotiate(&machine, verReply: "VER 1 MSNP11", dialect: .msnp11)
        #expect(Self.error(machine.received(ServerLines.frame("600 3")))?.code == .serverUnavailable)
    }

    @Test("OUT OTH during login")
    func outDuringLogin() {
        var machine = Self.machine([.msnp11])
        _ = Self.negotiate(&machine, verReply: "VER 1 MSNP11", dialect: .msnp11)
        #expect(Self.error(machine.received(ServerLines.frame("OUT OTH")))?.code == .signedInElsewhere)
    }

    @Test("A close before VER is answered means the server is unavailable")
    func closedBeforeVER() {
        var machine = Self.machine([.msnp11])
        _ = machine.start(); _ = machine.connected()
        #expect(Self.error(machine.connectionClosed(.disconnected("closed")))?.code == .serverUnavailable)
    }

    @Test("A scheme the dialect does not use is a protocol violation")
    func wrongScheme() {
        var machine = Self.machine([.msnp11])
        _ = Self.negotiate(&machine, verReply: "VER 1 MSNP11", dialect: .msnp11)
        #expect(Self.error(machine.received(ServerLines.frame("USR 3 MD5 S 123.456")))?.code == .protocolViolation)
    }
}
