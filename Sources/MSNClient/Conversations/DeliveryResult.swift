/// What became of one message sent in a ``Conversation``: it reached everyone, or it did not.
///
/// Text and nudges are sent with acknowledgement mode `A`, so the switchboard answers every
/// `MSG` with `ACK` or `NAK`; there is no "maybe".
///
/// ```
/// C: MSG 4 A 161          S: ACK 4     → .delivered
/// C: MSG 5 A 161          S: NAK 5     → .notDelivered(.rejected)
/// ```
public enum DeliveryResult: Sendable, Hashable {
    /// The switchboard confirmed delivery to every other participant (`ACK`; every part of a
    /// chunked message).
    case delivered
    /// The message was not delivered, and why.
    case notDelivered(NotDeliveredReason)

    /// `true` for ``delivered``.
    public var isDelivered: Bool { self == .delivered }
}

/// Why a message was not delivered.
public enum NotDeliveredReason: Sendable, Hashable {
    /// The switchboard answered `NAK` (or a numeric error): someone could not receive it.
    case rejected
    /// A new switchboard had to be opened and every contact called was offline, invisible or
    /// blocking (`CAL` answered with `217`).
    case contactOffline
    /// A new switchboard had to be opened and no contact called answered the invitation in
    /// time (the contact declined, or left and ignores the call).
    case notAnswered
    /// The program left the conversation (``Conversation/leave()``) before sending.
    case conversationEnded
    /// The switchboard connection closed before it acknowledged the message.
    case switchboardClosed
}
