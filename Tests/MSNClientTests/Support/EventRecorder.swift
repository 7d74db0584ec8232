import Synchronization
@testable import MSNClient

/// Reads a client's events from one task (the stream has a single consumer) and lets tests
/// wait for one that matches.
final class EventRecorder: Sendable {
    private final class Storage: Sendable {
        let seen = Mutex<[MessengerEvent]>([])
    }
    private let storage = Storage()
    private let task: Task<Void, Never>

    init(_ client: MessengerClient) {
        let storage = self.storage
        task = Task {
            for await event in client.events { storage.seen.withLock { $0.append(event) } }
        }
    }

    deinit { task.cancel() }

    var events: [MessengerEvent] { storage.seen.withLock { $0 } }

    /// The first recorded event (from index `after`) matching `predicate`, waiting up to `timeout`.
    func first(within timeout: Duration = .seconds(5),
               where predicate: (MessengerEvent) -> Bool) async -> MessengerEvent? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let event = events.first(where: predicate) { return event }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return events.first(where: predicate)
    }
}
