import Foundation
import MSNClient
import MSNCore
import MSNServer
import Synchronization

/// Fetches one Passport ticket per account over HTTP (RST/Passport 1.4), `concurrency` at a
/// time, so that sign-ins can later be timed on the notification server alone.
enum BenchTickets {
    typealias Ticket = (email: String, ticket: MessengerClient.PassportTicket)

    static func fetch(target: BenchTarget, dialect: Dialect, accounts: [BenchAccount], concurrency: Int = 16,
                      showsProgress: Bool) async throws -> [Ticket] {
        let policy = dialect.authenticationScheme == .sso
            ? NotificationSessionConfiguration().ssoPolicy : NotificationSessionConfiguration().tweenerPolicy
        let clients = (0..<max(1, concurrency)).map { _ in target.makeClient(dialect: dialect) }
        defer { for client in clients { Task { await client.close() } } }
        var tickets: [Ticket] = []
        tickets.reserveCapacity(accounts.count)
        var lastReport = ContinuousClock.now
        try await withThrowingTaskGroup(of: Ticket.self) { group in
            var next = 0
            func add() {
                guard next < accounts.count else { return }
                let account = accounts[next]
                let client = clients[next % clients.count]
                next += 1
                group.addTask {
                    let ticket = try await client.passportTicket(email: account.email, password: account.password,
                                                                 policy: policy, dialect: dialect)
                    return (account.email, ticket)
                }
            }
            for _ in 0..<max(1, concurrency) { add() }
            while let ticket = try await group.next() {
                tickets.append(ticket)
                add()
                if showsProgress, ContinuousClock.now - lastReport >= .seconds(1) {
                    lastReport = .now
                    FileHandle.standardError.write(Data("\rtickets: \(tickets.count)/\(accounts.count)   ".utf8))
                }
            }
        }
        if showsProgress { FileHandle.standardError.write(Data("\rtickets: \(tickets.count)/\(accounts.count)\n".utf8)) }
        return tickets
    }
}
