import MSNCore

/// One command of a transcript, with its payload: the bytes one side wrote.
///
/// ```
///    2.175 [A-SB] C> MSG 3 U 90
///          [A-SB] C>|MIME-Version: 1.0\r\n
/// ```
public struct TranscriptEvent: Hashable, Sendable {
    /// Who wrote it.
    public var sender: Role
    /// The command line as written in the transcript, without its CR LF.
    public var line: String
    /// The payload bytes that followed the line, with `\r\n` / `\n` escapes written out.
    public var payload: [UInt8]

    public init(sender: Role, line: String, payload: [UInt8] = []) {
        self.sender = sender
        self.line = line
        self.payload = payload
    }

    /// The bytes on the wire: the line, CR LF, the payload.
    public var bytes: [UInt8] { Array(line.utf8) + [0x0D, 0x0A] + payload }
}
