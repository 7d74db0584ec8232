import MSNCore
import MSNServer
import MSNTestSupport
import Testing

/// The dispatch server over loopback, driven by raw lines.
@Suite(.timeLimit(.minutes(2))) struct DispatchLoopbackTests {
    func withNetwork(_ body: (TestNetwork) async throws -> Void) async throws {
        try await TestNetwork.withRunning(authenticator: ScriptedAuthenticator(),
                                          cryptography: ScriptedCryptography(), body)
    }

    /// The tutorial, line for line: DS answers, redirects with `XFR 3 NS host:port U D`; the NS
    /// then pushes `GCF 0 <len>` + policies before `USR 3 TWN S …`.
    @Test func tutorialExchange() async throws {
        try await withNetwork { network in
            let ds = try await LineClient.connect(to: network.dispatchAddress)
            try await ds.send("VER 1 MSNP13 MSNP14 MSNP15 CVR0")
            #expect(try await ds.readFrame().line == "VER 1 MSNP15 MSNP14 MSNP13 CVR0")
            await ds.close()

            let client = try await LineClient.connect(to: network.dispatchAddress)
            try await client.send("VER 1 MSNP13 CVR0")
            #expect(try await client.readFrame().line == "VER 1 MSNP13 CVR0")
            try await client.send("CVR 2 0x0c0a winnt 5.1 i386 MSNMSGR 8.0.0792 msmsgs xmxsxn@hotmail.com")
            let cvr = try await client.readFrame()
            #expect(cvr.verb == .cvr && cvr.transactionID == 2 && cvr.arguments.count == 5)
            #expect(cvr.arguments.first == "8.0.0792")
            try await client.send("USR 3 TWN I xmxsxn@hotmail.com")
            let xfr = try await client.readFrame()
            #expect(xfr.line == "XFR 3 NS \(network.notificationAddress) U D")
            #expect(try await client.readUntilClosed().isEmpty)

            let ns = try await LineClient.connect(to: String(xfr.arguments[1]))
            try await ns.send("VER 1 MSNP13 CVR0")
            #expect(try await ns.readFrame().line == "VER 1 MSNP13 CVR0")
            try await ns.send("CVR 2 0x0c0a winnt 5.1 i386 MSNMSGR 8.0.0792 msmsgs xmxsxn@hotmail.com")
            _ = try await ns.readFrame()
            try await ns.send("USR 3 TWN I xmxsxn@hotmail.com")
            let gcf = try await ns.readFrame()
            #expect(gcf.verb == .gcf && gcf.transactionID == 0)
            #expect(gcf.payloadText?.hasPrefix("<Policies>") == true)
            let usr = try await ns.readFrame()
            #expect(usr.line.hasPrefix("USR 3 TWN S "))
        }
    }

    @Test func redirectFormOfEveryDialect() async throws {
        try await withNetwork { network in
            for dialect in Dialect.allCases {
                let client = try await LineClient.connect(to: network.dispatchAddress)
                try await client.send("VER 1 \(dialect.token) CVR0")
                _ = try await client.readFrame()
                try await client.send("USR 2 \(dialect.authenticationScheme.rawValue) I alice@example.com")
                let xfr = try await client.readFrame()
                let ns = network.notificationAddress, ds = network.dispatchAddress
                let expected = switch dialect.notificationRedirectForm {
                case .addressOnly: "XFR 2 NS \(ns)"
                case .addressAndZero: "XFR 2 NS \(ns) 0"
                case .addressZeroAndCurrent: "XFR 2 NS \(ns) 0 \(ds)"
                case .addressUD: "XFR 2 NS \(ns) U D"
                }
                #expect(xfr.line == expected, "\(dialect)")
                #expect(try await client.readUntilClosed().isEmpty)
            }
        }
    }

    @Test func unknownDialectIsRefused() async throws {
        try await withNetwork { network in
            let client = try await LineClient.connect(to: network.dispatchAddress)
            try await client.send("VER 1 MSNP99 CVR0")
            #expect(try await client.readUntilClosed().map(\.line) == ["VER 1 0"])
        }
    }
}
