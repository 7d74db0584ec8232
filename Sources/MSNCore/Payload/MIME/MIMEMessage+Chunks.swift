import NIOCore

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

extension MIMEMessage {
    /// The largest switchboard `MSG` payload, in bytes: longer messages are sent in chunks.
    public static let maximumSwitchboardPayload = 1664

    /// This message as the parts of a chunked message, each payload at most `maximumPayload`
    /// bytes; `[self]` when it already fits.
    ///
    /// ```
    /// MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nMessage-ID: {…}\r\nChunks: 3\r\n\r\n<first part of the body>
    /// Message-ID: {…}\r\nChunk: 1\r\n\r\n<second part>
    /// Message-ID: {…}\r\nChunk: 2\r\n\r\n<third part>
    /// ```
    /// The first part keeps every header of the message; the later ones carry only the
    /// ``MessageChunk`` headers. Bodies are cut between UTF-8 characters.
    ///
    /// - Returns: `nil` when the headers alone leave no room for the body.
    public func chunked(messageID: String, maximumPayload: Int = MIMEMessage.maximumSwitchboardPayload) -> [MIMEMessage]? {
        if bytes.readableBytes <= maximumPayload { return [self] }
        // Room for up to 9999 parts is reserved in the first part's `Chunks` header.
        let firstHeaders = headers + MessageChunk(messageID: messageID, part: .first(totalChunks: 9999)).headers
        let firstRoom = maximumPayload - MIMEMessage(headers: firstHeaders).bytes.readableBytes
        guard firstRoom > 0 else { return nil }
        let body = Array(self.body.readableBytesView)
        var pieces: [ArraySlice<UInt8>] = []
        var start = 0
        while start < body.count || pieces.isEmpty {
            let room: Int
            if pieces.isEmpty {
                room = firstRoom
            } else {
                let chunkHeaders = MessageChunk(messageID: messageID, part: .continuation(index: pieces.count)).headers
                room = maximumPayload - MIMEMessage(headers: chunkHeaders).bytes.readableBytes
            }
            guard room > 0, pieces.count < 9999 else { return nil }
            var end = min(body.count, start + room)
            // Never cut inside a UTF-8 sequence (continuation bytes are 10xxxxxx).
            while end < body.count, end > start, body[end] & 0xC0 == 0x80 { end -= 1 }
            if end == start, start < body.count { end = min(body.count, start + room) }
            pieces.append(body[start..<end])
            start = end
        }
        return pieces.enumerated().map { index, piece in
            var buffer = ByteBuffer()
            buffer.writeBytes(piece)
            if index == 0 {
                let marks = MessageChunk(messageID: messageID, part: .first(totalChunks: pieces.count)).headers
                return MIMEMessage(headers: headers + marks, body: buffer)
            }
            return MIMEMessage(headers: MessageChunk(messageID: messageID, part: .continuation(index: index)).headers,
                               body: buffer)
        }
    }
}
