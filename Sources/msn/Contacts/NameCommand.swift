import ArgumentParser
import MSNClient
import MSNCore

/// `msn name EMAIL "name"`: sets one's friendly name (`REA` up to MSNP9, `PRP MFN` from
/// MSNP10), kept by the server and seen by contacts.
///
/// ```
/// $ msn name alice@example.com "Alice in Wonderland" --dialect MSNP9 --password-stdin <<< secret
/// friendly name of alice@example.com is now "Alice in Wonderland" (MSNP9)
/// ```
/// On the wire: `C: REA 9 alice@example.com Alice%20in%20Wonderland` →
/// `S: REA 9 12 alice@example.com Alice%20in%20Wonderland`.
struct NameCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "name",
        abstract: "Set the friendly name contacts see."
    )

    @Argument(help: "The account's e-mail address.")
    var email: String

    @Argument(help: "The new friendly name.")
    var name: String

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if name.allSatisfy(\.isWhitespace) { throw ValidationError("the name must not be empty") }
    }

    func run() async throws {
        await runPrinting { () async throws(CommandFailure) in
            try await perform(password: try connection.readPassword())
        }
    }

    /// Signs in, sets the name, signs out; the line to print (with the name as the server
    /// confirmed it).
    func perform(password: String) async throws(CommandFailure) -> [String] {
        let name = name
        return try await connection.withSession(email: email, password: password, initialStatus: nil,
                                                action: "name") { client, account in
            let confirmed = try await client.setFriendlyName(name)
            return ["friendly name of \(account.email) is now \"\(confirmed)\" (\(account.dialect))"]
        }
    }
}
