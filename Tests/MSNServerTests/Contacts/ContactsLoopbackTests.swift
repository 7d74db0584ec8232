import Foundation
import MSNAuth
import MSNCore
import MSNServer
import MSNTestSupport
import Testing

/// Contact lists and presence over loopback with real sign-ins, in mixed dialect pairs.
@Suite(.timeLimit(.minutes(2))) struct ContactsLoopbackTests {
    static let password = "test1234"

    /// Signs `email` in with `dialect`'s real scheme (MD5, Tweener, SSO); returns the NS client
    /// after the profile message.
    static func signIn(_ network: TestNetwork, _ email: String, _ dialect: Dialect,
                       machineGUID: String? = nil) async throws -> LineClient {
        let ns = try await LineClient.connect(to: network.notificationAddress)
        try await ns.send("VER 1 \(dialect.token) CVR0")
        _ = try await ns.readFrame()
        try await ns.send("CVR 2 0x0409 winnt 5.1 i386 MSNMSGR 8.5.1302 msmsgs \(email)")
        _ = try await ns.readFrame()
        switch dialect.authenticationScheme {
        case .md5:
            try await ns.send("USR 3 MD5 I \(email)")
            let salt = try await ns.readFrame()
            try await ns.send("USR 4 MD5 S \(MD5Login.response(salt: String(salt.arguments[2]), password: password))")
        case .tweener:
            try await ns.send("USR 3 TWN I \(email)")
            if dialect.pushesPolicies { _ = try await ns.readFrame() }
            _ = try await ns.readFrame()
            let ticket = try await PassportProbe.login2(port: network.httpPort, email: email, password: password)
            try await ns.send("USR 4 TWN S \(ticket)")
        case .sso:
            try await ns.send("USR 3 SSO I \(email)")
            _ = try await ns.readFrame()
            let nonce = String(try await ns.readFrame().arguments[3])
            let (ticket, key) = try await PassportProbe.rst(port: network.httpPort, email: email, password: password,
                                                            service: "messengerclear.live.com", policy: "MBI_KEY_OLD")
            let blob = try SSOBlob.make(nonce: nonce, proofKey: try #require(key))
            try await ns.send("USR 4 SSO S \(ticket) \(blob)" + (machineGUID.map { " \($0)" } ?? ""))
        }
        let ok = try await ns.readFrame()
        #expect(ok.verb == .usr && ok.argument(0) == "OK", "\(ok.line)")
        if dialect.sendsSBS { _ = try await ns.readFrame() }
        _ = try await ns.readFrame()   // profile
        return ns
    }

    /// The next frame that is not a `UBX` or a `CHL` (those come and go with presence).
    static func next(_ client: LineClient) async throws -> Frame {
        while true {
            let frame = try await client.readFrame()
            if frame.verb != .ubx && frame.verb != .chl { return frame }
        }
    }

    static func createPeople(_ network: TestNetwork) async throws {
        try await network.createAccount(email: "alice@example.com", password: password, displayName: "Alice", legacyMD5: true)
        try await network.createAccount(email: "bob@example.com", password: password, displayName: "Bob Jones", legacyMD5: true)
    }

    /// The line that puts `email` on FL in `dialect`.
    static func addLine(_ trID: Int, _ list: String, _ email: String, _ dialect: Dialect) -> String {
        dialect.usesADC ? "ADC \(trID) \(list) N=\(email)\(list == "FL" ? " F=\(email)" : "")" : "ADD \(trID) \(list) \(email) \(email)"
    }

    /// The first status line of a dialect: `CHG 20 NLN [caps]`.
    static func chg(_ trID: Int, _ status: String, _ dialect: Dialect) -> String {
        switch dialect.capabilitiesForm {
        case .none: "CHG \(trID) \(status)"
        case .decimal: "CHG \(trID) \(status) 1073741824"
        case .decimalPair: "CHG \(trID) \(status) 1073741824:48"
        }
    }

    @Test(arguments: [(Dialect.msnp5, Dialect.msnp11), (.msnp11, .msnp5), (.msnp8, .msnp12), (.msnp2, .msnp10)])
    func addEachOtherAndSeePresence(a: Dialect, b: Dialect) async throws {
        try await TestNetwork.withRunning { network in
            try await Self.createPeople(network)
            let alice = try await Self.signIn(network, "alice@example.com", a)
            let bob = try await Self.signIn(network, "bob@example.com", b)

            // Alice adds bob; the reply carries his friendly name; bob gets the RL notice.
            try await alice.send(Self.addLine(10, "FL", "bob@example.com", a))
            let added = try await Self.next(alice)
            #expect(added.verb == (a.usesADC ? .adc : .add) && added.transactionID == 10, "\(added.line)")
            #expect(added.line.contains("Bob%20Jones"), "\(added.line)")
            let notice = try await Self.next(bob)
            #expect(notice.line == (b.usesADC ? "ADC 0 RL N=alice@example.com F=Alice" : "ADD 0 RL 1 alice@example.com Alice"))

            // Bob adds alice back (FL and AL).
            try await bob.send(Self.addLine(11, "FL", "alice@example.com", b))
            #expect(try await Self.next(bob).transactionID == 11)
            #expect(try await Self.next(alice).line.contains("RL"))
            try await bob.send(Self.addLine(12, "AL", "alice@example.com", b))
            #expect(try await Self.next(bob).transactionID == 12)

            // Alice comes online first: nobody visible yet; then bob: he gets alice's ILN with his
            // CHG's TrID, and alice gets bob's NLN, each in its own dialect.
            try await alice.send(Self.chg(20, "NLN", a))
            #expect(try await Self.next(alice).verb == .chg)
            try await bob.send(Self.chg(21, "BSY", b))
            #expect(try await Self.next(bob).verb == .chg)
            let iln = try await Self.next(bob)
            #expect(iln.verb == .iln && iln.transactionID == 21 && iln.argument(0) == "NLN", "\(iln.line)")
            #expect(iln.argument(1) == "alice@example.com" && iln.argument(2) == "Alice")
            let nln = try await Self.next(alice)
            #expect(nln.verb == .nln && nln.argument(0) == "BSY" && nln.argument(1) == "bob@example.com", "\(nln.line)")
            #expect(nln.arguments.count == 3 + (a.capabilitiesForm == .none ? 0 : 1) + (a.supportsMSNObjects ? 1 : 0))

            // A status change propagates; HDN looks like offline; coming back is an NLN again.
            try await bob.send("CHG 22 AWY\(b.capabilitiesForm == .none ? "" : " 0")")
            _ = try await Self.next(bob)
            #expect(try await Self.next(alice).argument(0) == "AWY")
            try await bob.send("CHG 23 HDN\(b.capabilitiesForm == .none ? "" : " 0")")
            _ = try await Self.next(bob)
            #expect(try await Self.next(alice).line == "FLN bob@example.com")
            try await bob.send("CHG 24 NLN\(b.capabilitiesForm == .none ? "" : " 0")")
            _ = try await Self.next(bob)
            #expect(try await Self.next(alice).argument(0) == "NLN")

            // Bob blocks alice: she sees him offline, and gets nothing of his later changes.
            try await bob.send(b.usesADC ? "REM 25 AL alice@example.com" : "REM 25 AL alice@example.com")
            #expect(try await Self.next(bob).transactionID == 25)
            try await bob.send(Self.addLine(26, "BL", "alice@example.com", b))
            #expect(try await Self.next(bob).transactionID == 26)
            let blocked = [try await Self.next(alice).line, try await Self.next(alice).line]   // AL removal keeps BLP AL → NLN, then BL → FLN
            #expect(blocked.last == "FLN bob@example.com", "\(blocked)")
            try await bob.send("CHG 27 BRB\(b.capabilitiesForm == .none ? "" : " 0")")
            _ = try await Self.next(bob)
            try await alice.send("PNG")
            #expect(try await Self.next(alice).verb == .qng)

            // Bob signs out: alice (blocked) hears nothing; bob comes back and sees alice.
            await bob.close()
            try await alice.send("PNG")
            #expect(try await Self.next(alice).verb == .qng)
        }
    }

    @Test func signOutSendsFLN() async throws {
        try await TestNetwork.withRunning { network in
            try await Self.createPeople(network)
            _ = try await network.store.addContact(owner: "alice@example.com", contact: "bob@example.com", to: .forward)
            let alice = try await Self.signIn(network, "alice@example.com", .msnp8)
            let bob = try await Self.signIn(network, "bob@example.com", .msnp18)
            try await alice.send("CHG 5 NLN 0")
            _ = try await alice.readFrame()
            try await bob.send("CHG 6 NLN 1073741824:48")
            #expect(try await bob.readFrame().line == "CHG 6 NLN 1073741824:48")
            #expect(try await Self.next(alice).line == "NLN NLN bob@example.com Bob%20Jones 1073741824")
            try await bob.send("OUT")
            #expect(try await Self.next(alice).line == "FLN bob@example.com")
        }
    }

    @Test func refusalsLeaveNoTrace() async throws {
        try await TestNetwork.withRunning { network in
            try await Self.createPeople(network)
            for dialect in [Dialect.msnp7, .msnp11] {
                let alice = try await Self.signIn(network, "alice@example.com", dialect)
                try await alice.send(Self.addLine(3, "FL", "nobody@example.com", dialect))
                #expect(try await alice.readFrame().line == (dialect.usesADC ? "208 3" : "205 3"))
                try await alice.send(Self.addLine(4, "AL", "not-an-address", dialect))
                #expect(try await alice.readFrame().line == "201 4")
                try await alice.send(Self.addLine(5, "AL", "bob@example.com", dialect))
                #expect(try await alice.readFrame().transactionID == 5)
                try await alice.send(Self.addLine(6, "AL", "bob@example.com", dialect))
                #expect(try await alice.readFrame().line == "215 6")
                try await alice.send(Self.addLine(7, "BL", "bob@example.com", dialect))
                #expect(try await alice.readFrame().line == "219 7")
                try await alice.send("REM 8 BL bob@example.com")
                #expect(try await alice.readFrame().line == "216 8")
                try await alice.send("CHG 9 FLN")
                #expect(try await alice.readFrame().line == "201 9")
                try await alice.send("REM 10 AL bob@example.com")
                #expect(try await alice.readFrame().transactionID == 10)
                await alice.close()
            }
            let list = try await network.store.contactList(owner: "alice@example.com")
            #expect(list.contacts.isEmpty)
            #expect(list.settings.version == 4)
        }
    }

    @Test func listsSurviveARestart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("msn-contacts-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await TestNetwork.withRunning(configure: { $0.dataDirectory = directory }) { network in
            try await Self.createPeople(network)
            let alice = try await Self.signIn(network, "alice@example.com", .msnp8)
            try await alice.send("ADD 3 FL bob@example.com bob")
            #expect(try await alice.readFrame().line == "ADD 3 FL 1 bob@example.com Bob%20Jones")
            try await alice.send("BLP 4 BL")
            #expect(try await alice.readFrame().line == "BLP 4 2 BL")
        }
        try await TestNetwork.withRunning(configure: { $0.dataDirectory = directory }) { network in
            let alice = try await Self.signIn(network, "alice@example.com", .msnp8)
            try await alice.send("SYN 5 0")
            #expect(try await alice.readFrames(5).map(\.line) == [
                "SYN 5 2 1 1", "GTC A", "BLP BL", "LSG 0 Other%20Contacts 0", "LST bob@example.com Bob%20Jones 1 0"])
            let bob = try await Self.signIn(network, "bob@example.com", .msnp11)
            try await bob.send("SYN 5 0 0")
            let lines = try await bob.readFrames(5).map(\.line)
            #expect(lines.last == "LST N=alice@example.com F=Alice 24", "\(lines)")
        }
    }
}
