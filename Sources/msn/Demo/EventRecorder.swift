import Synchronization

/// Collects what a stream yields, from its own task, so a step can wait for one item.
///
/// ```swift
/// let log = EventRecorder(conversation.events)
/// let typing = await log.first(within: .seconds(10)) { $0 == .typing(sender: "alice@example.com") }
/// ```
final class EventRecorder<Element: Sendable>: Sendable {
    private let items = Mutex<[Element]>([])
    private let reader = Mutex<Task<Void, Never>?>(nil)

    init<Stream: AsyncSequence & Sendable>(_ stream: Stream, onEach: @escaping @Sendable (Element) async -> Void = { _ in })
        where Stream.Element == Element
    {
        reader.withLock { $0 = Task { [weak self] in
            do {
                for try await item in stream {
                    self?.items.withLock { $0.append(item) }
                    await onEach(item)
                }
            } catch {}
        } }
    }

    deinit { reader.withLock { $0?.cancel() } }

    /// Stops reading.
    func stop() { reader.withLock { $0?.cancel() } }

    /// Everything seen so far.
    var all: [Element] { items.withLock { $0 } }

    /// The first item matching `predicate`, waiting up to `timeout` for it.
    func first(within timeout: Duration, where predicate: (Element) -> Bool) async -> Element? {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let item = items.withLock({ $0.first(where: predicate) }) { return item }
            guard ContinuousClock.now < deadline, !Task.isCancelled else { return nil }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }
}
