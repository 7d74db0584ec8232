import ArgumentParser
import MSNClient
import MSNCore

/// `msn status EMAIL busy|away|online|idle|brb|phone|lunch|hidden`: signs in with that status
/// (`CHG 9 BSY 0`), optionally stays a while, signs out.
///
/// ```
/// $ msn status alice@example.com busy --hold 60 --password-stdin <<< secret
/// alice@example.com is busy (MSNP15)
/// ```
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Sign in with a status (busy, away, online, idle, brb, phone, lunch, hidden)."
    )

    @Argument(help: "The account's e-mail address.")
    var email: String

    @Argument(help: "online, busy, away, idle, brb, phone, lunch or hidden.")
    var status: StatusName

    @Option(help: "Seconds to stay signed in with the status before signing out.")
    var hold: Int = 0

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        await runPrinting { () async throws(CommandFailure) in
            try await perform(password: try connection.readPassword())
        }
    }

    /// Signs in with the status, holds it, signs out; the line to print.
    func perform(password: String) async throws(CommandFailure) -> [String] {
        let status = status
        let hold = Duration.seconds(max(0, hold))
        return try await connection.withSession(email: email, password: password, initialStatus: status.status,
                                                action: "status") { _, account in
            if hold > .zero { try? await Task.sleep(for: hold) }
            return ["\(account.email) is \(status.rawValue) (\(account.dialect))"]
        }
    }
}
