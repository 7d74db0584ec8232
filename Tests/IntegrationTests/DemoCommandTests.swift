import Foundation
import MSNCore
import Testing
@testable import msn

/// `msn demo` run in-process: every step happens and is told.
@Suite("msn demo", .timeLimit(.minutes(2)))
struct DemoCommandTests {
    @Test("The demo runs start to finish and narrates each step", arguments: [(Dialect.msnp13, Dialect.msnp8), (.msnp18, .msnp7)])
    func demo(_ first: Dialect, _ second: Dialect) async throws {
        let output = LineLog()
        var script = DemoScript(say: { output.append($0) })
        script.first.dialect = first
        script.second.dialect = second
        script.passwordIterations = 1_000
        script.stepTimeout = .seconds(15)
        do {
            try await script.run()
        } catch {
            // What was narrated (the traced sign-in included) shows how far it got.
            Issue.record("\(error)\n\(output.all.joined(separator: "\n"))")
            return
        }
        let text = output.all.joined(separator: "\n")
        #expect(text.contains("• network up on 127.0.0.1"))
        #expect(text.contains("    >>> VER 1 \(first) CVR0"))
        #expect(text.contains("    <<< VER 1 \(first)"))
        #expect(text.contains(">>> USR "))
        #expect(text.contains("alice@example.com signed in with \(first)"))
        #expect(text.contains("bob@example.com signed in with \(second), a different dialect"))
        #expect(text.contains("added alice@example.com back") || text.contains("added them back"))
        #expect(text.contains("see each other's presence"))
        #expect(text.contains("is typing…"))
        #expect(text.contains("alice@example.com → bob@example.com: “Hi Bob! This is \(first) talking to \(second).” delivered (ACK)"))
        #expect(text.contains("bob@example.com → alice@example.com: “Hi Alice, loud and clear.” delivered (ACK)"))
        #expect(text.contains("nudged bob@example.com: delivered"))
        #expect(text.contains("signed out (OUT)"))
        #expect(text.contains("network shut down"))
        // Only the first sign-in is traced: no switchboard lines.
        #expect(!text.contains(">>> XFR"))
    }

    @Test("A step that cannot succeed fails the demo with its name, in bounded time")
    func failure() async throws {
        var script = DemoScript(say: { _ in })
        script.passwordIterations = 1_000
        script.stepTimeout = .seconds(5)
        script.second.dialect = .msnp2
        script.second.legacyMD5 = false   // MSNP2's MD5 login needs the legacy secret
        await #expect(throws: DemoFailure.self) { try await script.run() }
    }

    @Test("The msn binary: `msn demo` exits 0 and says so")
    func binary() async throws {
        guard let run = try await CLITestSupport.runBinary(["demo", "--step-timeout", "15"]) else { return }
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("    >>> VER 1 MSNP13 CVR0"))
        #expect(run.output.contains("bob@example.com signed in with MSNP8"))
        #expect(run.output.hasSuffix("✓ demo finished\n"))
        #expect(run.errors.isEmpty)
    }
}
