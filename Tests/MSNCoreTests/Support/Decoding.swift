import MSNCore
import NIOCore

/// Decoding helpers shared by the tests.
enum Decoding {
    /// Decodes all of `bytes` as one stream, feeding it in reads of the sizes `chunks` yields,
    /// and requires the stream to end on a frame boundary.
    static func frames(_ bytes: [UInt8], sender: Role, dialect: Dialect? = nil, limits: FrameLimits = .default,
                       chunks: some Sequence<Int> = [Int.max]) throws -> [Frame] {
        var decoder = FrameDecoder(sender: sender, dialect: dialect, limits: limits)
        var buffer = ByteBuffer()
        var frames: [Frame] = []
        var index = 0
        var sizes = chunks.makeIterator()
        while index < bytes.count {
            let size = max(1, sizes.next() ?? Int.max)
            let end = index + min(size, bytes.count - index)
            buffer.writeBytes(bytes[index..<end])
            index = end
            while let frame = try decoder.decode(buffer: &buffer) { frames.append(frame) }
        }
        while let frame = try decoder.decodeLast(buffer: &buffer, seenEOF: true) { frames.append(frame) }
        return frames
    }

    static func frames(_ text: String, sender: Role, dialect: Dialect? = nil, limits: FrameLimits = .default,
                       chunks: some Sequence<Int> = [Int.max]) throws -> [Frame] {
        try frames(Array(text.utf8), sender: sender, dialect: dialect, limits: limits, chunks: chunks)
    }

    /// The one frame of a line (CR LF is added when missing).
    static func frame(_ line: String, sender: Role, dialect: Dialect? = nil) throws -> Frame {
        let text = line.hasSuffix("\r\n") || line.contains("\r\n") ? line : line + "\r\n"
        let frames = try frames(text, sender: sender, dialect: dialect)
        precondition(frames.count == 1, "\(line) is \(frames.count) frames")
        return frames[0]
    }

    /// The bytes of `frames` encoded back to back.
    static func encode(_ frames: [Frame]) -> [UInt8] {
        var buffer = ByteBuffer()
        for frame in frames { buffer.writeFrame(frame) }
        return Array(buffer.readableBytesView)
    }

    /// The framing error decoding `bytes` gives, if any.
    static func error(_ bytes: [UInt8], sender: Role = .server, dialect: Dialect? = nil,
                      limits: FrameLimits = .default, chunks: [Int] = [Int.max]) -> FramingError? {
        do {
            _ = try frames(bytes, sender: sender, dialect: dialect, limits: limits, chunks: chunks)
            return nil
        } catch let error as FramingError {
            return error
        } catch {
            return nil
        }
    }
}

extension Decoding {
    /// The offset of the first byte where `a` and `b` differ, `nil` when equal (keeps failure
    /// messages short for long streams).
    static func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> Int? {
        if let index = zip(a, b).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset { return index }
        return a.count == b.count ? nil : min(a.count, b.count)
    }

    /// A description of the first frame where `a` and `b` differ, `nil` when equal.
    static func firstDifference(_ a: [Frame], _ b: [Frame]) -> String? {
        for index in 0..<min(a.count, b.count) where a[index] != b[index] {
            return "frame \(index): \(a[index]) ≠ \(b[index])"
        }
        return a.count == b.count ? nil : "\(a.count) frames ≠ \(b.count) frames"
    }
}
