import MSNClient
import MSNCore

/// The presence and contact operations the command line uses, in one place, over the
/// client's contacts API (`setStatus`, `addContact`, `contactList`, `contactChanges`, …).
enum ClientContactsAdapter {
    /// Sets the status.
    ///
    /// ```
    /// C: CHG 9 AWY 0        S: CHG 9 AWY 0
    /// ```
    static func setStatus(_ status: PresenceStatus, on client: MessengerClient) async throws(MessengerClientError) {
        try await client.setStatus(status)
    }

    /// Sets the personal message (MSNP11+: `UUX`).
    static func setPersonalMessage(_ text: String, on client: MessengerClient) async throws(MessengerClientError) {
        try await client.setPersonalMessage(text)
    }

    /// Adds `email` to the contact list (forward and allow lists).
    static func addContact(_ email: String, on client: MessengerClient) async throws(MessengerClientError) {
        try await client.addContact(email)
    }

    /// Answers someone who added the account by adding them back.
    static func acceptRequest(from email: String, on client: MessengerClient) async throws(MessengerClientError) {
        try await client.acceptRequest(from: email)
    }

    /// The contact list, one line per contact with presence, for `/contacts`.
    ///
    /// ```
    /// contacts (2):
    ///   bob@example.com (Bob)  online  “at the lab”
    ///   carol@example.com  offline
    /// ```
    static func contactListLines(of client: MessengerClient) async -> [String] {
        let list = await client.contactList
        let contacts = list.contacts.filter { $0.lists.contains(.forward) }
        var lines = contacts.isEmpty ? ["your contact list is empty; /add EMAIL adds someone"]
                                     : ["contacts (\(contacts.count)):"]
        for contact in contacts {
            var line = "  " + contact.email
            let name = contact.nickname ?? contact.displayName
            if !name.isEmpty, name.lowercased() != contact.email { line += " (\(name))" }
            line += "  " + ChatFormat.name(of: contact.status)
            if let message = contact.personalMessage, !message.isEmpty { line += "  “\(message)”" }
            if contact.isBlocked { line += "  [blocked]" }
            lines.append(line)
        }
        for contact in list.pendingRequests {
            lines.append("  \(contact.email) added you; /add \(contact.email) to add them back")
        }
        return lines
    }

    /// Reports contacts' changes as lines (`bob@example.com is now away`) until cancelled.
    static func watchContacts(of client: MessengerClient, report: @escaping @Sendable (String) async -> Void) -> Task<Void, Never> {
        Task {
            for await news in contactNews(of: client) {
                switch news {
                case .request(let email):
                    await report("\(email) added you to their contact list; /add \(email) to add them back")
                case .presence(let email, let status):
                    await report("\(email) is now \(ChatFormat.name(of: status))")
                case .personalMessage(let email, let text):
                    if let text, !text.isEmpty { await report("\(email)'s personal message: “\(text)”") }
                }
            }
        }
    }

    /// The contact list changes of `client`, as ``ContactNews``. Read `contactChanges` once per client.
    static func contactNews(of client: MessengerClient) -> AsyncStream<ContactNews> {
        let changes = client.contactChanges
        return AsyncStream(bufferingPolicy: .bufferingOldest(1024)) { continuation in
            let task = Task {
                for await change in changes {
                    switch change {
                    case .pendingRequest(let contact):
                        continuation.yield(.request(from: contact.email))
                    case .presence(let email, let status):
                        continuation.yield(.presence(email: email, status: status))
                    case .personalMessage(let email, let text, _):
                        continuation.yield(.personalMessage(email: email, text: text))
                    default:
                        break
                    }
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

/// What the command line shows of a contact list change.
enum ContactNews: Sendable, Hashable {
    /// Someone added the account and waits for an answer.
    case request(from: String)
    /// A contact's status; `nil` when they went offline.
    case presence(email: String, status: PresenceStatus?)
    /// A contact's personal message.
    case personalMessage(email: String, text: String?)
}
