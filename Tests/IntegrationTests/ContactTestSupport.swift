import MSNClient
import MSNCore
import MSNTestSupport
import Synchronization
import Testing

/// A signed-in client of a contacts test and what its contact list reported.
final class ContactPeer: Sendable {
    let client: MessengerClient
    let email: String
    let dialect: Dialect
    private let seen = Mutex<[ContactListChange]>([])
    private let task = Mutex<Task<Void, Never>?>(nil)

    init(_ network: TestNetwork, email: String, dialect: Dialect, initialStatus: PresenceStatus? = .online) throws {
        var configuration = MessengerClient.Configuration(server: try #require(ServerAddress(network.notificationAddress)))
        configuration.httpBaseURL = network.httpBaseURL
        configuration.dialects = [dialect]
        configuration.initialStatus = initialStatus
        configuration.timeouts.reply = .seconds(10)
        // MSNP2–7 have no profile message: do not wait for one.
        configuration.timeouts.profile = dialect < .msnp8 ? .milliseconds(100) : .seconds(5)
        client = MessengerClient(configuration: configuration)
        self.email = email
        self.dialect = dialect
        let client = client
        task.withLock { $0 = Task { [weak self] in
            for await change in client.contactChanges { self?.seen.withLock { $0.append(change) } }
        } }
    }

    deinit { task.withLock { $0?.cancel() } }

    static let password = "test1234"

    /// Creates the account (MD5-capable) and signs in.
    static func signedIn(_ network: TestNetwork, email: String, dialect: Dialect, create: Bool = true,
                         initialStatus: PresenceStatus? = .online) async throws -> ContactPeer {
        if create { try await network.createAccount(email: email, password: password, legacyMD5: true) }
        let peer = try ContactPeer(network, email: email, dialect: dialect, initialStatus: initialStatus)
        try await peer.client.signIn(email: email, password: password)
        return peer
    }

    var changes: [ContactListChange] { seen.withLock { $0 } }

    /// Waits until `predicate` holds for the contact `email` in this peer's list.
    @discardableResult
    func waitFor(_ email: String, _ what: String, within timeout: Duration = .seconds(10),
                 sourceLocation: SourceLocation = #_sourceLocation,
                 _ predicate: (Contact?) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if predicate(await client.contactList[email]) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        let contact = await client.contactList[email]
        Issue.record("\(self.email) (\(dialect)): \(what) — \(email) is \(contact.map { "\($0)" } ?? "absent")",
                     sourceLocation: sourceLocation)
        return false
    }

    /// Waits until a change matching `predicate` has been read from `contactChanges`.
    ///
    /// The contact list is updated before the change is yielded, and the change is read by a
    /// separate task: after ``waitFor(_:_:within:sourceLocation:_:)`` the change may still be
    /// in the stream's buffer, so reading ``changes`` at once can miss it.
    @discardableResult
    func waitForChange(_ what: String, within timeout: Duration = .seconds(10),
                       sourceLocation: SourceLocation = #_sourceLocation,
                       _ predicate: (ContactListChange) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if changes.contains(where: predicate) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        if changes.contains(where: predicate) { return true }
        Issue.record("\(email) (\(dialect)): \(what) — changes read: \(changes)", sourceLocation: sourceLocation)
        return false
    }

    func close() async { await client.close() }
}
