import MSNCore
import MSNServer
import Testing

@Suite struct DispatchSessionStateTests {
    func makeState() -> DispatchSessionState {
        DispatchSessionState(configuration: .init(notificationServer: "10.0.0.5:1866", currentServer: "10.0.0.1:1863"))
    }

    func lines(_ actions: [DispatchSessionState.Action]) -> [String] {
        actions.compactMap { if case .send(let frame) = $0 { frame.line } else { nil } }
    }

    func feed(_ state: inout DispatchSessionState, _ line: String) -> [DispatchSessionState.Action] {
        state.receive(.client(line, dialect: state.dialect))
    }

    /// The tutorial's exchange: the version list highest first with CVR0, CVR's five fields,
    /// then `XFR 3 NS host:port U D` and a close.
    @Test func tutorialExchange() {
        var state = makeState()
        #expect(lines(feed(&state, "VER 1 MSNP13 MSNP14 MSNP15 CVR0")) == ["VER 1 MSNP15 MSNP14 MSNP13 CVR0"])
        var msnp13 = makeState()
        #expect(lines(feed(&msnp13, "VER 1 MSNP13 CVR0")) == ["VER 1 MSNP13 CVR0"])
        let cvr = feed(&msnp13, "CVR 2 0x0c0a winnt 5.1 i386 MSNMSGR 8.0.0792 msmsgs xmxsxn@hotmail.com")
        guard case .send(let reply) = cvr.first else { Issue.record("no CVR reply"); return }
        #expect(reply.arguments.count == 5)
        #expect(Array(reply.arguments.prefix(3)) == ["8.0.0792", "8.0.0792", "8.0.0792"])
        let usr = feed(&msnp13, "USR 3 TWN I xmxsxn@hotmail.com")
        #expect(lines(usr) == ["XFR 3 NS 10.0.0.5:1866 U D"])
        #expect(usr.last == .close)
    }

    @Test(arguments: Dialect.allCases)
    func redirectForm(dialect: Dialect) {
        var state = makeState()
        _ = feed(&state, "VER 1 \(dialect.token) CVR0")
        let scheme = dialect.authenticationScheme.rawValue
        let expected = switch dialect.version {
        case 2: "XFR 3 NS 10.0.0.5:1866"
        case 3...6: "XFR 3 NS 10.0.0.5:1866 0"
        case 7...12: "XFR 3 NS 10.0.0.5:1866 0 10.0.0.1:1863"
        default: "XFR 3 NS 10.0.0.5:1866 U D"
        }
        #expect(lines(feed(&state, "USR 3 \(scheme) I alice@example.com")) == [expected])
    }

    @Test func infOnlyForMD5Dialects() {
        var old = makeState()
        _ = feed(&old, "VER 1 MSNP7 MSNP6 CVR0")
        #expect(lines(feed(&old, "INF 2")) == ["INF 2 MD5"])
        var new = makeState()
        _ = feed(&new, "VER 1 MSNP8 CVR0")
        #expect(feed(&new, "INF 2") == [.close])
    }

    @Test func outOfOrderCloses() {
        var state = makeState()
        #expect(feed(&state, "USR 1 TWN I alice@example.com") == [.close])
        var other = makeState()
        #expect(feed(&other, "CVR 1 0x0409 winnt 5.1 i386 MSNMSGR 8.0 msmsgs a@b.c") == [.close])
        var ping = makeState()
        _ = feed(&ping, "VER 1 MSNP8 CVR0")
        #expect(feed(&ping, "PNG") == [.close])
    }

    @Test func unknownVersion() {
        var state = makeState()
        let actions = feed(&state, "VER 1 MSNP99 CVR0")
        #expect(lines(actions) == ["VER 1 0"])
        #expect(actions.last == .close)
    }
}
