import ArgumentParser
import MSNClient
import MSNCore

/// `msn contact add|remove|block|unblock EMAIL CONTACT`: one list change, in the dialect's way.
///
/// ```
/// $ msn contact add alice@example.com bob@example.com --dialect MSNP8 --password-stdin <<< secret
/// added bob@example.com to alice@example.com's contacts
/// $ msn contact add alice@example.com nobody@example.com --password-stdin <<< secret
/// msn: contact add failed: unknown account: the server answered ADD with 205 (invalid principal) [205 9]
/// ```
struct ContactCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contact",
        abstract: "Add, remove, block or unblock one contact."
    )

    enum Action: String, CaseIterable, ExpressibleByArgument {
        case add, remove, block, unblock
    }

    @Argument(help: "add, remove, block or unblock.")
    var action: Action

    @Argument(help: "The account's e-mail address.")
    var email: String

    @Argument(help: "The contact's e-mail address.")
    var contact: String

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        await runPrinting { () async throws(CommandFailure) in
            try await perform(password: try connection.readPassword())
        }
    }

    /// Signs in, changes the list, signs out; the line to print.
    func perform(password: String) async throws(CommandFailure) -> [String] {
        let contact = contact.lowercased()
        let action = action
        return try await connection.withSession(email: email, password: password, initialStatus: nil,
                                                action: "contact \(action.rawValue)") { client, account in
            switch action {
            case .add:
                try await client.addContact(contact)
                return ["added \(contact) to \(account.email)'s contacts"]
            case .remove:
                try await client.removeContact(contact)
                return ["removed \(contact) from \(account.email)'s contacts"]
            case .block:
                try await client.block(contact)
                return ["blocked \(contact)"]
            case .unblock:
                try await client.unblock(contact)
                return ["unblocked \(contact)"]
            }
        }
    }
}
