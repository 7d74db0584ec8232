/// The bounded stream of ``MessengerEvent``s of one ``MessengerClient``.
///
/// It holds at most ``MessengerClient/Configuration/eventBufferSize`` unread events; when a
/// program stops reading, newer events are dropped (and counted in the log) rather than
/// letting memory grow. The stream finishes when the client is closed. Iterate it once, from
/// one task.
///
/// ```swift
/// for await event in client.events {
///     if case .signedOutElsewhere = event { break }
/// }
/// ```
public struct MessengerEvents: AsyncSequence, Sendable {
    public typealias Element = MessengerEvent

    let stream: AsyncStream<MessengerEvent>

    /// Iterates the events; `nil` once the client is closed.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncStream<MessengerEvent>.AsyncIterator

        /// The next event, waiting for one.
        public mutating func next() async -> MessengerEvent? {
            await base.next()
        }

        /// The next event, waiting for one on the caller's actor.
        public mutating func next(isolation actor: isolated (any Actor)?) async -> MessengerEvent? {
            await base.next(isolation: actor)
        }
    }

    /// Creates the (single) iterator.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: stream.makeAsyncIterator())
    }
}
