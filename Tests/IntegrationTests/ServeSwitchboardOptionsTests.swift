import MSNClient
import MSNCore
import MSNServer
import MSNTestSupport
import Testing
@testable import msn

/// `msn serve`'s `--sb-…` options reach the switchboard.
@Suite("msn serve switchboard options")
struct ServeSwitchboardOptionsTests {
    typealias P = ConversationTests

    @Test("Every --sb- option sets its SwitchboardConfiguration field; the defaults are the library's")
    func parsing() throws {
        let command = try ServeCommand.parse([
            "--sb-idle-timeout", "1.5", "--sb-cookie-lifetime", "30", "--sb-max-participants", "3",
            "--sb-max-message-length", "1000", "--sb-max-cookies", "500", "--sb-max-cookies-per-account", "7",
        ])
        let configuration = command.networkConfiguration.switchboard
        #expect(configuration.idleTimeout == .milliseconds(1500))
        #expect(configuration.cookieLifetime == .seconds(30))
        #expect(configuration.maximumParticipants == 3)
        #expect(configuration.maximumMessageLength == 1000)
        #expect(configuration.maximumCookies == 500)
        #expect(configuration.maximumCookiesPerAccount == 7)
        #expect(try ServeCommand.parse([]).networkConfiguration.switchboard == SwitchboardConfiguration())
    }

    @Test("Out-of-range values are refused before anything starts", arguments: [
        ["--sb-max-participants", "1"], ["--sb-idle-timeout", "0"], ["--sb-cookie-lifetime", "-3"],
        ["--sb-max-message-length", "0"], ["--sb-max-cookies", "0"], ["--sb-max-cookies-per-account", "0"],
        ["--sb-idle-timeout", "nan"],
    ])
    func refused(_ arguments: [String]) {
        #expect(throws: (any Error).self) { try ServeCommand.parse(arguments) }
    }

    @Test("The binary says why and exits non-zero", .timeLimit(.minutes(1)))
    func binaryRefuses() async throws {
        guard let run = try await CLITestSupport.runBinary(["serve", "--sb-max-participants", "1"], timeout: .seconds(30))
        else { return }
        #expect(run.status != 0)
        #expect(run.errors.contains("--sb-max-participants must be at least 2"), "\(run.errors)")
    }

    @Test("A network configured from --sb-max-participants 2 --sb-idle-timeout 1: a third is refused, idleness ends it",
          .timeLimit(.minutes(1)))
    func configuredNetwork() async throws {
        let command = try ServeCommand.parse(["--sb-max-participants", "2", "--sb-idle-timeout", "1"])
        try await TestNetwork.withRunning(configure: { $0.switchboard = command.networkConfiguration.switchboard }) { network in
            let alice = try await P.person("alice@example.com", .msnp15, on: network)
            let bob = try await P.person("bob@example.com", .msnp8, on: network)
            let carol = try await P.person("carol@example.com", .msnp11, on: network)
            let conversation = try await alice.client.startConversation(with: ["bob@example.com"])
            let log = P.ConversationLog(conversation)
            await #expect { try await conversation.invite("carol@example.com") } throws: {
                ($0 as? MessengerClientError)?.code == .conversationFull
            }
            #expect(await log.first { $0 == .ended(.idleTimeout) } != nil)
            await alice.close(); await bob.close(); await carol.close()
        }
    }
}
