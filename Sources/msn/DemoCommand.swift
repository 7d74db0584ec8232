import ArgumentParser
import Foundation
import MSNCore

/// `msn demo`: the whole project in one command on a fresh machine — a network in-process,
/// two accounts, a traced sign-in, contacts, presence, a chat across two dialects, shutdown.
///
/// ```
/// $ msn demo
/// • network up on 127.0.0.1: dispatch 40113, notification 35241, switchboard 42811, HTTP http://127.0.0.1:39655; …
/// • created alice@example.com (Alice) and bob@example.com (Bob, …)
/// • alice@example.com signs in with MSNP13, the tutorial's exchange line by line (>>> sent, <<< received):
///     >>> VER 1 MSNP13 CVR0
///     <<< VER 1 MSNP13 CVR0
/// …
/// ✓ demo finished
/// ```
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run a whole MSN network in-process and narrate two people chatting across dialects."
    )

    @Option(help: "The dialect of the first account (signed in traced).")
    var firstDialect: String = "MSNP13"

    @Option(help: "The dialect of the second account.")
    var secondDialect: String = "MSNP8"

    @Option(help: "The longest one step may take, in seconds.")
    var stepTimeout: Int = 20

    @Option(help: "The longest the whole demo may take, in seconds.")
    var timeout: Int = 180

    @Flag(help: "Do not print the first sign-in line by line.")
    var noTrace = false

    func run() async throws {
        guard let first = Self.dialect(firstDialect), let second = Self.dialect(secondDialect) else {
            CommandFailure("unknown dialect (MSNP2 … MSNP18)").exit()
        }
        var script = DemoScript(say: { line in try? FileHandle.standardOutput.write(contentsOf: Data((line + "\n").utf8)) })
        script.first.dialect = first
        script.second.dialect = second
        script.stepTimeout = .seconds(max(1, stepTimeout))
        script.tracesSignIn = !noTrace
        let limit = max(1, timeout)
        let watchdog = Task {
            try await Task.sleep(for: .seconds(limit))
            CommandFailure("demo failed: it did not finish within \(limit) s").exit()
        }
        defer { watchdog.cancel() }
        do {
            try await script.run()
            print("✓ demo finished")
        } catch {
            CommandFailure("demo failed at step “\(error.step)”: \(error.reason)").exit()
        }
    }

    /// `MSNP8`, `msnp8` or `8`.
    static func dialect(_ token: String) -> Dialect? {
        Dialect(token: token.uppercased()) ?? Int(token).flatMap(Dialect.init(version:))
    }
}
