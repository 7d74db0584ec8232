/// How conversations behave: part of ``MessengerClient/Configuration``.
///
/// ```swift
/// configuration.conversations.invitationTimeout = .seconds(10)
/// ```
public struct ConversationSettings: Sendable, Hashable {
    /// How long to wait for called contacts to join (`JOI`) after `CAL … RINGING`. Default 30 s.
    public var invitationTimeout: Duration = .seconds(30)
    /// The most unread events a conversation keeps before newer ones are dropped. Default 256.
    public var eventBufferSize = 256
    /// The most chunked messages being reassembled at once per conversation; the oldest
    /// unfinished one is dropped to make room. Default 8.
    public var maximumPendingChunkedMessages = 8
    /// The most parts a received chunked message may have (`Chunks: N`). Default 64 (about
    /// 100 KB of text).
    public var maximumChunks = 64

    /// The defaults above.
    public init() {}
}
