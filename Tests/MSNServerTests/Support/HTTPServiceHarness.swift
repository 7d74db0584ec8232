import Foundation
import Logging
import MSNServer
import ServiceLifecycle

/// Everything a live HTTP test needs: a store with accounts, a ticket store, and the real
/// service listening on 127.0.0.1 at a free port.
struct HTTPServiceHarness {
    var store: SQLiteMessengerStore
    var tickets: TicketStore
    var port: Int
}

/// Runs the real ``MessengerHTTPService`` in a `ServiceGroup` on port 0 around `body`, then
/// shuts it down gracefully.
func withHTTPService<T: Sendable>(
    configuration: MessengerHTTPService.Configuration = .init(host: "127.0.0.1", port: 0),
    accounts: [(email: String, password: String)] = [("alice@example.com", "test1234")],
    _ body: @Sendable (HTTPServiceHarness) async throws -> T
) async throws -> T {
    try await withTestStore { store, _ in
        for account in accounts {
            _ = try await store.createAccount(email: account.email, displayName: nil, password: account.password, legacyMD5: false)
        }
        let tickets = TicketStore()
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let service = MessengerHTTPService(
            configuration: configuration,
            store: store,
            tickets: tickets,
            logger: quietLogger,
            onServerRunning: { port in continuation.yield(port) }
        )
        let group = ServiceGroup(configuration: .init(services: [service], logger: quietLogger))
        return try await withThrowingTaskGroup(of: T?.self) { tasks in
            tasks.addTask {
                try await group.run()
                return nil
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else {
                throw RawHTTPClient.Failure(description: "the service never reported a port")
            }
            let result: T
            do {
                result = try await body(HTTPServiceHarness(store: store, tickets: tickets, port: port))
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return result
        }
    }
}
