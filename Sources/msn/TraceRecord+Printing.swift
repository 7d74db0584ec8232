import MSNClient

extension TraceRecord {
    /// The record as `msn login --trace` prints it: `>>> ` or `<<< ` and the line, then each
    /// payload line indented by four spaces; no trailing line feed.
    ///
    /// ```
    /// >>> VER 1 MSNP13 CVR0
    /// <<< VER 1 MSNP13 CVR0
    /// ```
    var printedLines: [String] {
        var lines = [(direction == .sent ? ">>> " : "<<< ") + line]
        if let payload, !payload.isEmpty {
            var body = payload.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            if body.last?.isEmpty == true { body.removeLast() }
            lines += body.map { "    " + $0 }
        }
        return lines
    }
}
