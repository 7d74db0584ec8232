import NIOCore

extension ByteBuffer {
    /// Writes `message` as an `MSG` payload: each header line, the empty line, the body.
    ///
    /// ```
    /// MIME-Version: 1.0\r\nContent-Type: text/x-msnmsgr-datacast\r\n\r\nID: 1\r\n\r\n
    /// ```
    /// A message read with ``MIMEMessage/init(parsing:limits:)`` is written back byte for byte;
    /// headers made in code are written `Name: value\r\n`.
    /// - Returns: the number of bytes written.
    @discardableResult
    public mutating func writeMIMEMessage(_ message: MIMEMessage) -> Int {
        let start = writerIndex
        for header in message.headers {
            writeString(header.name)
            writeInteger(UInt8(ascii: ":"))
            if let spacing = header.spacing {
                writeString(spacing)
            } else if !header.value.isEmpty {
                writeInteger(UInt8(ascii: " "))
            }
            writeString(header.value)
            writeLineEnd(bare: header.endsWithBareLF)
        }
        writeLineEnd(bare: message.separatorIsBareLF)
        writeImmutableBuffer(message.body)
        return writerIndex - start
    }

    private mutating func writeLineEnd(bare: Bool) {
        if bare {
            writeInteger(UInt8(ascii: "\n"))
        } else {
            writeInteger(UInt16(0x0D0A))
        }
    }
}

extension MIMEMessage {
    /// The payload bytes of this message.
    public var bytes: ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeMIMEMessage(self)
        return buffer
    }

    /// The payload as text (for logs and tests).
    public var text: String { String(buffer: bytes) }
}
