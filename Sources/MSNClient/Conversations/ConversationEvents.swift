/// The bounded stream of a ``Conversation``'s events.
///
/// It keeps at most ``ConversationSettings/eventBufferSize`` unread events; when the program
/// stops reading, newer events are dropped (and logged) rather than letting memory grow. It
/// finishes when the program leaves the conversation. Iterate it once, from one task.
///
/// ```swift
/// for await event in conversation.events {
///     if case .message(let sender, let text, _, _) = event { print("\(sender): \(text)") }
/// }
/// ```
public struct ConversationEvents: AsyncSequence, Sendable {
    public typealias Element = ConversationEvent

    let stream: AsyncStream<ConversationEvent>

    /// Iterates the events; `nil` once the program left the conversation.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncStream<ConversationEvent>.AsyncIterator

        /// The next event, waiting for one.
        public mutating func next() async -> ConversationEvent? {
            await base.next()
        }

        /// The next event, waiting for one on the caller's actor.
        public mutating func next(isolation actor: isolated (any Actor)?) async -> ConversationEvent? {
            await base.next(isolation: actor)
        }
    }

    /// Creates the (single) iterator.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: stream.makeAsyncIterator())
    }
}
