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
        // Output goes to files read once it has exited: no pipe to fill up, no blocking read
        // on the test's cooperative threads. ChildProcess, not Foundation's Process (see there).
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("msn-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outputFile = directory.appendingPathComponent("out"), errorFile = directory.appendingPathComponent("err")
        let output = open(outputFile.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        let errors = open(errorFile.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        defer { _ = close(output); _ = close(errors) }
        let standardInput = try ChildProcess.makePipe()
        let process: ChildProcess
        do {
            process = try ChildProcess.spawn(path: binary.path, arguments: arguments, input: standardInput.read,
                                             output: output, error: errors)
        } catch {
            _ = close(standardInput.read); _ = close(standardInput.write)
            throw error
        }
        _ = close(standardInput.read)
        let writer = FileHandle(fileDescriptor: standardInput.write, closeOnDealloc: true)
        writer.write(Data(input.utf8))
        try writer.close()
        let status = await process.waitUntilExit(within: timeout)
        return Run(status: status,
                   output: (try? String(contentsOf: outputFile, encoding: .utf8)) ?? "",
                   errors: (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "")
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
