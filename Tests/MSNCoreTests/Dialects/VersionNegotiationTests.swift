import MSNCore
import Testing

@Suite struct VersionNegotiationTests {
    static let all = Set(Dialect.allCases)
    static let upTo17 = Set(Dialect.allCases.filter { $0 >= .msnp13 && $0 <= .msnp17 })

    @Test(arguments: [
        (["MSNP13", "MSNP14", "MSNP15", "CVR0"], all, ["MSNP15", "MSNP14", "MSNP13", "CVR0"]),
        (["MSNP99", "CVR0"], all, ["0"]),
        (["MSNP13", "CVR0"], all, ["MSNP13", "CVR0"]),
        (["MSNP13", "MSNP14", "MSNP15", "MSNP16", "MSNP17", "CVR0"], upTo17, ["MSNP17", "MSNP16", "MSNP15", "MSNP14", "MSNP13", "CVR0"]),
        (["MSNP13", "MSNP14", "MSNP15", "MSNP16", "MSNP17", "MSNP18", "CVR0"], upTo17,
         ["MSNP17", "MSNP16", "MSNP15", "MSNP14", "MSNP13", "CVR0"]),
        (["MSNP18", "MSNP16", "MSNP15"], all, ["MSNP18", "MSNP16", "MSNP15"]),
        (["MSNP8", "MSNP8", "CVR0"], all, ["MSNP8", "CVR0"]),
        (["MSNP1", "CVR0", "MSNP2"], all, ["MSNP2", "CVR0"]),
        (["CVR0"], all, ["0"]),
    ] as [([String], Set<Dialect>, [String])])
    func answers(offered: [String], supported: Set<Dialect>, answer: [String]) {
        #expect(VersionNegotiation.answer(to: offered, supported: supported) == answer)
    }

    @Test func chosenDialect() {
        #expect(VersionNegotiation.chosenDialect(in: ["MSNP15", "MSNP14", "MSNP13", "CVR0"]) == .msnp15)
        #expect(VersionNegotiation.chosenDialect(in: ["MSNP8"]) == .msnp8)
        #expect(VersionNegotiation.chosenDialect(in: ["0"]) == nil)
        #expect(VersionNegotiation.offer([.msnp13, .msnp15, .msnp14]) == ["MSNP15", "MSNP14", "MSNP13", "CVR0"])
        #expect(VersionNegotiation.offer([.msnp8], includeCVR0: false) == ["MSNP8"])
    }

    @Test func dialectTokens() {
        #expect(Dialect(token: "MSNP8") == .msnp8 && Dialect(token: "MSNP18") == .msnp18)
        #expect(Dialect(token: "MSNP1") == nil && Dialect(token: "MSNP19") == nil && Dialect(token: "CVR0") == nil)
        #expect(Dialect(token: "msnp8") == nil && Dialect(token: "MSNP") == nil)
        #expect(Dialect.msnp15.token == "MSNP15" && Dialect.msnp15 > .msnp8)
        #expect(Dialect(version: 2) == .msnp2 && Dialect(version: 1) == nil)
    }

    @Test func traitsChangeWhereTheProtocolNotesSay() {
        #expect(Dialect.allCases.filter(\.hasINF) == Array(Dialect.allCases.prefix(6)))
        #expect(Dialect.msnp8.authenticationScheme == .tweener && Dialect.msnp15.authenticationScheme == .sso)
        #expect(!Dialect.msnp8.qngCarriesSeconds && Dialect.msnp9.qngCarriesSeconds)
        #expect(!Dialect.msnp10.sendsSBS && Dialect.msnp11.sendsSBS)
        #expect(!Dialect.msnp12.pushesPolicies && Dialect.msnp13.pushesPolicies)
        #expect(!Dialect.msnp15.usrCarriesMachineGUID && Dialect.msnp16.usrCarriesMachineGUID)
        #expect(Dialect.msnp2.notificationRedirectForm == .addressOnly)
        #expect(Dialect.msnp6.notificationRedirectForm == .addressAndZero)
        #expect(Dialect.msnp7.notificationRedirectForm == .addressZeroAndCurrent)
        #expect(Dialect.msnp13.notificationRedirectForm == .addressUD)
        #expect(Dialect.msnp12.switchboardReferralForm == .plain && Dialect.msnp13.switchboardReferralForm == .domain)
        #expect(Dialect.msnp14.switchboardReferralForm == .domainAndDirectConnect)
        #expect(Dialect.msnp5.loginOKForm == .friendlyName && Dialect.msnp7.loginOKForm == .friendlyNameVerified)
        #expect(Dialect.msnp9.loginOKForm == .friendlyNameVerifiedRestricted && Dialect.msnp10.loginOKForm == .verifiedRestricted)
    }
}
