/// The font, effects and colour of a text message: the `X-MMS-IM-Format` header.
///
/// ```
/// X-MMS-IM-Format: FN=Segoe%20UI; EF=BI; CO=ff0000; CS=0; PF=22
/// ```
/// `FN` is the URL-encoded font name, `EF` any of `B` `I` `U` `S`, `CO` the colour as BGR hex
/// without leading zeros (`ff` is red, `ff0000` blue), `CS` the Windows charset and `PF` the
/// pitch-and-family byte, both hex; `RL=1` marks right-to-left text.
public struct TextFormat: Hashable, Sendable {
    /// Bold, italic, underline, strike-through.
    public struct Effects: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let bold = Effects(rawValue: 1)
        public static let italic = Effects(rawValue: 2)
        public static let underline = Effects(rawValue: 4)
        public static let strikethrough = Effects(rawValue: 8)
    }

    /// A colour, written on the wire as BGR hex.
    public struct Color: Hashable, Sendable {
        public var red: UInt8, green: UInt8, blue: UInt8
        public init(red: UInt8, green: UInt8, blue: UInt8) {
            self.red = red
            self.green = green
            self.blue = blue
        }
        public static let black = Color(red: 0, green: 0, blue: 0)

        /// `ff` → red, `ff0000` → blue.
        public init?(wire: some StringProtocol) {
            guard !wire.isEmpty, wire.utf8.count <= 6, let value = UInt32(wire, radix: 16) else { return nil }
            self.init(red: UInt8(value & 0xFF), green: UInt8(value >> 8 & 0xFF), blue: UInt8(value >> 16 & 0xFF))
        }
        /// The wire form: lower-case BGR hex without leading zeros.
        public var wire: String {
            String(UInt32(blue) << 16 | UInt32(green) << 8 | UInt32(red), radix: 16)
        }
    }

    /// The font name, decoded: `Segoe UI`.
    public var fontName: String
    public var effects: Effects
    public var color: Color
    /// The Windows charset (`CS`): 0 ANSI, 1 default, 0x80 Shift-JIS, 0xCC Cyrillic, …
    public var charset: UInt8
    /// The pitch-and-family byte (`PF`): 0x22 is a variable-pitch Swiss font.
    public var pitchAndFamily: UInt8
    /// `RL=1`: right-to-left text.
    public var rightToLeft: Bool

    public init(fontName: String = "Segoe UI", effects: Effects = [], color: Color = .black,
                charset: UInt8 = 0, pitchAndFamily: UInt8 = 0x22, rightToLeft: Bool = false) {
        self.fontName = fontName
        self.effects = effects
        self.color = color
        self.charset = charset
        self.pitchAndFamily = pitchAndFamily
        self.rightToLeft = rightToLeft
    }

    private static let effectLetters: [(Effects, Character)] =
        [(.bold, "B"), (.italic, "I"), (.underline, "U"), (.strikethrough, "S")]

    /// The header value: `FN=Segoe%20UI; EF=; CO=0; CS=0; PF=22`.
    public var headerValue: String {
        var effectsText = ""
        for (effect, letter) in TextFormat.effectLetters where effects.contains(effect) { effectsText.append(letter) }
        var text = "FN=\(URLEncoding.encode(fontName)); EF=\(effectsText); CO=\(color.wire)"
        text += "; CS=\(String(charset, radix: 16, uppercase: true)); PF=\(String(pitchAndFamily, radix: 16, uppercase: true))"
        if rightToLeft { text += "; RL=1" }
        return text
    }

    /// Reads a header value, leniently: fields may come in any order, with or without a space
    /// after `;`; unknown fields are ignored and missing ones take their defaults.
    ///
    /// - Throws: ``MIMEError`` (``MIMEError/Code/invalidHeaderValue``) for an undecodable font
    ///   name or a malformed number.
    public init(headerValue: String) throws(MIMEError) {
        self.init(fontName: "", pitchAndFamily: 0)
        for field in headerValue.split(separator: ";") {
            let pair = field.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = MIMEMessage.trimmed(pair[0]).uppercased()
            let value = pair.count > 1 ? MIMEMessage.trimmed(pair[1]) : ""
            switch key {
            case "FN":
                do { fontName = try URLEncoding.decode(value) } catch {
                    throw TextFormat.invalid("font name \(value.prefix(32)): \(error.detail)")
                }
            case "EF":
                for letter in value.uppercased() {
                    guard let effect = TextFormat.effectLetters.first(where: { $0.1 == letter })?.0 else { continue }
                    effects.insert(effect)
                }
            case "CO":
                guard let parsed = Color(wire: value) else { throw TextFormat.invalid("colour \(value.prefix(16))") }
                color = parsed
            case "CS":
                guard let parsed = UInt8(value, radix: 16) else { throw TextFormat.invalid("charset \(value.prefix(16))") }
                charset = parsed
            case "PF":
                guard let parsed = UInt8(value, radix: 16) else { throw TextFormat.invalid("pitch and family \(value.prefix(16))") }
                pitchAndFamily = parsed
            case "RL":
                rightToLeft = value == "1"
            default:
                continue
            }
        }
    }

    private static func invalid(_ detail: String) -> MIMEError {
        MIMEError(.invalidHeaderValue, offset: 0, detail: "X-MMS-IM-Format: \(detail)")
    }
}
