import NIOCore

extension ByteBuffer {
    /// Writes `frame` as a peer writes it: `VERB[ TrID][ arg…][ length]\r\n` then the payload.
    ///
    /// ```
    /// Frame(verb: .uux, transactionID: 12, arguments: [], payload: empty)  →  "UUX 12 0\r\n"
    /// ```
    /// - Returns: the number of bytes written.
    @discardableResult
    public mutating func writeFrame(_ frame: Frame) -> Int {
        let start = writerIndex
        let (a, b, c) = frame.verb.bytes
        writeInteger(a)
        writeInteger(b)
        writeInteger(c)
        if let transactionID = frame.transactionID {
            writeInteger(UInt8(ascii: " "))
            writeDecimal(Int(transactionID.rawValue))
        }
        for argument in frame.arguments {
            writeInteger(UInt8(ascii: " "))
            writeSubstring(argument)
        }
        if let payload = frame.payload {
            writeInteger(UInt8(ascii: " "))
            writeDecimal(payload.readableBytes)
            writeInteger(UInt16(0x0D0A))
            writeImmutableBuffer(payload)
        } else {
            writeInteger(UInt16(0x0D0A))
        }
        return writerIndex - start
    }

    /// Writes a non-negative integer in decimal without allocating.
    @usableFromInline
    mutating func writeDecimal(_ value: Int) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var remaining = value
        var count = 0
        withUnsafeMutableBytes(of: &digits) { storage in
            repeat {
                storage[19 - count] = UInt8(48 + remaining % 10)
                remaining /= 10
                count += 1
            } while remaining > 0
            writeBytes(UnsafeRawBufferPointer(rebasing: storage[(20 - count)...]))
        }
    }
}

/// Encodes ``Frame``s in a channel pipeline.
public struct FrameEncoder: MessageToByteEncoder, Sendable {
    public typealias OutboundIn = Frame
    public init() {}
    public func encode(data: Frame, out: inout ByteBuffer) throws {
        out.writeFrame(data)
    }
}
