import MSNCore
import NIOCore

/// Rejoins chunked messages (`Message-ID` + `Chunks: N`, then `Chunk: 1 … N-1`), bounded.
///
/// ```
/// MSG bob@example.com Bob 1664  Message-ID: {…} Chunks: 3 …   → nil (waiting)
/// MSG bob@example.com Bob 1664  Message-ID: {…} Chunk: 1      → nil (waiting)
/// MSG bob@example.com Bob 412   Message-ID: {…} Chunk: 2      → the whole message
/// ```
/// Parts must come in order (the switchboard relays them in order); a part out of order
/// drops that message. At most `maximumPending` messages are kept at once (the oldest is
/// dropped for a new one) and each may have at most `maximumChunks` parts.
struct ChunkAssembler: Sendable {
    private struct Partial: Sendable {
        var message: MIMEMessage
        var total: Int
        var received: Int
    }

    let maximumPending: Int
    let maximumChunks: Int
    private var partials: [String: Partial] = [:]
    private var order: [String] = []

    init(maximumPending: Int, maximumChunks: Int) {
        self.maximumPending = max(1, maximumPending)
        self.maximumChunks = max(1, maximumChunks)
    }

    /// The number of messages being reassembled.
    var pendingCount: Int { partials.count }

    /// Adds a received message: returns it as it is when it is not chunked, the whole
    /// message (first part's headers without `Message-ID`/`Chunks`, all bodies) when this was
    /// its last part, and `nil` otherwise.
    mutating func add(_ message: MIMEMessage, from sender: String) -> MIMEMessage? {
        let chunk: MessageChunk?
        do {
            chunk = try message.chunk(maximumChunks: maximumChunks)
        } catch {
            return nil
        }
        guard let chunk else { return message }
        let key = sender.lowercased() + " " + chunk.messageID
        switch chunk.part {
        case .first(let total):
            if total == 1 { return Self.finished(message) }
            drop(key)
            if partials.count >= maximumPending, let oldest = order.first { drop(oldest) }
            partials[key] = Partial(message: message, total: total, received: 1)
            order.append(key)
            return nil
        case .continuation(let index):
            guard var partial = partials[key] else { return nil }
            guard index == partial.received, index < partial.total else {
                drop(key)
                return nil
            }
            var body = message.body
            partial.message.body.writeBuffer(&body)
            partial.received += 1
            if partial.received == partial.total {
                drop(key)
                return Self.finished(partial.message)
            }
            partials[key] = partial
            return nil
        }
    }

    private mutating func drop(_ key: String) {
        guard partials.removeValue(forKey: key) != nil else { return }
        order.removeAll { $0 == key }
    }

    private static func finished(_ message: MIMEMessage) -> MIMEMessage {
        var message = message
        message.removeValues(for: "Message-ID")
        message.removeValues(for: "Chunks")
        return message
    }
}
