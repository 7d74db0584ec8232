/// The bounded stream of ``ContactListChange``s of one ``MessengerClient``.
///
/// It holds at most ``MessengerClient/Configuration/contactChangeBufferSize`` unread changes;
/// when a program stops reading, newer ones are dropped (and logged) rather than letting
/// memory grow — ``MessengerClient/contactList`` is always complete. The stream finishes when
/// the client is closed. Iterate it once, from one task.
///
/// ```swift
/// for await change in client.contactChanges {
///     if case .pendingRequest(let contact) = change { try await client.acceptRequest(from: contact.email) }
/// }
/// ```
public struct ContactListChanges: AsyncSequence, Sendable {
    public typealias Element = ContactListChange

    let stream: AsyncStream<ContactListChange>

    /// Iterates the changes; `nil` once the client is closed.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncStream<ContactListChange>.AsyncIterator

        /// The next change, waiting for one.
        public mutating func next() async -> ContactListChange? {
            await base.next()
        }

        /// The next change, waiting for one on the caller's actor.
        public mutating func next(isolation actor: isolated (any Actor)?) async -> ContactListChange? {
            await base.next(isolation: actor)
        }
    }

    /// Creates the (single) iterator.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: stream.makeAsyncIterator())
    }
}
