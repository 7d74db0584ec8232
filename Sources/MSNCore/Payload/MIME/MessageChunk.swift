/// Where one `MSG` stands in a message split over several (switchboard chunking).
///
/// ```
/// Message-ID: {7B7B34E4-B5D6-4A8F-9B67-4F9A1E7D3C2A}\r\nChunks: 3\r\n      (first part)
/// Message-ID: {7B7B34E4-B5D6-4A8F-9B67-4F9A1E7D3C2A}\r\nChunk: 1\r\n       (second part)
/// ```
/// The receiver concatenates the bodies in order; `Chunk` counts from 1 for the second part.
public struct MessageChunk: Hashable, Sendable {
    /// Which part this is.
    public enum Part: Hashable, Sendable {
        /// The first part, announcing how many parts there are in all.
        case first(totalChunks: Int)
        /// A later part: `Chunk: index`, from 1 to `totalChunks - 1`.
        case continuation(index: Int)
    }

    /// The `Message-ID` shared by all parts.
    public var messageID: String
    public var part: Part

    public init(messageID: String, part: Part) {
        self.messageID = messageID
        self.part = part
    }

    /// The headers that mark a part: `Message-ID` then `Chunks` or `Chunk`.
    public var headers: [MIMEHeader] {
        switch part {
        case .first(let total):
            [MIMEHeader(name: "Message-ID", value: messageID), MIMEHeader(name: "Chunks", value: String(total))]
        case .continuation(let index):
            [MIMEHeader(name: "Message-ID", value: messageID), MIMEHeader(name: "Chunk", value: String(index))]
        }
    }
}
