import NIOCore

extension StreamInspector {
    /// One frame as text: verb, transaction id, parameters, payload length, then a text
    /// payload indented by four spaces (a binary one as a hex preview).
    ///
    /// ```
    /// MSG  Hotmail Hotmail  payload=1441
    ///     MIME-Version: 1.0
    ///     Content-Type: text/x-msmsgsprofile; charset=UTF-8
    /// ```
    /// An empty parameter is shown as `""`.
    public static func render(_ frame: Frame) -> String {
        var line = frame.verb.description
        if let transactionID = frame.transactionID { line += "  trid=\(transactionID)" }
        if !frame.arguments.isEmpty {
            line += "  " + frame.arguments.map { $0.isEmpty ? "\"\"" : String($0) }.joined(separator: " ")
        }
        guard let payload = frame.payload else { return line + "\n" }
        line += "  payload=\(payload.readableBytes)\n"
        guard payload.readableBytes > 0 else { return line }
        if let text = printableText(payload) {
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            if lines.last == "" { lines.removeLast() }
            for payloadLine in lines {
                line += "    " + (payloadLine.hasSuffix("\r") ? payloadLine.dropLast() : payloadLine) + "\n"
            }
        } else {
            let preview = payload.readableBytesView.prefix(32).map { hex($0).dropFirst(2) }.joined(separator: " ")
            line += "    (binary) \(preview)\(payload.readableBytes > 32 ? " …" : "")\n"
        }
        return line
    }

    /// The payload as text when it is UTF-8 without control bytes other than tab, CR and LF.
    private static func printableText(_ payload: ByteBuffer) -> String? {
        let controls = payload.readableBytesView.contains { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0x7F }
        guard !controls else { return nil }
        return String(validating: payload.readableBytesView, as: UTF8.self)
    }
}
