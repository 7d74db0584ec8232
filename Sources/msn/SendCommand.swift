import ArgumentParser
import Foundation
import Logging
import MSNClient
import MSNCore

/// `msn send EMAIL CONTACT TEXT`: signs in, opens a conversation, sends one message, prints
/// what became of it, signs out. Exits 0 only when the switchboard acknowledged it.
///
/// ```
/// $ msn send alice@example.com bob@example.com "build 42 is green" --password-stdin <<< secret
/// delivered to bob@example.com (alice@example.com in MSNP18)
/// $ echo $?
/// 0
/// ```
struct SendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Sign in, send one message to a contact, print whether it was delivered (exit 0 only if so)."
    )

    @Argument(help: "The account to send from.")
    var email: String

    @Argument(help: "The contact to send to (must be online).")
    var contact: String

    @Argument(help: "The message text.")
    var text: String

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let (configuration, password) = connection.configurationAndPassword()
        let outcome = await Self.send(text, to: contact, from: email, password: password, configuration: configuration)
        if let line = outcome.line { print(line) }
        if let reason = outcome.reason { try? FileHandle.standardError.write(contentsOf: Data("msn: \(reason)\n".utf8)) }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }

    /// What one `msn send` did: the line for standard output, the reason for standard error,
    /// and the exit status.
    struct Outcome: Sendable, Hashable {
        /// The delivery result in one line, when the message could be sent at all.
        var line: String?
        /// Why it was not delivered, readable.
        var reason: String?
        /// 0 when delivered, 1 otherwise.
        var exitCode: Int32 { reason == nil ? 0 : 1 }
    }

    /// Signs in as `email`, goes online, sends `text` to `contact`, leaves and signs out.
    static func send(_ text: String, to contact: String, from email: String, password: String,
                     configuration: MessengerClient.Configuration) async -> Outcome {
        var logger = Logger(label: "msn.send")
        logger.logLevel = .warning
        let client = MessengerClient(configuration: configuration, logger: logger)
        let account: SignedInAccount
        do {
            account = try await client.signIn(email: email, password: password)
            try await ClientContactsAdapter.setStatus(.online, on: client)
        } catch {
            await client.close()
            return Outcome(line: nil, reason: "sign-in failed: \(error)")
        }
        let outcome: Outcome
        do {
            let conversation = try await client.startConversation(with: [contact])
            let result = try await conversation.send(text: text)
            await conversation.leave()
            outcome = Self.outcome(result, contact: contact, account: account)
        } catch {
            outcome = Outcome(line: "not delivered to \(contact)", reason: Self.reason(error))
        }
        await client.close()
        return outcome
    }

    static func outcome(_ result: DeliveryResult, contact: String, account: SignedInAccount) -> Outcome {
        switch result {
        case .delivered:
            return Outcome(line: "delivered to \(contact) (\(account.email) in \(account.dialect))", reason: nil)
        case .notDelivered(let why):
            return Outcome(line: "not delivered to \(contact) (\(why))", reason: "not delivered to \(contact): " + ChatFormat.reason(why))
        }
    }

    /// A sentence for an error while opening the conversation.
    static func reason(_ error: MessengerClientError) -> String {
        switch error.code {
        case .contactOffline: "\(error.detail) — the contact must be online and accept you"
        case .timeout: "timed out: \(error.detail)"
        default: "\(error)"
        }
    }
}
