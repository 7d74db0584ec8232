import MSNCore
import NIOCore
import Testing

@Suite struct SessionGrammarTests {
    @Test(arguments: [
        GrammarFixture.success("OUT", SignOut(), from: .client),
        .success("OUT", SignOut(), from: .server),
        .success("OUT OTH", SignOut(reason: .otherLocation), from: .server),
        .success("OUT SSD", SignOut(reason: .serverShutdown), from: .server),
        .success("OUT MIG", SignOut(reason: .migrated), from: .server, .msnp10),
        .success("OUT TOU", SignOut(reason: .termsOfUse), from: .server, .msnp12),
        .success("OUT RCT 6", SignOut(reason: .reconnect(afterMinutes: 6)), from: .server, .msnp11),
        .success("OUT XYZ 1 2", SignOut(reason: .other(["XYZ", "1", "2"])), from: .server),
        .failure("OUT RCT", .missingArgument, from: .server),
        .failure("OUT RCT soon", .invalidArgument, from: .server),
    ])
    func signOut(_ fixture: GrammarFixture<SignOut>) throws { try fixture.check() }

    @Test func reasonsFollowTheDialect() {
        #expect(SignOutReason.migrated.isSent(in: .msnp10) && !SignOutReason.migrated.isSent(in: .msnp11))
        #expect(!SignOutReason.termsOfUse.isSent(in: .msnp9) && SignOutReason.termsOfUse.isSent(in: .msnp18))
        #expect(!SignOutReason.reconnect(afterMinutes: 1).isSent(in: .msnp10))
        #expect(SignOutReason.reconnect(afterMinutes: 1).isSent(in: .msnp11))
        #expect(SignOutReason.otherLocation.isSent(in: .msnp2))
    }

    @Test(arguments: [
        GrammarFixture.success("PNG", Ping(), from: .client),
        .failure("QNG", .wrongVerb, from: .client),
    ])
    func ping(_ fixture: GrammarFixture<Ping>) throws { try fixture.check() }

    @Test(arguments: [
        GrammarFixture.success("QNG", PingReply(seconds: 50, dialect: .msnp8), from: .server, .msnp8),
        .success("QNG 50", PingReply(seconds: 50, dialect: .msnp9), from: .server, .msnp9),
        .success("QNG 60", PingReply(seconds: 60), from: .server, .msnp18),
        .failure("QNG x", .invalidArgument, from: .server),
    ])
    func pingReply(_ fixture: GrammarFixture<PingReply>) throws { try fixture.check() }

    @Test(arguments: [
        GrammarFixture.success("CHL 0 15570131571988941333", Challenge(challenge: "15570131571988941333"), from: .server, .msnp11),
        .failure("CHL 0", .missingArgument, from: .server),
    ])
    func challenge(_ fixture: GrammarFixture<Challenge>) throws { try fixture.check() }

    @Test(arguments: [
        GrammarFixture.success("QRY 11 PROD0090YUAUV{2B 32\r\n8f2f5a91b72102cd28355e9fc9000d6e",
                               ChallengeResponse(transactionID: 11, productID: "PROD0090YUAUV{2B",
                                                 response: "8f2f5a91b72102cd28355e9fc9000d6e"), from: .client, .msnp11),
        .failure("QRY 11 PROD0090YUAUV{2B 2\r\n\r\n", .invalidArgument, from: .client, .msnp11),
    ])
    func challengeResponse(_ fixture: GrammarFixture<ChallengeResponse>) throws { try fixture.check() }

    @Test func challengeAcknowledgement() throws {
        try GrammarFixture.success("QRY 11", ChallengeAcknowledgement(transactionID: 11), from: .server, .msnp11).check()
    }

    @Test(arguments: [
        GrammarFixture.success("GCF 9 Shields.xml", ConfigurationRequest(transactionID: 9), from: .client, .msnp11),
        .failure("GCF 9", .missingArgument, from: .client, .msnp11),
    ])
    func configurationRequest(_ fixture: GrammarFixture<ConfigurationRequest>) throws { try fixture.check() }

    @Test(arguments: [
        GrammarFixture.success("GCF 9 Shields.xml 8\r\n<config>",
                               ConfigurationReply(transactionID: 9, fileName: "Shields.xml", document: ByteBuffer(string: "<config>")),
                               from: .server, .msnp11),
        .success("GCF 0 10\r\n<Policies>", .policies(ByteBuffer(string: "<Policies>")), from: .server, .msnp13),
    ])
    func configurationReply(_ fixture: GrammarFixture<ConfigurationReply>) throws { try fixture.check() }

    @Test(arguments: [
        GrammarFixture.success("911 4", ErrorReply(code: .authenticationFailed, transactionID: 4), from: .server),
        .success("241 7 5\r\n<ml/>", ErrorReply(code: .invalidContactList, transactionID: 7, payload: ByteBuffer(string: "<ml/>")),
                 from: .server, .msnp15),
        .failure("QNG 50", .wrongVerb, from: .server),
    ])
    func errorReply(_ fixture: GrammarFixture<ErrorReply>) throws { try fixture.check() }

    @Test func errorCodes() {
        #expect(ErrorCode.authenticationFailed.verb == "911")
        #expect(ErrorCode(911).meaning == "authentication failed")
        #expect(ErrorCode(999).meaning == nil && ErrorCode(1000).verb == nil && ErrorCode(-1).verb == nil)
        #expect(ErrorCode(85).verb == "085" && ErrorCode(0).verb == "000" && ErrorCode(500).verb == "500")
        #expect(Verb("085").errorNumber == 85)
        #expect(Dialect.msnp9.unknownPrincipalError == .invalidPrincipal)
        #expect(Dialect.msnp10.unknownPrincipalError == .invalidPrincipalName)
    }
}
