import MSNCore
import NIOCore
import Testing

@testable import MSNServer

/// The switchboard connection's state machine, without sockets.
@Suite struct SwitchboardSessionStateTests {
    static let alice = SwitchboardIdentity(email: "alice@example.com", dialect: .msnp12, friendlyName: "Alice Smith")

    static func joined(_ identity: SwitchboardIdentity = alice) -> SwitchboardSessionState {
        var state = SwitchboardSessionState()
        _ = state.receive(.client("USR 1 alice@example.com 1.2.3"))
        _ = state.loginFinished(identity, handle: EndpointHandle(account: identity.email))
        return state
    }

    @Test func usrThenWelcome() {
        var state = SwitchboardSessionState()
        let actions = state.receive(.client("USR 1 alice@example.com;{EDABAFBB-61AD-51D6-9FD8-E976C892A731} 1.2.3"))
        let handle = EndpointHandle(account: "alice@example.com", endpoint: "{EDABAFBB-61AD-51D6-9FD8-E976C892A731}")
        #expect(actions == [.start(SwitchboardLoginRequest(transactionID: 1, handle: handle, cookie: "1.2.3"))])
        #expect(state.phase == .authenticating(1))
        #expect(state.receive(.client("CAL 2 bob@example.com")) == [.close], "nothing may overtake the login")
    }

    @Test func welcomeCarriesTheHandleAsPresented() {
        var state = SwitchboardSessionState()
        _ = state.receive(.client("USR 1 alice@example.com;{EDABAFBB-61AD-51D6-9FD8-E976C892A731} 1.2.3"))
        let actions = state.loginFinished(Self.alice, handle: EndpointHandle("alice@example.com;{EDABAFBB-61AD-51D6-9FD8-E976C892A731}"))
        #expect(actions == [.send(Frame(verb: .usr, transactionID: 1,
                                        arguments: ["OK", "alice@example.com;{EDABAFBB-61AD-51D6-9FD8-E976C892A731}", "Alice%20Smith"]))])
        #expect(state.dialect == .msnp12)
    }

    @Test func refusedCookieIs911AndClose() {
        for line in ["USR 4 alice@example.com 1.2.3", "ANS 4 bob@example.com 1.2.3 99"] {
            var state = SwitchboardSessionState()
            _ = state.receive(.client(line))
            #expect(state.loginFinished(nil) == [.send(.error(.authenticationFailed, 4)), .close])
            #expect(state.phase == .closed)
            #expect(state.receive(.client("OUT")) == [])
        }
    }

    @Test func answerJoinsWithoutAReplyOfItsOwn() {
        var state = SwitchboardSessionState()
        let actions = state.receive(.client("ANS 1 bob@example.com 7.7.7 1938472615"))
        #expect(actions == [.answer(SwitchboardAnswer(transactionID: 1, handle: EndpointHandle("bob@example.com"),
                                                      cookie: "7.7.7", sessionID: "1938472615"))])
        #expect(state.answerFinished(Self.alice) == [])   // the hub queued IRO … and ANS 1 OK
        #expect(state.dialect == .msnp12)
    }

    @Test(arguments: ["CAL 1 bob@example.com", "MSG 1 A 2\r\nhi", "OUT", "PNG", "XFR 1 SB", "USR 1 alice@example.com",
                      "ANS 1 bob@example.com 7.7.7"])
    func onlyUSROrANSOpenAConnection(line: String) {
        var state = SwitchboardSessionState()
        #expect(state.receive(.client(line)) == [.close])
    }

    @Test func messagesAreRelayedWithTheirMode() {
        var state = Self.joined()
        let payload = ByteBuffer(string: "MIME-Version: 1.0\r\n\r\nhi")
        for mode in AcknowledgementMode.allCases {
            #expect(state.receive(.client("MSG 5 \(mode.rawValue) \(payload.readableBytes)\r\nMIME-Version: 1.0\r\n\r\nhi"))
                    == [.relay(5, mode: mode, payload: payload)])
        }
    }

    @Test func theCapIs285AndClose() {
        var state = Self.joined()
        let ok = String(repeating: "a", count: 1664), over = ok + "a"
        #expect(state.receive(.client("MSG 6 A 1664\r\n\(ok)")).count == 1)
        #expect(state.receive(.client("MSG 7 U 1665\r\n\(over)")) == [.send(.error(.messageTooLong, 7)), .close])
        var small = SwitchboardSessionState(maximumMessageLength: 10)
        _ = small.receive(.client("USR 1 alice@example.com 1.2.3"))
        _ = small.loginFinished(Self.alice, handle: EndpointHandle("alice@example.com"))
        #expect(small.receive(.client("MSG 8 N 11\r\n01234567890")) == [.send(.error(.messageTooLong, 8)), .close])
    }

    @Test func dataMessagesNeedMSNP9() {
        var old = Self.joined(SwitchboardIdentity(email: "alice@example.com", dialect: .msnp8, friendlyName: "Alice"))
        #expect(old.receive(.client("MSG 3 D 1\r\nx")) == [.close])
        var new = Self.joined(SwitchboardIdentity(email: "alice@example.com", dialect: .msnp9, friendlyName: "Alice"))
        #expect(new.receive(.client("MSG 3 D 1\r\nx")) == [.relay(3, mode: .data, payload: ByteBuffer(string: "x"))])
    }

    @Test(arguments: ["MSG 3 Q 1\r\nx", "MSG 3 A B 1\r\nx", "CAL 3", "CAL 3 a@b.c d@e.f", "USR 3 alice@example.com 1.2.3",
                      "ANS 3 bob@example.com 1 2", "IRO 3 1 1 a@b.c A", "XFR 3 SB"])
    func outOfPlaceOrMalformedCloses(line: String) {
        var state = Self.joined()
        #expect(state.receive(.client(line)) == [.close])
        #expect(state.phase == .closed)
    }

    @Test func callsAndTheirRefusals() {
        var state = Self.joined()
        #expect(state.receive(.client("CAL 4 bob@example.com")) == [.call(4, email: "bob@example.com")])
        #expect(state.callFinished(4, refusal: nil) == [])    // the hub queued CAL 4 RINGING …
        #expect(state.callFinished(4, refusal: .principalNotOnline) == [.send(.error(.principalNotOnline, 4))])
        #expect(state.receive(.client("CAL 5 bob")) == [.send(.error(.invalidPrincipalName, 5))])
        #expect(state.receive(.client("CAL 6 bob@example.com;{GUID}")) == [.send(.error(.invalidPrincipalName, 6))])
    }

    /// U: never; N: NAK on failure only; A and D: ACK or NAK.
    @Test func acknowledgementTable() {
        let state = Self.joined()
        let table: [(AcknowledgementMode, Bool, [String])] = [
            (.unacknowledged, true, []), (.unacknowledged, false, []),
            (.negativeOnly, true, []), (.negativeOnly, false, ["NAK 9"]),
            (.acknowledged, true, ["ACK 9"]), (.acknowledged, false, ["NAK 9"]),
            (.data, true, ["ACK 9"]), (.data, false, ["NAK 9"]),
        ]
        for (mode, delivered, lines) in table {
            let actions = state.relayFinished(9, mode: mode, delivered: delivered)
            #expect(actions.compactMap { if case .send(let frame) = $0 { frame.line } else { nil } } == lines, "\(mode) \(delivered)")
        }
    }
}

/// The session's fast path for `MSG` must decide exactly as `receive` does.
@Suite struct SwitchboardRelayActionTests {
    @Test(arguments: ["MSG 5 A 2\r\nhi", "MSG 5 U 2\r\nhi", "MSG 5 N 2\r\nhi", "MSG 5 D 2\r\nhi", "MSG 5 Q 2\r\nhi",
                      "MSG 5 A B 2\r\nhi", "MSG 5 AA 2\r\nhi", "MSG 5 A 1665\r\n" + String(repeating: "x", count: 1665),
                      "CAL 5 bob@example.com", "OUT"])
    func relayActionIsReceivesOnlyRelay(line: String) {
        for dialect in [Dialect.msnp8, .msnp9, .msnp18] {
            var state = SwitchboardSessionStateTests.joined(
                SwitchboardIdentity(email: "alice@example.com", dialect: dialect, friendlyName: "Alice"))
            let frame = Frame.client(line, dialect: dialect)
            let fast = state.relayAction(frame)
            let actions = state.receive(frame)
            if case .relay? = actions.first, actions.count == 1 {
                #expect(fast == actions[0], "\(line) \(dialect)")
            } else {
                #expect(fast == nil, "\(line) \(dialect)")
            }
        }
        #expect(SwitchboardSessionState().relayAction(.client(line)) == nil, "not joined")
    }

    @Test func relayReplyIsRelayFinished() {
        let state = SwitchboardSessionStateTests.joined()
        for mode in AcknowledgementMode.allCases {
            for delivered in [true, false] {
                #expect(state.relayReply(9, mode: mode, delivered: delivered).map { [SwitchboardAction.send($0)] } ?? []
                        == state.relayFinished(9, mode: mode, delivered: delivered))
            }
        }
        #expect(SwitchboardSessionState().relayReply(9, mode: .acknowledged, delivered: true) == nil)
    }

    @Test func modeFieldIsReadWithoutAString() {
        for mode in AcknowledgementMode.allCases { #expect(AcknowledgementMode(Substring(mode.rawValue)) == mode) }
        for field in ["", "a", "AA", "X", "Ü"] { #expect(AcknowledgementMode(Substring(field)) == nil) }
    }
}
