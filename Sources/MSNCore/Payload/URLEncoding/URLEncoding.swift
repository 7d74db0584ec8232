/// Percent-encoding of the parameters that may hold spaces or any text: friendly names, group
/// names, MSN objects, font names in `X-MMS-IM-Format`.
///
/// ```
/// NLN NLN bob@example.com Bob%20Smith 0        → "Bob Smith"
/// ILN 7 NLN bob@passport.com Bob 1073741824 %3Cmsnobj%20Creator%3D%22bob%40passport.com%22%2F%3E
/// ```
/// Decoding turns every `%XX` into its byte and requires the result to be UTF-8; `+` stays a
/// plus sign (this is not HTML form encoding). Only fields known to be encoded are decoded —
/// never e-mail addresses or transaction ids.
public enum URLEncoding {
    /// Which bytes ``encode(_:style:)`` escapes.
    public enum Style: Sendable, Hashable {
        /// `%`, space, control bytes (CR, LF, tab, NUL, DEL …) and every non-ASCII byte: what a
        /// command line cannot carry raw, as clients write friendly names. `Bob%20Smith`.
        case minimal
        /// Everything but ASCII letters, digits and `-._~`, as Messenger writes MSN objects:
        /// `%3Cmsnobj%20Creator%3D%22bob%40passport.com%22%2F%3E`.
        case allReserved
    }

    /// Decodes percent-escapes.
    ///
    /// ```
    /// Bob%20%26%20Alice   → "Bob & Alice"
    /// %E2%99%A5           → "♥"
    /// ```
    /// - Throws: ``URLEncodingError`` for a `%` not followed by two hex digits, or bytes that are
    ///   not UTF-8 once decoded.
    public static func decode(_ text: some StringProtocol) throws(URLEncodingError) -> String {
        let utf8 = text.utf8
        guard utf8.contains(UInt8(ascii: "%")) else {
            return String(text)  // a Swift string is always valid UTF-8
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var iterator = utf8.makeIterator()
        var offset = 0
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                offset += 1
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                throw URLEncodingError(.invalidPercentSequence, offset: offset,
                                       detail: "'%' at offset \(offset) is not followed by two hex digits")
            }
            bytes.append(high << 4 | low)
            offset += 3
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw URLEncodingError(.invalidUTF8, offset: firstInvalidUTF8Offset(in: bytes),
                                   detail: "the decoded bytes are not UTF-8")
        }
        return decoded
    }

    /// Encodes `text` for a command line.
    ///
    /// ```
    /// encode("Bob Smith")                        → "Bob%20Smith"
    /// encode("100%\r\n")                         → "100%25%0D%0A"
    /// encode("<msnobj/>", style: .allReserved)   → "%3Cmsnobj%2F%3E"
    /// ```
    public static func encode(_ text: some StringProtocol, style: Style = .minimal) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { needsEscape($0, style: style) }) else { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            if needsEscape(byte, style: style) {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hexDigits[Int(byte >> 4)])
                bytes.append(hexDigits[Int(byte & 0x0F)])
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Decodes percent-escapes, or returns `text` unchanged when it is not a valid encoding —
    /// for reading peers that do not encode consistently (`100%` sent raw stays `100%`).
    public static func decodeLeniently(_ text: some StringProtocol) -> String {
        (try? decode(text)) ?? String(text)
    }

    /// `true` when `text` decodes without error.
    public static func isValid(_ text: some StringProtocol) -> Bool {
        (try? decode(text)) != nil
    }

    static func needsEscape(_ byte: UInt8, style: Style) -> Bool {
        switch style {
        case .minimal:
            return byte <= 0x20 || byte == UInt8(ascii: "%") || byte >= 0x7F
        case .allReserved:
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                return false
            default:
                return true
            }
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The index of the first byte that starts an invalid UTF-8 sequence (for error messages).
    private static func firstInvalidUTF8Offset(in bytes: [UInt8]) -> Int {
        var index = 0
        while index < bytes.count {
            let length = bytes[index] < 0x80 ? 1 : bytes[index] >= 0xF0 ? 4 : bytes[index] >= 0xE0 ? 3 : 2
            let end = min(bytes.count, index + length)
            if String(validating: bytes[index..<end], as: UTF8.self) == nil { return index }
            index = end
        }
        return index
    }
}
