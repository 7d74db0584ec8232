import Foundation
import Testing

@testable import MSNServer

/// What the ticket store costs per sign-in, from the process's resident memory: issues 100,000
/// sign-ins of two tickets each (`messengerclear.live.com` and `contacts.msn.com`, what an SSO
/// client asks for), each with its own copy of the account's sign-in name as the real server
/// reads it from the database.
///
/// Off by default (it reads the whole process's memory, so it runs alone):
///
/// ```
/// TICKET_MEMORY=1 swift test --skip-build --filter TicketStoreMemory
/// ```
@Suite("TicketStoreMemory")
struct TicketStoreMemoryTests {
    @Test("100,000 sign-ins with two tickets each stay under 400 bytes a sign-in",
          .enabled(if: ProcessInfo.processInfo.environment["TICKET_MEMORY"] != nil))
    func bytesPerSignIn() async throws {
        let signIns = 100_000
        let store = TicketStore(configuration: .init(maximumTickets: signIns))
        let before = try #require(Self.residentBytes())
        for index in 0..<signIns {
            let account = Account(id: Int64(index), email: "bench\(index)@example.com", displayName: "Bench",
                                  puid: 1, cid: 2, hasLegacyMD5: false, createdAt: Date())
            _ = await store.issue(account: account, services: [.messengerClear, .contacts])
        }
        let after = try #require(Self.residentBytes())
        #expect(await store.count == signIns)
        let perSignIn = Double(after - before) / Double(signIns)
        print("ticket store: \(signIns) sign-ins, resident memory +\(after - before) bytes, \(Int(perSignIn)) bytes a sign-in")
        #expect(perSignIn < 400)
    }

    /// `VmRSS` of this process in bytes.
    static func residentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }.map { $0 * 1024 }
        }
        return nil
    }
}
