import AsyncHTTPClient
import Logging
import MSNCore
import NIOCore

/// An MSN Messenger client: signs in to a dispatch or notification server in any dialect from
/// MSNP2 to MSNP18, keeps the session alive, and reports what the server pushes.
///
/// ```swift
/// var configuration = MessengerClient.Configuration(server: ServerAddress(host: "127.0.0.1"))
/// configuration.httpBaseURL = "http://127.0.0.1:8080"
/// let client = MessengerClient(configuration: configuration)
/// let account = try await client.signIn(email: "alice@example.com", password: "secret")
/// print(account.email, account.dialect)          // alice@example.com MSNP18
/// await client.signOut()
/// await client.close()
/// ```
///
/// The client follows `XFR … NS` redirects, runs MD5, Tweener (Passport 1.4 or `RST.srf`) and
/// SSO (`RST.srf`/`RST2.srf` and the MBI blob) logins, answers `CHL` with `QRY`, sends `PNG`
/// on the interval the server asks for (`QNG 50`), and notices a dead connection. Pushed
/// events come out of ``events``. Call ``close()`` when done: it signs out and releases the
/// HTTP client.
public actor MessengerClient {
    /// The configuration this client was made with.
    public nonisolated let configuration: Configuration
    /// What the server pushes and what the client does on its own, after sign-in.
    public nonisolated let events: MessengerEvents
    /// Changes of the contact list after sign-in (see ``contactList`` for the whole list).
    public nonisolated let contactChanges: ContactListChanges

    let eventContinuation: AsyncStream<MessengerEvent>.Continuation
    let contactContinuation: AsyncStream<ContactListChange>.Continuation
    /// The contact list of the signed-in account (`nil` before the first sign-in).
    var contactState: ContactListState?
    let logger: Logger
    private let transportOverride: (any PassportTransport)?
    private var httpClient: HTTPClient?

    var connection: MessengerConnection?
    var account: SignedInAccount?
    var readerTask: Task<Void, Never>?
    var keepaliveTask: Task<Void, Never>?
    var pendingChallenges: [TransactionID: (challenge: String, productID: String)] = [:]
    var pingInterval: Duration
    /// When the oldest `PNG` still without `QNG` was sent.
    var unansweredPingSince: ContinuousClock.Instant?
    var lastPing: ContinuousClock.Instant = .now
    var closingReason: MessengerClientError?
    var signingIn = false
    /// The conversations started or accepted in this session; ``signOut()`` ends them.
    var conversations: [ObjectIdentifier: WeakConversation] = [:]
    private(set) var isClosed = false

    /// Creates a client. Nothing is connected until ``signIn(email:password:)``.
    ///
    /// - Parameters:
    ///   - configuration: servers, dialects, URLs, timeouts.
    ///   - logger: where the client logs (at `debug` and above; never passwords or tickets).
    public init(configuration: Configuration, logger: Logger = Logger(label: "msn.client")) {
        self.init(configuration: configuration, logger: logger, transport: nil)
    }

    /// Creates a client whose Passport HTTP goes through `transport` (tests).
    init(configuration: Configuration, logger: Logger, transport: (any PassportTransport)?) {
        self.configuration = configuration
        self.logger = logger
        self.transportOverride = transport
        let (stream, continuation) = AsyncStream.makeStream(
            of: MessengerEvent.self, bufferingPolicy: .bufferingOldest(max(1, configuration.eventBufferSize)))
        self.events = MessengerEvents(stream: stream)
        self.eventContinuation = continuation
        let (changes, changeContinuation) = AsyncStream.makeStream(
            of: ContactListChange.self, bufferingPolicy: .bufferingOldest(max(1, configuration.contactChangeBufferSize)))
        self.contactChanges = ContactListChanges(stream: changes)
        self.contactContinuation = changeContinuation
        self.pingInterval = configuration.keepaliveInterval
    }

    deinit {
        // A client dropped without `close()`: release the HTTP client rather than leak it
        // (async-http-client traps on a client deallocated while running).
        httpClient?.shutdown { _ in }
        eventContinuation.finish()
        contactContinuation.finish()
    }

    /// Runs `body` with a new client and closes it afterwards, whatever happens.
    ///
    /// ```swift
    /// try await MessengerClient.withClient(configuration: configuration) { client in
    ///     try await client.signIn(email: "alice@example.com", password: "secret")
    /// }
    /// ```
    public static func withClient<Result: Sendable>(
        configuration: Configuration,
        logger: Logger = Logger(label: "msn.client"),
        _ body: (MessengerClient) async throws -> Result
    ) async throws -> Result {
        let client = MessengerClient(configuration: configuration, logger: logger)
        do {
            let result = try await body(client)
            await client.close()
            return result
        } catch {
            await client.close()
            throw error
        }
    }

    /// The account signed in, or `nil`.
    public var signedInAccount: SignedInAccount? { account }

    /// Sends a command with the next transaction id and returns the server's reply: the line
    /// that echoes the id.
    ///
    /// ```
    /// C: CHG 9 NLN 0
    /// S: CHG 9 NLN 0
    /// ```
    ///
    /// - Throws: ``MessengerClientError/Code/serverError`` for a numeric reply (`201 9`),
    ///   ``MessengerClientError/Code/notSignedIn``, ``MessengerClientError/Code/timeout``,
    ///   ``MessengerClientError/Code/disconnected``.
    @discardableResult
    public func send(_ verb: Verb, arguments: [String] = [], payload: ByteBuffer? = nil)
        async throws(MessengerClientError) -> Frame
    {
        guard let connection, account != nil else {
            throw MessengerClientError(.notSignedIn, "\(verb) needs a signed-in session")
        }
        let reply: Frame
        do {
            reply = try await connection.request(verb, arguments: arguments, payload: payload,
                                                 timeout: configuration.timeouts.reply)
        } catch {
            throw MessengerClientError.wrap(error)
        }
        if reply.verb.isError { throw .server(reply, during: "\(verb)") }
        return reply
    }

    /// Signs out with `OUT` and closes the connection, after leaving every open
    /// ``Conversation`` (their later sends return ``NotDeliveredReason/conversationEnded``).
    /// Safe to call when not signed in.
    ///
    /// ```
    /// C: OUT
    /// ```
    public func signOut() async {
        guard let connection else { return }
        closingReason = nil
        let open = conversations.values.compactMap(\.conversation)
        conversations.removeAll()
        for conversation in open { await conversation.leave() }
        stopSessionTasks()
        if account != nil {
            try? await connection.write(Frame(verb: .out))
        }
        await connection.close()
        await connection.waitUntilClosed()
        if account != nil { eventContinuation.yield(.disconnected(nil)) }
        self.connection = nil
        self.account = nil
    }

    /// Signs out if needed, shuts the HTTP client down and finishes ``events``. The client
    /// cannot be used afterwards.
    public func close() async {
        guard !isClosed else { return }
        isClosed = true
        await signOut()
        if let httpClient {
            self.httpClient = nil
            try? await httpClient.shutdown()
        }
        eventContinuation.finish()
        contactContinuation.finish()
    }

    /// The Passport transport: the injected one, or the shared `HTTPClient` (made on first use).
    func passportTransport() -> any PassportTransport {
        if let transportOverride { return transportOverride }
        let client: HTTPClient
        if let httpClient {
            client = httpClient
        } else {
            var http = HTTPClient.Configuration()
            http.redirectConfiguration = .disallow
            http.timeout = .init(connect: TimeAmount(configuration.timeouts.connect),
                                 read: TimeAmount(configuration.timeouts.http))
            client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: http)
            httpClient = client
        }
        return AsyncHTTPClientTransport(client: client, timeout: configuration.timeouts.http)
    }

    func emit(_ event: MessengerEvent) {
        if case .dropped = eventContinuation.yield(event) {
            logger.warning("event buffer full; an event was dropped", metadata: ["event": "\(event)"])
        }
    }
}

extension MessengerClientError {
    /// Any error of the connection or HTTP layers as a ``MessengerClientError``.
    static func wrap(_ error: any Error) -> MessengerClientError {
        if let error = error as? MessengerClientError { return error }
        if error is CancellationError { return MessengerClientError(.disconnected, "cancelled") }
        return MessengerClientError(.disconnected, "\(error)")
    }
}
