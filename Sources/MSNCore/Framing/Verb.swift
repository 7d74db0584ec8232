/// The command name at the start of every line: three upper-case letters (`VER`, `USR`,
/// `MSG`) or, for an error reply, three digits (`911`).
///
/// Stored as its three ASCII bytes, so comparing and hashing verbs costs no allocation.
///
/// ```
/// USR 3 TWN I alice@example.com      → Verb("USR")
/// 911 4                              → Verb("911"), isError == true
/// ```
public struct Verb: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    @usableFromInline
    let packed: UInt32

    /// Creates a verb from its three ASCII bytes without validation.
    @inlinable
    init(_ a: UInt8, _ b: UInt8, _ c: UInt8) {
        packed = UInt32(a) << 16 | UInt32(b) << 8 | UInt32(c)
    }

    /// Parses a verb: exactly three upper-case ASCII letters or three ASCII digits.
    public init?(_ text: some StringProtocol) {
        var iterator = text.utf8.makeIterator()
        guard let a = iterator.next(), let b = iterator.next(), let c = iterator.next(),
              iterator.next() == nil
        else { return nil }
        self.init(bytes: a, b, c)
    }

    /// Parses the first token of a line without allocating.
    @inlinable
    init?(token: Substring) {
        let utf8 = token.utf8
        guard utf8.count == 3 else { return nil }
        var index = utf8.startIndex
        let a = utf8[index]
        utf8.formIndex(after: &index)
        let b = utf8[index]
        utf8.formIndex(after: &index)
        self.init(bytes: a, b, utf8[index])
    }

    /// Parses a verb from three bytes of a line.
    @inlinable
    public init?(bytes a: UInt8, _ b: UInt8, _ c: UInt8) {
        let letters = Verb.isUpper(a) && Verb.isUpper(b) && Verb.isUpper(c)
        let digits = Verb.isDigit(a) && Verb.isDigit(b) && Verb.isDigit(c)
        guard letters || digits else { return nil }
        self.init(a, b, c)
    }

    public init(stringLiteral value: StaticString) {
        guard value.utf8CodeUnitCount == 3 else { preconditionFailure("a verb has three characters") }
        let p = value.utf8Start
        guard let verb = Verb(bytes: p[0], p[1], p[2]) else {
            preconditionFailure("a verb is three upper-case letters or three digits")
        }
        self = verb
    }

    /// The three bytes, for writing to the wire.
    @inlinable
    public var bytes: (UInt8, UInt8, UInt8) {
        (UInt8(truncatingIfNeeded: packed >> 16), UInt8(truncatingIfNeeded: packed >> 8),
         UInt8(truncatingIfNeeded: packed))
    }

    /// `true` for a numeric error reply such as `911`.
    @inlinable
    public var isError: Bool { Verb.isDigit(bytes.0) }

    /// The numeric value of an error verb (`911` → 911), `nil` for a command verb.
    public var errorNumber: Int? {
        guard isError else { return nil }
        let (a, b, c) = bytes
        return Int(a - 48) * 100 + Int(b - 48) * 10 + Int(c - 48)
    }

    public var description: String {
        let (a, b, c) = bytes
        return String(decoding: [a, b, c], as: UTF8.self)
    }

    @inlinable static func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
    @inlinable static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
}

extension Verb {
    // The verbs of MSNP2–MSNP18, named as on the wire.
    public static let abd: Verb = "ABD", acc: Verb = "ACC", ack: Verb = "ACK", adc: Verb = "ADC"
    public static let add: Verb = "ADD", adg: Verb = "ADG", adl: Verb = "ADL", ans: Verb = "ANS"
    public static let blp: Verb = "BLP", bpr: Verb = "BPR", bye: Verb = "BYE", cal: Verb = "CAL"
    public static let chg: Verb = "CHG", chl: Verb = "CHL", cvq: Verb = "CVQ", cvr: Verb = "CVR"
    public static let del: Verb = "DEL", fln: Verb = "FLN", fnd: Verb = "FND", fqy: Verb = "FQY"
    public static let gcf: Verb = "GCF", gtc: Verb = "GTC", iln: Verb = "ILN", inf: Verb = "INF"
    public static let ipg: Verb = "IPG", iro: Verb = "IRO", joi: Verb = "JOI", lsg: Verb = "LSG"
    public static let lst: Verb = "LST", msg: Verb = "MSG", nak: Verb = "NAK", nfy: Verb = "NFY"
    public static let nln: Verb = "NLN", not: Verb = "NOT", out: Verb = "OUT", pag: Verb = "PAG"
    public static let pgd: Verb = "PGD", png: Verb = "PNG", prp: Verb = "PRP", put: Verb = "PUT"
    public static let qng: Verb = "QNG", qry: Verb = "QRY", rea: Verb = "REA", reg: Verb = "REG"
    public static let rem: Verb = "REM", rfs: Verb = "RFS", rml: Verb = "RML", rmg: Verb = "RMG"
    public static let rng: Verb = "RNG", sbp: Verb = "SBP", sbs: Verb = "SBS", sdc: Verb = "SDC"
    public static let sdg: Verb = "SDG", syn: Verb = "SYN", ubm: Verb = "UBM", ubn: Verb = "UBN"
    public static let ubx: Verb = "UBX", url: Verb = "URL", usr: Verb = "USR", uum: Verb = "UUM"
    public static let uun: Verb = "UUN", uux: Verb = "UUX", vas: Verb = "VAS", ver: Verb = "VER"
    public static let xfr: Verb = "XFR"
}
