import NIOCore

extension ByteBuffer {
    /// Writes `frame` as a peer writes it: `VERB[ TrID][ arg…][ length]\r\n` then the payload.
    ///
    /// ```
    /// Frame(verb: .uux, transactionID: 12, arguments: [], payload: empty)  →  "UUX 12 0\r\n"
    /// ```
    /// - Returns: the number of bytes written.
    ///
    /// The line is measured first and written with one capacity check, then the payload is
    /// appended; nothing is allocated once the buffer has room.
    @discardableResult
    public mutating func writeFrame(_ frame: Frame) -> Int {
        let start = writerIndex
        let transactionID = frame.transactionID.map { Int($0.rawValue) }
        let payloadLength = frame.payload?.readableBytes
        var lineLength = 3 + 2
        if let transactionID { lineLength += 1 + ByteBuffer.decimalDigits(transactionID) }
        for argument in frame.arguments { lineLength += 1 + argument.utf8.count }
        if let payloadLength { lineLength += 1 + ByteBuffer.decimalDigits(payloadLength) }
        reserveCapacity(minimumWritableBytes: lineLength + (payloadLength ?? 0))
        writeWithUnsafeMutableBytes(minimumWritableBytes: lineLength) { out in
            let (a, b, c) = frame.verb.bytes
            out[0] = a
            out[1] = b
            out[2] = c
            var position = 3
            if let transactionID {
                out[position] = UInt8(ascii: " ")
                position = ByteBuffer.storeDecimal(transactionID, into: out, at: position + 1)
            }
            for argument in frame.arguments {
                out[position] = UInt8(ascii: " ")
                position += 1
                let copied = argument.utf8.withContiguousStorageIfAvailable { bytes -> Int in
                    UnsafeMutableRawBufferPointer(rebasing: out[position...]).copyMemory(from: UnsafeRawBufferPointer(bytes))
                    return bytes.count
                }
                if let copied {
                    position += copied
                } else {
                    for byte in argument.utf8 {
                        out[position] = byte
                        position += 1
                    }
                }
            }
            if let payloadLength {
                out[position] = UInt8(ascii: " ")
                position = ByteBuffer.storeDecimal(payloadLength, into: out, at: position + 1)
            }
            out[position] = 0x0D
            out[position + 1] = 0x0A
            return position + 2
        }
        if let payload = frame.payload { writeImmutableBuffer(payload) }
        return writerIndex - start
    }

    /// How many digits `value` (non-negative) has in decimal.
    static func decimalDigits(_ value: Int) -> Int {
        var digits = 1
        var remaining = value / 10
        while remaining > 0 {
            digits += 1
            remaining /= 10
        }
        return digits
    }

    /// Stores `value` (non-negative) in decimal at `position`; returns the position after it.
    static func storeDecimal(_ value: Int, into out: UnsafeMutableRawBufferPointer, at position: Int) -> Int {
        let end = position + decimalDigits(value)
        var remaining = value
        var index = end
        repeat {
            index -= 1
            out[index] = UInt8(48 + remaining % 10)
            remaining /= 10
        } while remaining > 0
        return end
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
