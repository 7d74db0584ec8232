import ArgumentParser
import Foundation
import Logging
import MSNClient
import MSNCore

/// `msn chat EMAIL [CONTACT]`: a line-by-line terminal client.
///
/// ```
/// $ msn chat alice@example.com bob@example.com --dialect MSNP15
/// Password:
/// signed in as alice@example.com in MSNP15; /help lists the commands
/// contacts (1):
///   bob@example.com (Bob)  online  “at the lab”
/// calling bob@example.com…
/// [21:04:02] bob@example.com joined the conversation
/// talking to bob@example.com now; type to chat
/// > hi Bob
/// [21:04:05] you: hi Bob
/// [21:04:07] bob@example.com is typing…
/// [21:04:09] bob@example.com: hello!
/// > /quit
/// ```
struct ChatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Chat from the terminal: contact list, conversations, typing, nudges (/help inside)."
    )

    @Argument(help: "The account to sign in with.")
    var email: String

    @Argument(help: "A contact to open a conversation with right away.")
    var contact: String?

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let (configuration, password) = connection.configurationAndPassword()
        var logger = Logger(label: "msn.chat")
        logger.logLevel = .error
        let client = MessengerClient(configuration: configuration, logger: logger)
        do {
            try await client.signIn(email: email, password: password)
            try await ClientContactsAdapter.setStatus(.online, on: client)
        } catch {
            await client.close()
            try? FileHandle.standardError.write(contentsOf: Data("msn: sign-in failed: \(error)\n".utf8))
            throw ExitCode.failure
        }
        let terminal = TerminalOutput()
        let session = ChatSession(client: client, output: { terminal.write($0) })
        // With --password-stdin the password was the first line; the chat reads the rest.
        await session.run(input: StandardInputLines.stream(beforeEachLine: { terminal.showPrompt() }), opening: contact)
        await client.close()
        if terminal.isTerminal { try? FileHandle.standardOutput.write(contentsOf: Data("\r\u{1B}[2K".utf8)) }
    }
}
