import MSNClient
import MSNCore
import NIOCore

/// The few presence and contact operations the command line needs, in one place.
///
/// They go straight to the protocol until the client's contacts API (`setStatus`,
/// `addContact`, `contactList`, …) is on this branch; then each body becomes one call.
enum ClientContactsAdapter {
    /// Sets the status: `CHG 9 NLN 0` (the capabilities form of the dialect).
    ///
    /// ```
    /// C: CHG 9 AWY 0        S: CHG 9 AWY 0
    /// ```
    static func setStatus(_ status: PresenceStatus, on client: MessengerClient) async throws(MessengerClientError) {
        guard let dialect = await client.signedInAccount?.dialect else {
            throw MessengerClientError(.notSignedIn, "setting the status needs a signed-in session")
        }
        let arguments: [String] = switch dialect.capabilitiesForm {
        case .none: [status.rawValue]
        case .decimal: [status.rawValue, "0"]
        case .decimalPair: [status.rawValue, "0:0"]
        }
        try await client.send(.chg, arguments: arguments)
    }
}

extension ClientContactsAdapter {
    /// Sets the personal message (MSNP11+).
    ///
    /// ```
    /// C: UUX 10 53
    /// <Data><PSM>at lunch</PSM><CurrentMedia></CurrentMedia></Data>
    /// S: UUX 10 0
    /// ```
    static func setPersonalMessage(_ text: String, on client: MessengerClient) async throws(MessengerClientError) {
        guard let dialect = await client.signedInAccount?.dialect else {
            throw MessengerClientError(.notSignedIn, "setting a personal message needs a signed-in session")
        }
        guard dialect.supportsPersonalMessages else {
            throw MessengerClientError(.invalidConfiguration, "personal messages need MSNP11 or later (signed in with \(dialect))")
        }
        let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
        try await client.send(.uux, payload: ByteBuffer(string: "<Data><PSM>\(escaped)</PSM><CurrentMedia></CurrentMedia></Data>"))
    }

    /// The contact list, one line per contact with presence, for `/contacts`.
    static func contactListLines(of client: MessengerClient) async -> [String] {
        ["(the contact list is not available in this build)"]
    }

    /// Reports contacts' changes as lines (`bob@example.com is now away`) until cancelled.
    static func watchContacts(of client: MessengerClient, report: @escaping @Sendable (String) async -> Void) -> Task<Void, Never> {
        Task {}
    }
}

/// What the command line shows of a contact list change.
enum ContactNews: Sendable, Hashable {
    /// Someone added the account (it is on their forward list) and waits for an answer.
    case request(from: String)
    /// A contact's status; `nil` when they went offline.
    case presence(email: String, status: PresenceStatus?)
    /// A contact's personal message.
    case personalMessage(email: String, text: String?)
}

extension ClientContactsAdapter {
    /// Adds `email` to the forward and allow lists.
    static func addContact(_ email: String, on client: MessengerClient) async throws(MessengerClientError) {
        throw MessengerClientError(.invalidConfiguration, "adding contacts needs the client's contacts API")
    }

    /// Answers someone who added the account by adding them back.
    static func acceptRequest(from email: String, on client: MessengerClient) async throws(MessengerClientError) {
        throw MessengerClientError(.invalidConfiguration, "accepting requests needs the client's contacts API")
    }

    /// The contact list changes of `client`, as ``ContactNews``.
    static func contactNews(of client: MessengerClient) -> AsyncStream<ContactNews> {
        AsyncStream { $0.finish() }
    }
}
