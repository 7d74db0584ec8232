extension MIMEMessage {
    /// The `Message-ID` header of a chunked message.
    public var messageID: String? { self["Message-ID"] }

    /// The part of a chunked message this is, or `nil` for an ordinary message (no
    /// `Message-ID`, or neither `Chunks` nor `Chunk`).
    ///
    /// - Throws: ``MIMEError`` (``MIMEError/Code/invalidHeaderValue``) when `Chunks` or `Chunk`
    ///   is not a positive number, or `Chunks` is over `maximumChunks`.
    public func chunk(maximumChunks: Int = 1024) throws(MIMEError) -> MessageChunk? {
        guard let messageID else { return nil }
        if let total = self["Chunks"] {
            guard let count = Int(MIMEMessage.trimmed(Substring(total))), count >= 1, count <= maximumChunks else {
                throw MIMEError(.invalidHeaderValue, offset: 0, detail: "Chunks: \(total.prefix(16)) is not 1…\(maximumChunks)")
            }
            return MessageChunk(messageID: messageID, part: .first(totalChunks: count))
        }
        if let index = self["Chunk"] {
            guard let value = Int(MIMEMessage.trimmed(Substring(index))), value >= 1, value < maximumChunks else {
                throw MIMEError(.invalidHeaderValue, offset: 0, detail: "Chunk: \(index.prefix(16)) is not 1…\(maximumChunks - 1)")
            }
            return MessageChunk(messageID: messageID, part: .continuation(index: value))
        }
        return nil
    }
}
