import Foundation
import MSNCore
import MSNServer
import MSNTestSupport
import Testing
@testable import msn

/// `msn contacts`, `msn contact`, `msn status` and `msn psm`, run in-process against a
/// server on port 0.
@Suite("msn contact commands", .timeLimit(.minutes(1)))
struct ContactCommandTests {
    static func options(_ network: TestNetwork, dialect: Dialect) -> [String] {
        ["--server", network.notificationAddress, "--http", network.httpBaseURL, "--dialect", dialect.token]
    }

    @Test("contact add, psm, status, contacts, block, remove", arguments: [Dialect.msnp8, .msnp11, .msnp15, .msnp18])
    func commands(dialect: Dialect) async throws {
        try await TestNetwork.withRunning { network in
            let password = ContactPeer.password
            try await network.createAccount(email: "alice@example.com", password: password, legacyMD5: true)
            try await network.createAccount(email: "bob@example.com", password: password, displayName: "Bob", legacyMD5: true)
            let options = Self.options(network, dialect: dialect)

            let add = try ContactCommand.parse(["add", "alice@example.com", "bob@example.com"] + options)
            #expect(try await add.perform(password: password) == ["added bob@example.com to alice@example.com's contacts"])

            let bobOptions = Self.options(network, dialect: .msnp18)
            let psm = try PersonalMessageCommand.parse(["bob@example.com", "on holiday"] + bobOptions)
            #expect(try await psm.perform(password: password) == ["personal message of bob@example.com set (MSNP18)"])

            // Bob stays busy while alice lists her contacts.
            let holding = Task {
                try await StatusCommand.parse(["bob@example.com", "busy", "--hold", "5"] + bobOptions).perform(password: password)
            }
            try await eventually("the server has bob busy") {
                await network.registry.sessions(of: "bob@example.com").contains { $0.presence?.status == .busy }
            }
            let contacts = try ContactsCommand.parse(["alice@example.com", "--settle", "500"] + options)
            let lines = try await contacts.perform(password: password)
            #expect(lines.first?.hasPrefix("alice@example.com (\(dialect)): 1 contact") == true, "\(lines)")
            let bobLine = try #require(lines.first { $0.contains("bob@example.com") }, "\(lines)")
            #expect(bobLine.contains("Bob"))
            #expect(bobLine.contains("busy"), "\(bobLine)")
            if dialect.supportsPersonalMessages { #expect(bobLine.contains("\"on holiday\""), "\(bobLine)") }
            #expect(try await holding.value == ["bob@example.com is busy (MSNP18)"])

            let block = try ContactCommand.parse(["block", "alice@example.com", "bob@example.com"] + options)
            #expect(try await block.perform(password: password) == ["blocked bob@example.com"])
            let remove = try ContactCommand.parse(["remove", "alice@example.com", "bob@example.com"] + options)
            #expect(try await remove.perform(password: password) == ["removed bob@example.com from alice@example.com's contacts"])
            let after = try await contacts.perform(password: password)
            #expect(after.contains { $0.contains("bob@example.com") && $0.contains("blocked") }, "\(after)")
        }
    }

    @Test("Failures are one readable line: unknown contact, wrong password, PSM before MSNP11")
    func failures() async throws {
        try await TestNetwork.withRunning { network in
            let password = ContactPeer.password
            try await network.createAccount(email: "alice@example.com", password: password, legacyMD5: true)
            let options = Self.options(network, dialect: .msnp11)
            let add = try ContactCommand.parse(["add", "alice@example.com", "nobody@example.com"] + options)
            await #expect { _ = try await add.perform(password: password) } throws: {
                let message = ($0 as? CommandFailure)?.message ?? ""
                return message.hasPrefix("contact add failed: unknown account") && !message.contains("\n")
            }
            await #expect { _ = try await add.perform(password: "wrong") } throws: {
                (($0 as? CommandFailure)?.message ?? "").contains("wrong password")
            }
            #expect(throws: (any Error).self) { try NameCommand.parse(["alice@example.com", "  "]) }
            let psm = try PersonalMessageCommand.parse(["alice@example.com", "hi"] + Self.options(network, dialect: .msnp8))
            await #expect { _ = try await psm.perform(password: password) } throws: {
                (($0 as? CommandFailure)?.message ?? "").contains("not supported in this dialect")
            }
            #expect(throws: (any Error).self) { try StatusCommand.parse(["alice@example.com", "sleepy"]) }
        }
    }

    @Test("The msn binary prints one line on standard error and exits 1")
    func exitStatus() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let binary = root.appendingPathComponent(".build/debug/msn")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else { return }  // not built in this layout
        try await TestNetwork.withRunning { network in
            try await network.createAccount(email: "alice@example.com", password: ContactPeer.password, legacyMD5: true)
            let run = try #require(try await CLITestSupport.runBinary(
                ["contact", "add", "alice@example.com", "nobody@example.com", "--password-stdin"] + Self.options(network, dialect: .msnp8),
                input: "\(ContactPeer.password)\n", timeout: .seconds(30)))
            let text = run.errors
            #expect(run.status == 1)
            #expect(text.hasPrefix("msn: contact add failed: unknown account"), "\(text)")
            #expect(text.split(separator: "\n").count == 1, "\(text)")
        }
    }
}
