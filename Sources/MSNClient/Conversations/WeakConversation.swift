/// A conversation the client remembers without keeping it alive.
struct WeakConversation: Sendable {
    weak var conversation: Conversation?
}
