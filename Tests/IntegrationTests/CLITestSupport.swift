import Foundation
import Logging
import MSNClient
import MSNCore
import MSNTestSupport
import Synchronization
import Testing
@testable import msn

/// Helpers for the tests of `msn send`, `msn chat` and `msn demo`.
enum CLITestSupport {
    static let password = "test1234"

    /// A client configuration for `network` offering only `dialect`.
    static func configuration(_ network: TestNetwork, _ dialect: Dialect) throws -> MessengerClient.Configuration {
        var configuration = MessengerClient.Configuration(server: try #require(ServerAddress(network.dispatchAddress)))
        configuration.httpBaseURL = network.httpBaseURL
        configuration.dialects = [dialect]
        configuration.timeouts.profile = .seconds(5)
        configuration.conversations.invitationTimeout = .seconds(10)
        return configuration
    }

    /// Creates `email`, signs it in with `dialect` and sets it online.
    static func signedIn(_ email: String, _ dialect: Dialect, on network: TestNetwork) async throws -> MessengerClient {
        try await network.createAccount(email: email, password: password, legacyMD5: true)
        let client = MessengerClient(configuration: try configuration(network, dialect),
                                     logger: Logger(label: "msn.test", factory: { _ in SwiftLogNoOpLogHandler() }))
        try await client.signIn(email: email, password: password)
        try await ClientContactsAdapter.setStatus(.online, on: client)
        return client
    }
}

extension CLITestSupport {
    /// What a run of the `msn` binary did.
    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    /// Runs the built `msn` binary with `arguments` and `input` on standard input, for at most
    /// `timeout`; `nil` when the binary is not built in this layout.
    static func runBinary(_ arguments: [String], input: String = "", timeout: Duration = .seconds(60)) async throws -> Run? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let binary = root.appendingPathComponent(".build/debug/msn")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else { return nil }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let standardInput = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = standardInput
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        standardInput.fileHandleForWriting.write(Data(input.utf8))
        try standardInput.fileHandleForWriting.close()
        // Read once it has exited (blocking reads would hold the test's cooperative threads);
        // what these commands print fits in a pipe's buffer.
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return Run(status: process.terminationStatus,
                   output: String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
                   errors: String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    /// `--server … --http … --dialect …` for `network`.
    static func options(_ network: TestNetwork, dialect: Dialect) -> [String] {
        ["--server", network.dispatchAddress, "--http", network.httpBaseURL, "--dialect", dialect.token]
    }
}

/// Lines written to a sink from several tasks, for a test to wait on.
final class LineLog: Sendable {
    private let lines = Mutex<[String]>([])

    func append(_ line: String) { lines.withLock { $0.append(line) } }

    var all: [String] { lines.withLock { $0 } }

    /// Waits until a line contains `text`; the line, or `nil` after `timeout`.
    func line(containing text: String, within timeout: Duration = .seconds(10)) async -> String? {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let line = lines.withLock({ $0.first(where: { $0.contains(text) }) }) { return line }
            guard ContinuousClock.now < deadline else { return nil }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }
}

/// A signed-in client that accepts every invitation and records what happens in them.
final class AcceptingPeer: Sendable {
    let client: MessengerClient
    private let conversations = Mutex<[EventRecorder<ConversationEvent>]>([])
    private let accepted = Mutex<[Conversation]>([])
    private let reader = Mutex<EventRecorder<MessengerEvent>?>(nil)

    init(_ client: MessengerClient) {
        self.client = client
        let recorder = EventRecorder(client.events, onEach: { [weak self] event in
            guard let self, case .conversationInvitation(let invitation) = event,
                  let conversation = try? await client.accept(invitation) else { return }
            self.conversations.withLock { $0.append(EventRecorder(conversation.events)) }
            self.accepted.withLock { $0.append(conversation) }
        })
        reader.withLock { $0 = recorder }
    }

    /// The `index`-th accepted conversation and its events, waiting for it.
    func conversation(_ index: Int = 0, within timeout: Duration = .seconds(10))
        async -> (Conversation, EventRecorder<ConversationEvent>)?
    {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let found = accepted.withLock({ $0.count > index ? $0[index] : nil }),
               let log = conversations.withLock({ $0.count > index ? $0[index] : nil }) {
                return (found, log)
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }

    func close() async {
        reader.withLock { $0?.stop() }
        await client.close()
    }
}
