import ArgumentParser
import MSNClient
import MSNCore

/// `msn psm EMAIL "text"`: sets the personal message (`UUX`, MSNP11+), kept by the server.
///
/// ```
/// $ msn psm alice@example.com "gone fishing" --password-stdin <<< secret
/// personal message of alice@example.com set (MSNP18)
/// ```
struct PersonalMessageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "psm",
        abstract: "Set the personal message (MSNP11 and later)."
    )

    @Argument(help: "The account's e-mail address.")
    var email: String

    @Argument(help: "The personal message (empty to clear it).")
    var text: String

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        await runPrinting { () async throws(CommandFailure) in
            try await perform(password: try connection.readPassword())
        }
    }

    /// Signs in, sends `UUX`, signs out; the line to print.
    func perform(password: String) async throws(CommandFailure) -> [String] {
        let text = text
        return try await connection.withSession(email: email, password: password, initialStatus: nil,
                                                action: "psm") { client, account in
            try await client.setPersonalMessage(text)
            return ["personal message of \(account.email) set (\(account.dialect))"]
        }
    }
}
