import MSNCore
import NIOCore

/// Turns server lines, as written in the transcripts, into frames with the real decoder.
enum ServerLines {
    /// One line (`CR LF` added) and an optional payload, decoded as the server sends it.
    static func frame(_ line: String, payload: String? = nil, dialect: Dialect? = nil) -> Frame {
        var buffer = ByteBuffer(string: line + "\r\n" + (payload ?? ""))
        var decoder = FrameDecoder(sender: .server, dialect: dialect)
        do {
            guard let frame = try decoder.decode(buffer: &buffer) else {
                fatalError("incomplete frame: \(line)")
            }
            return frame
        } catch {
            fatalError("undecodable line \(line): \(error)")
        }
    }
}
