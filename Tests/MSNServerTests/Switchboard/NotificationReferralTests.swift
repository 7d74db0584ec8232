import MSNCore
import Testing

@testable import MSNServer

/// `XFR n SB` on the notification connection, as a state-machine action.
@Suite struct NotificationReferralTests {
    static func signedIn(_ dialect: Dialect) -> NotificationSessionState {
        var state = NotificationSessionState(cryptography: ScriptedCryptography())
        _ = state.receive(.client("VER 1 \(dialect.token) CVR0"))
        switch dialect.authenticationScheme {
        case .md5: _ = state.receive(.client("USR 2 MD5 I alice@example.com")); _ = state.receive(.client("USR 3 MD5 S good"))
        case .tweener: _ = state.receive(.client("USR 2 TWN I alice@example.com")); _ = state.receive(.client("USR 3 TWN S good"))
        case .sso:
            _ = state.receive(.client("USR 2 SSO I alice@example.com"))
            _ = state.receive(.client("USR 3 SSO S t=x&p= good {00000000-0000-0000-0000-000000000001}"))
        }
        _ = state.authenticationFinished(.success(.alice), loginTime: 0)
        return state
    }

    @Test(arguments: [Dialect.msnp2, .msnp8, .msnp13, .msnp18])
    func xfrSBAsksForAReferral(dialect: Dialect) {
        var state = Self.signedIn(dialect)
        #expect(state.session != nil)
        #expect(state.receive(.client("XFR 12 SB")) == [.requestSwitchboard(12)])
    }

    @Test(arguments: ["XFR 12 NS", "XFR 12", "XFR 12 XX"])
    func otherReferralsClose(line: String) {
        var state = Self.signedIn(.msnp12)
        #expect(state.receive(.client(line)) == [.close])
    }
}
