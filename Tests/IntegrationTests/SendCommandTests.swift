import Foundation
import MSNClient
import MSNCore
import MSNTestSupport
import Testing
@testable import msn

/// `msn send` against a real network over loopback.
@Suite("msn send", .timeLimit(.minutes(2)))
struct SendCommandTests {
    @Test("Delivered: the ACK is reported in one line and the exit status is 0",
          arguments: [(Dialect.msnp15, Dialect.msnp8), (.msnp18, .msnp11), (.msnp7, .msnp13)])
    func delivered(_ sendersDialect: Dialect, _ receiversDialect: Dialect) async throws {
        try await TestNetwork.withRunning { network in
            let bob = AcceptingPeer(try await CLITestSupport.signedIn("bob@example.com", receiversDialect, on: network))
            try await network.createAccount(email: "alice@example.com", password: CLITestSupport.password, legacyMD5: true)
            let outcome = await SendCommand.send("build 42 is green ✓", to: "bob@example.com", from: "alice@example.com",
                                                 password: CLITestSupport.password,
                                                 configuration: try CLITestSupport.configuration(network, sendersDialect))
            #expect(outcome.exitCode == 0)
            #expect(outcome.reason == nil)
            #expect(outcome.line == "delivered to bob@example.com (alice@example.com in \(sendersDialect))")
            let (_, log) = try #require(await bob.conversation())
            #expect(await log.first(within: .seconds(10)) {
                if case .message("alice@example.com", "build 42 is green ✓", _, _) = $0 { true } else { false }
            } != nil)
            await bob.close()
        }
    }

    @Test("Contact offline: exit status 1 and a readable reason")
    func offline() async throws {
        try await TestNetwork.withRunning { network in
            try await network.createAccount(email: "alice@example.com", password: CLITestSupport.password)
            try await network.createAccount(email: "carol@example.com", password: CLITestSupport.password)
            let outcome = await SendCommand.send("anyone?", to: "carol@example.com", from: "alice@example.com",
                                                 password: CLITestSupport.password,
                                                 configuration: try CLITestSupport.configuration(network, .msnp15))
            #expect(outcome.exitCode == 1)
            #expect(outcome.line == "not delivered to carol@example.com")
            #expect(outcome.reason?.contains("offline") == true)
        }
    }

    @Test("Wrong password: exit status 1, no delivery line")
    func wrongPassword() async throws {
        try await TestNetwork.withRunning { network in
            try await network.createAccount(email: "alice@example.com", password: CLITestSupport.password)
            let outcome = await SendCommand.send("hi", to: "bob@example.com", from: "alice@example.com",
                                                 password: "not-the-password",
                                                 configuration: try CLITestSupport.configuration(network, .msnp11))
            #expect(outcome.exitCode == 1)
            #expect(outcome.line == nil)
            #expect(outcome.reason?.hasPrefix("sign-in failed") == true)
        }
    }

    @Test("The options parse into a configuration")
    func options() throws {
        let command = try SendCommand.parse(["alice@example.com", "bob@example.com", "hello there",
                                             "--server", "127.0.0.1:4000", "--dialect", "MSNP8", "15"])
        #expect(command.text == "hello there")
        let configuration = try command.connection.configuration()
        #expect(configuration.server == ServerAddress("127.0.0.1:4000"))
        #expect(configuration.dialects == [.msnp8, .msnp15])
    }

    @Test("The msn binary: exit 0 when delivered, 1 with one line on standard error when not")
    func binary() async throws {
        try await TestNetwork.withRunning { network in
            let bob = AcceptingPeer(try await CLITestSupport.signedIn("bob@example.com", .msnp12, on: network))
            try await network.createAccount(email: "alice@example.com", password: CLITestSupport.password)
            let options = CLITestSupport.options(network, dialect: .msnp16) + ["--password-stdin"]
            guard let sent = try await CLITestSupport.runBinary(
                ["send", "alice@example.com", "bob@example.com", "from a script"] + options,
                input: CLITestSupport.password + "\n") else { return }
            #expect(sent.status == 0, "\(sent.errors)")
            #expect(sent.output == "delivered to bob@example.com (alice@example.com in MSNP16)\n")
            let (_, log) = try #require(await bob.conversation())
            #expect(await log.first(within: .seconds(10)) {
                if case .message("alice@example.com", "from a script", _, _) = $0 { true } else { false }
            } != nil)
            await bob.close()

            let refused = try #require(try await CLITestSupport.runBinary(
                ["send", "alice@example.com", "bob@example.com", "anyone?"] + options, input: CLITestSupport.password + "\n"))
            #expect(refused.status == 1)
            #expect(refused.output == "not delivered to bob@example.com\n")
            #expect(refused.errors.hasPrefix("msn: "), "\(refused.errors)")
            #expect(refused.errors.contains("offline"))
            #expect(refused.errors.split(separator: "\n").count == 1)
        }
    }
}
