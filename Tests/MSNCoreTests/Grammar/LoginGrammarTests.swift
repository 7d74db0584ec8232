import MSNCore
import NIOCore
import Testing

@Suite struct LoginGrammarTests {
    @Test(arguments: [
        GrammarFixture.success("VER 1 MSNP13 MSNP14 MSNP15 CVR0",
                               VersionRequest(transactionID: 1, versions: ["MSNP13", "MSNP14", "MSNP15", "CVR0"]), from: .client),
        .success("VER 1 MSNP8 CVR0", VersionRequest(transactionID: 1, offering: [.msnp8]), from: .client),
        .success("VER 4 MSNP18 MSNP17 CVR0", VersionRequest(transactionID: 4, offering: [.msnp17, .msnp18]), from: .client),
        .success("VER 1 MSNP99 CVR0", VersionRequest(transactionID: 1, versions: ["MSNP99", "CVR0"]), from: .client),
        .failure("VER 1", .missingArgument, from: .client),
        .failure("VER MSNP8", .missingTransactionID, from: .client),
        .failure("CVR 1 MSNP8", .wrongVerb, from: .client),
    ])
    func versionRequest(_ fixture: GrammarFixture<VersionRequest>) throws { try fixture.check() }

    @Test(arguments: [
        GrammarFixture.success("VER 1 MSNP15 MSNP14 MSNP13 CVR0",
                               VersionReply(transactionID: 1, versions: ["MSNP15", "MSNP14", "MSNP13", "CVR0"]), from: .server),
        .success("VER 1 MSNP8", VersionReply(transactionID: 1, versions: ["MSNP8"]), from: .server),
        .success("VER 1 0", .rejection(transactionID: 1), from: .server),
    ])
    func versionReply(_ fixture: GrammarFixture<VersionReply>) throws { try fixture.check() }

    @Test func versionAccessors() throws {
        let request = VersionRequest(transactionID: 1, versions: ["MSNP13", "MSNP14", "MSNP15", "CVR0"])
        #expect(request.dialects == [.msnp13, .msnp14, .msnp15] && request.highestDialect == .msnp15 && request.offersCVR0)
        let reply = VersionReply(answering: request, supported: Set(Dialect.allCases))
        #expect(reply.versions == ["MSNP15", "MSNP14", "MSNP13", "CVR0"] && reply.chosenDialect == .msnp15)
        #expect(VersionReply.rejection(transactionID: 1).isRejection)
        #expect(VersionReply(transactionID: 1, versions: ["MSNP8"]).chosenDialect == .msnp8)
    }

    static let cvr = "CVR 2 0x0409 winnt 5.1 i386 MSNMSGR 8.5.1302 BC01 example@hotmail.com"

    @Test(arguments: [
        GrammarFixture.success(cvr, ClientVersionRequest(transactionID: 2, clientVersion: "8.5.1302", clientBrand: "BC01",
                                                         account: "example@hotmail.com"), from: .client, .msnp15),
        .success("CVR 3 0x0409 win 4.10 i386 MSNMSGR 2.0.0085 MSMSGS",
                 ClientVersionRequest(transactionID: 3, osType: "win", osVersion: "4.10", clientVersion: "2.0.0085",
                                      clientBrand: "MSMSGS", account: nil), from: .client, .msnp4),
        .failure("CVR 2 0x0409 winnt 5.1 i386 MSNMSGR", .missingArgument, from: .client),
    ])
    func clientVersionRequest(_ fixture: GrammarFixture<ClientVersionRequest>) throws { try fixture.check() }

    @Test func clientVersionRequestFollowsTheDialect() {
        let old = ClientVersionRequest(transactionID: 3, clientVersion: "4.5", account: "a@b.c", dialect: .msnp7)
        let new = ClientVersionRequest(transactionID: 3, clientVersion: "6.0", account: "a@b.c", dialect: .msnp8)
        #expect(old.account == nil && new.account == "a@b.c")
    }

    @Test(arguments: [
        GrammarFixture.success("CVR 2 7.0.0816 7.0.0816 7.0.0816 https://escargot.log1p.xyz https://escargot.log1p.xyz",
                               ClientVersionReply(transactionID: 2, recommendedVersion: "7.0.0816",
                                                  downloadURL: "https://escargot.log1p.xyz", infoURL: "https://escargot.log1p.xyz"),
                               from: .server),
        .success("CVR 2 5.0.0537 5.0.0537 1.0.0863", ClientVersionReply(transactionID: 2, recommendedVersion: "5.0.0537",
                                                                       minimumVersion: "1.0.0863", downloadURL: nil, infoURL: nil),
                 from: .server),
        .failure("CVR 2 5.0.0537", .missingArgument, from: .server),
    ])
    func clientVersionReply(_ fixture: GrammarFixture<ClientVersionReply>) throws { try fixture.check() }

    @Test func authenticationMethods() throws {
        try GrammarFixture.success("INF 2", AuthenticationMethodsRequest(transactionID: 2), from: .client, .msnp5).check()
        try GrammarFixture.success("INF 2 MD5", AuthenticationMethodsReply(transactionID: 2, dialect: .msnp5),
                                   from: .server, .msnp5).check()
        #expect(AuthenticationMethodsReply(transactionID: 2, methods: ["MD5", "CTP"]).schemes == [.md5])
    }

    @Test(arguments: [
        GrammarFixture<LoginRequest>.success("USR 4 MD5 I alice@example.com", .initial(4, scheme: .md5, account: "alice@example.com"), from: .client, .msnp2),
        .success("USR 5 MD5 S 64c724ef15470fd14d7857dc08a4bd0c", .md5(5, digest: "64c724ef15470fd14d7857dc08a4bd0c"), from: .client, .msnp7),
        .success("USR 3 TWN I alice@example.com", .signIn(3, account: "alice@example.com", dialect: .msnp8), from: .client, .msnp8),
        .success("USR 4 TWN S t=abc&p=def", .tweener(4, ticket: "t=abc&p=def"), from: .client, .msnp12),
        .success("USR 3 SSO I alice@example.com", .signIn(3, account: "alice@example.com", dialect: .msnp15), from: .client, .msnp15),
        .success("USR 4 SSO S t=abc HAAAA==", .ssoResponse(4, ticket: "t=abc", response: "HAAAA==", machineGUID: "{X}", dialect: .msnp15),
                 from: .client, .msnp15),
        .success("USR 4 SSO S t=abc HAAAA== {EDABAFBB-61AD-51D6-9FD8-E976C892A731}",
                 .ssoResponse(4, ticket: "t=abc", response: "HAAAA==", machineGUID: "{EDABAFBB-61AD-51D6-9FD8-E976C892A731}",
                              dialect: .msnp16), from: .client, .msnp16),
        .failure("USR 3 XYZ I alice@example.com", .invalidArgument, from: .client),
        .failure("USR 3 TWN X alice@example.com", .invalidArgument, from: .client),
        .failure("USR 3 SSO S t=abc", .missingArgument, from: .client),
        .failure("USR 3 TWN I", .missingArgument, from: .client),
    ])
    func loginRequest(_ fixture: GrammarFixture<LoginRequest>) throws { try fixture.check() }

    @Test func loginRequestSchemeFollowsTheDialect() {
        for dialect in Dialect.allCases {
            #expect(LoginRequest.signIn(1, account: "a", dialect: dialect).scheme == dialect.authenticationScheme)
        }
        #expect(LoginRequest.signIn(1, account: "a", dialect: .msnp7).scheme == .md5)
        #expect(LoginRequest.signIn(1, account: "a", dialect: .msnp14).scheme == .tweener)
        #expect(LoginRequest.signIn(1, account: "a", dialect: .msnp18).scheme == .sso)
    }

    @Test(arguments: [
        GrammarFixture<LoginReply>.success("USR 4 MD5 S 200579a00fca4c7", .md5Challenge(4, salt: "200579a00fca4c7"), from: .server, .msnp3),
        .success("USR 3 TWN S ct=1,rver=1,wp=FS_40SEC_0_COMPACT,lc=1,id=1",
                 .tweenerChallenge(3, policy: "ct=1,rver=1,wp=FS_40SEC_0_COMPACT,lc=1,id=1"), from: .server, .msnp11),
        .success("USR 3 SSO S MBI_KEY_OLD dz+tY4SqEsxdZ0DzYy8SAp5FJ2drwBww",
                 .ssoChallenge(3, policy: "MBI_KEY_OLD", nonce: "dz+tY4SqEsxdZ0DzYy8SAp5FJ2drwBww"), from: .server, .msnp18),
        .success("USR 5 OK alice@example.com alice@example.com",
                 .accepted(5, LoginAcceptance(account: "alice@example.com", friendlyName: URLEncodedName("alice@example.com"),
                                              dialect: .msnp2)), from: .server, .msnp2),
        .success("USR 5 OK alice@example.com Alice%20Smith 1",
                 .accepted(5, LoginAcceptance(account: "alice@example.com", friendlyName: URLEncodedName("Alice Smith"),
                                              dialect: .msnp6)), from: .server, .msnp6),
        .success("USR 7 OK example@hotmail.com example%20user 1 0",
                 .accepted(7, LoginAcceptance(account: "example@hotmail.com", friendlyName: URLEncodedName("example user"),
                                              dialect: .msnp8)), from: .server, .msnp8),
        .success("USR 4 OK alice@example.com 1 0",
                 .accepted(4, LoginAcceptance(account: "alice@example.com", friendlyName: URLEncodedName("x"), dialect: .msnp10)),
                 from: .server, .msnp10),
        .success("USR 4 OK alice@example.com 1 0",
                 .accepted(4, LoginAcceptance(account: "alice@example.com", friendlyName: nil, verified: true,
                                              restricted: false, form: .verifiedRestricted)), from: .server),
        .success("USR 5 OK alice@example.com Alice 1",
                 .accepted(5, LoginAcceptance(account: "alice@example.com", friendlyName: URLEncodedName("Alice"), verified: true,
                                              restricted: nil, form: .friendlyNameVerified)), from: .server),
        .failure("USR 5 OK alice@example.com Bob%FF 1", .invalidArgument, from: .server, .msnp6),
        .failure("USR 5 OK alice@example.com Bob 7", .invalidArgument, from: .server, .msnp6),
        .failure("USR 4 OK alice@example.com 1", .missingArgument, from: .server, .msnp10),
        .failure("USR 4 TWN I alice@example.com", .invalidArgument, from: .server, .msnp10),
    ])
    func loginReply(_ fixture: GrammarFixture<LoginReply>) throws { try fixture.check() }

    @Test func loginReplyIgnoresExtraTrailingParameters() throws {
        let frame = try Decoding.frame("USR 4 OK alice@example.com 1 0 extra stuff", sender: .server, dialect: .msnp15)
        let reply = try LoginReply(frame: frame, dialect: .msnp15)
        guard case .accepted(4, let acceptance) = reply else { Issue.record("\(reply)"); return }
        #expect(acceptance.account == "alice@example.com" && acceptance.verified == true && acceptance.restricted == false)
        #expect(reply.frame.line == "USR 4 OK alice@example.com 1 0")
    }

    @Test func sbsNotice() throws {
        try GrammarFixture.success("SBS 0 null", SBSNotice(), from: .server, .msnp11).check()
        try GrammarFixture.success("SBS 0 null", SBSNotice(), from: .server, .msnp8).check()
    }
}
