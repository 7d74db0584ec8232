import ArgumentParser
import Foundation
import MSNClient
import MSNCore

/// `msn login EMAIL`: signs in, says as whom and in which dialect, signs out.
///
/// ```
/// $ msn login alice@example.com --dialect MSNP8 --password-stdin --trace <<< secret
/// >>> VER 1 MSNP8 CVR0
/// <<< VER 1 MSNP8
/// …
/// signed in as alice@example.com (MSNP8) on 127.0.0.1:1863
/// ```
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Sign in to an MSN server, report the account and dialect, then sign out."
    )

    @Argument(help: "The account's e-mail address.")
    var email: String

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        await runPrinting { () async throws(CommandFailure) in
            let password = try connection.readPassword()
            return try await perform(password: password)
        }
    }

    /// Signs in and out; the line to print.
    func perform(password: String) async throws(CommandFailure) -> [String] {
        try await connection.withSession(email: email, password: password, initialStatus: nil, action: "login") { _, account in
            var line = "signed in as \(account.email)"
            if let name = account.friendlyName, name != account.email { line += " (\(name))" }
            line += " in \(account.dialect) on \(account.server)"
            return [line]
        }
    }
}
