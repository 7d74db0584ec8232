extension StringProtocol {
    /// The text with `&`, `<`, `>`, `"` and `'` replaced by entity references, safe inside XML
    /// text and attribute values: `t=abc&p=def` → `t=abc&amp;p=def`.
    public var xmlEscaped: String {
        var escaped = ""
        escaped.reserveCapacity(utf8.count)
        for character in unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }
}
