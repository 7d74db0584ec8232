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
        if isPrintableText(payload) {
            var lines = payload.readableBytesView.split(separator: 0x0A, omittingEmptySubsequences: false)
            if lines.last?.isEmpty == true { lines.removeLast() }
            for var payloadLine in lines {
                if payloadLine.last == 0x0D { payloadLine = payloadLine.dropLast() }
                line += "    " + String(decoding: payloadLine, as: UTF8.self) + "\n"
            }
        } else {
            let preview = payload.readableBytesView.prefix(32).map { hex($0).dropFirst(2) }.joined(separator: " ")
            line += "    (binary) \(preview)\(payload.readableBytes > 32 ? " …" : "")\n"
        }
        return line
    }

    /// Whether the payload is UTF-8 text without control bytes other than tab, CR and LF.
    private static func isPrintableText(_ payload: ByteBuffer) -> Bool {
        let controls = payload.readableBytesView.contains { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0x7F }
        return !controls && String(validating: payload.readableBytesView, as: UTF8.self) != nil
    }
}
