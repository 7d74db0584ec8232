import Foundation
import MSNCore
import NIOCore

/// The benchmark's input: the frames of every transcript in `../shared/transcripts/escargot`,
/// notification and switchboard connections interleaved in the order they were captured, cut
/// into streams of exactly `frameCount` frames per role.
struct Workload: Sendable {
    static let frameCount = 1000

    /// `frameCount` frames written by servers, encoded back to back.
    var serverStream: ByteBuffer
    /// `frameCount` frames written by clients.
    var clientStream: ByteBuffer
    var serverFrames: [Frame]
    /// The `MSG` payloads among the server frames.
    var messagePayloads: [ByteBuffer]

    static let shared = Workload()

    init() {
        let directory = Workload.transcriptDirectory()
        var server: [UInt8] = []
        var client: [UInt8] = []
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
        for name in names {
            let text = (try? String(contentsOfFile: directory + "/" + name, encoding: .utf8)) ?? ""
            let (c, s) = Workload.streams(of: text)
            client += c
            server += s
        }
        let serverAll = Workload.decode(server, sender: .server)
        let clientAll = Workload.decode(client, sender: .client)
        precondition(serverAll.count > 100 && clientAll.count > 100, "no transcripts found in \(directory)")
        serverFrames = (0..<Workload.frameCount).map { serverAll[$0 % serverAll.count] }
        let clientFrames = (0..<Workload.frameCount).map { clientAll[$0 % clientAll.count] }
        serverStream = Workload.encode(serverFrames)
        clientStream = Workload.encode(clientFrames)
        messagePayloads = serverFrames.filter { $0.verb == .msg }.compactMap(\.payload)
    }

    /// `../shared/transcripts/escargot`, found by walking up from this file.
    static func transcriptDirectory() -> String {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("shared/transcripts/escargot").path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return ProcessInfo.processInfo.environment["MSN_SHARED_DIR"].map { $0 + "/transcripts/escargot" } ?? "shared"
    }

    /// The client and server bytes of a transcript, all connections in capture order
    /// (`[A-NS] C> line`, `[A-NS] C>|payload` with `\r\n` written out; HTTP skipped).
    static func streams(of text: String) -> (client: [UInt8], server: [UInt8]) {
        var client: [UInt8] = []
        var server: [UInt8] = []
        for line in text.split(separator: "\n") {
            guard let open = line.firstIndex(of: "["), let close = line.firstIndex(of: "]"), open < close,
                  line[line.index(after: open)..<close] != "HTTP" else { continue }
            let traffic = line[line.index(after: close)...].dropFirst()
            guard traffic.count >= 3 else { continue }
            let isClient = traffic.hasPrefix("C>")
            guard isClient || traffic.hasPrefix("S<") else { continue }
            let rest = traffic.dropFirst(3)
            var bytes: [UInt8]
            switch traffic.dropFirst(2).first {
            case " ": bytes = Array(rest.utf8) + [0x0D, 0x0A]
            case "|": bytes = Array(rest.replacingOccurrences(of: "\\r", with: "\r").replacingOccurrences(of: "\\n", with: "\n").utf8)
            default: continue
            }
            if isClient { client += bytes } else { server += bytes }
        }
        return (client, server)
    }

    static func decode(_ bytes: [UInt8], sender: Role) -> [Frame] {
        var decoder = FrameDecoder(sender: sender)
        var buffer = ByteBuffer(bytes: bytes)
        var frames: [Frame] = []
        do {
            while let frame = try decoder.decode(buffer: &buffer) { frames.append(frame) }
        } catch {
            preconditionFailure("the transcripts do not decode: \(error)")
        }
        return frames
    }

    static func encode(_ frames: [Frame]) -> ByteBuffer {
        var buffer = ByteBuffer()
        for frame in frames { buffer.writeFrame(frame) }
        return buffer
    }
}
