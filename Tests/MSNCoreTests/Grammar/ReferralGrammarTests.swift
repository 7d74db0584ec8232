import MSNCore
import Testing

@Suite struct ReferralGrammarTests {
    @Test(arguments: [
        GrammarFixture.success("XFR 10 SB", ReferralRequest(transactionID: 10), from: .client),
        .success("XFR 3 NS", ReferralRequest(transactionID: 3, target: .notification), from: .client),
        .failure("XFR 3 XX", .invalidArgument, from: .client),
        .failure("XFR 3", .missingArgument, from: .client),
    ])
    func request(_ fixture: GrammarFixture<ReferralRequest>) throws { try fixture.check() }

    static func ns(_ dialect: Dialect) -> Referral {
        .notification(NotificationReferral(transactionID: 3, address: "10.0.0.5:1863", currentServer: "10.0.0.1:1863",
                                           dialect: dialect))
    }

    static func sb(_ dialect: Dialect) -> Referral {
        .switchboard(SwitchboardReferral(transactionID: 15, address: "207.46.108.37:1863",
                                         cookie: "17262740.1050826919.32308", dialect: dialect))
    }

    @Test(arguments: [
        GrammarFixture.success("XFR 3 NS 10.0.0.5:1863", ns(.msnp2), from: .server, .msnp2),
        .success("XFR 3 NS 10.0.0.5:1863 0", ns(.msnp5), from: .server, .msnp5),
        .success("XFR 3 NS 10.0.0.5:1863 0 10.0.0.1:1863", ns(.msnp7), from: .server, .msnp7),
        .success("XFR 3 NS 10.0.0.5:1863 0 10.0.0.1:1863", ns(.msnp12), from: .server, .msnp12),
        .success("XFR 3 NS 10.0.0.5:1863 U D", ns(.msnp13), from: .server, .msnp13),
        .success("XFR 3 NS 10.0.0.5:1863 U D", ns(.msnp18), from: .server),
        .success("XFR 15 SB 207.46.108.37:1863 CKI 17262740.1050826919.32308", sb(.msnp2), from: .server, .msnp2),
        .success("XFR 15 SB 207.46.108.37:1863 CKI 17262740.1050826919.32308", sb(.msnp12), from: .server, .msnp12),
        .success("XFR 15 SB 207.46.108.37:1863 CKI 17262740.1050826919.32308 U messenger.msn.com", sb(.msnp13),
                 from: .server, .msnp13),
        .success("XFR 15 SB 207.46.108.37:1863 CKI 17262740.1050826919.32308 U messenger.msn.com 1", sb(.msnp14),
                 from: .server, .msnp14),
        .success("XFR 15 SB 207.46.108.37:1863 CKI 17262740.1050826919.32308 U messenger.msn.com 1", sb(.msnp18),
                 from: .server),
        .failure("XFR 15 SB 207.46.108.37:1863 XYZ 1726", .invalidArgument, from: .server),
        .failure("XFR 15 SB 207.46.108.37:1863 CKI", .missingArgument, from: .server),
        .failure("XFR 15 SB 207.46.108.37:1863 CKI c U", .missingArgument, from: .server),
        .failure("XFR 15 SB 207.46.108.37:1863 CKI c U dom 9", .invalidArgument, from: .server),
        .failure("XFR 3 NS 10.0.0.5:1863 X", .invalidArgument, from: .server),
        .failure("XFR 3 NS", .missingArgument, from: .server),
        .failure("XFR NS 10.0.0.5:1863", .missingTransactionID, from: .server),
    ])
    func referral(_ fixture: GrammarFixture<Referral>) throws { try fixture.check() }

    @Test func formsFollowTheDialectTable() {
        for dialect in Dialect.allCases {
            guard case .notification(let ns) = Self.ns(dialect), case .switchboard(let sb) = Self.sb(dialect) else {
                Issue.record("wrong case")
                continue
            }
            #expect(ns.form == dialect.notificationRedirectForm)
            #expect(sb.form == dialect.switchboardReferralForm)
            #expect((ns.currentServer != nil) == (ns.form == .addressZeroAndCurrent))
            #expect((sb.domain != nil) == (sb.form != .plain))
        }
    }
}
