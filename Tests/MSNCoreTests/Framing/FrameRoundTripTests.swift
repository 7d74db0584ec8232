import MSNCore
import NIOCore
import Testing

/// Generated frames — any verb, role and dialect, parameters and payloads at random — encode
/// and decode back to themselves.
@Suite struct FrameRoundTripTests {
    static let verbs: [Verb] = [
        .abd, .acc, .ack, .adc, .add, .adg, .adl, .ans, .blp, .bpr, .bye, .cal, .chg, .chl, .cvq, .cvr, .del, .fln,
        .fnd, .fqy, .gcf, .gtc, .iln, .inf, .ipg, .iro, .joi, .lsg, .lst, .msg, .nak, .nfy, .nln, .not, .out, .pag,
        .pgd, .png, .prp, .put, .qng, .qry, .rea, .reg, .rem, .rfs, .rml, .rmg, .rng, .sbp, .sbs, .sdc, .sdg, .syn,
        .ubm, .ubn, .ubx, .url, .usr, .uum, .uun, .uux, .vas, .ver, .xfr, "911", "241", "200",
    ]
    static let tokenCharacters = Array("abcXYZ019@.:;{}-_%=/+~é♥".unicodeScalars)

    static func token(_ generator: inout SeededGenerator, decimal: Bool = false) -> String {
        let count = Int.random(in: 1...12, using: &generator)
        if decimal { return String((0..<count).map { _ in "0123456789".randomElement(using: &generator)! }) }
        var text = String(String.UnicodeScalarView((0..<count).map { _ in tokenCharacters.randomElement(using: &generator)! }))
        if text.allSatisfy(\.isNumber) { text += "x" }
        return text
    }

    /// A frame that the decoder of `sender` and `dialect` reads back as itself.
    static func frame(_ generator: inout SeededGenerator, sender: Role, dialect: Dialect?) -> Frame {
        let verb = verbs.randomElement(using: &generator)!
        let rule = FramingRules.rule(for: verb, sender: sender, dialect: dialect)
        var frame = Frame(verb: verb)
        if rule.transactionID == .expected { frame.transactionID = TransactionID(UInt32.random(in: 0...UInt32.max, using: &generator)) }
        let count = Int.random(in: 0...8, using: &generator)
        frame.arguments = (0..<count).map { _ in
            Substring(token(&generator, decimal: Bool.random(using: &generator) && Bool.random(using: &generator)))
        }
        let withPayload: Bool = switch rule.payload {
        case .none: false
        case .always: true
        case .whenLastArgumentIsLength: Bool.random(using: &generator)
        }
        if withPayload {
            let length = Int.random(in: 0...300, using: &generator)
            frame.payload = ByteBuffer(bytes: (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) })
        } else {
            if rule.payload == .whenLastArgumentIsLength, let last = frame.arguments.last, last.allSatisfy(\.isNumber) {
                frame.arguments[frame.arguments.count - 1] += "x"
            }
            if rule.payload == .none, Int.random(in: 0..<5, using: &generator) == 0 { frame.arguments.append("") }
        }
        if rule.transactionID == .expected, frame.transactionID == nil, let first = frame.arguments.first,
           first.allSatisfy(\.isNumber) {
            frame.arguments[0] += "x"
        }
        return frame
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func generatedFramesRoundTrip(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        for sender in [Role.client, .server] {
            let dialect = Bool.random(using: &generator) ? nil : Dialect.allCases.randomElement(using: &generator)
            let frames = (0..<200).map { _ in Self.frame(&generator, sender: sender, dialect: dialect) }
            let bytes = Decoding.encode(frames)
            let sizes = (0..<bytes.count).map { _ in Int.random(in: 1...97, using: &generator) }
            let decoded = try Decoding.frames(bytes, sender: sender, dialect: dialect, chunks: sizes)
            #expect(Decoding.firstDifference(decoded, frames) == nil, "seed \(seed) \(sender)")
            #expect(Decoding.firstDifference(Decoding.encode(decoded), bytes) == nil, "seed \(seed) \(sender)")
        }
    }

    @Test func encoderWritesTheCanonicalLine() {
        var buffer = ByteBuffer()
        #expect(buffer.writeFrame(Frame(verb: .uux, transactionID: 12, arguments: [String](), payload: ByteBuffer())) == 10)
        buffer.writeFrame(Frame(verb: .png))
        buffer.writeFrame(Frame(verb: .msg, arguments: ["Hotmail", "Hotmail"], payloadText: "hi"))
        buffer.writeFrame(Frame(verb: .usr, transactionID: 4_294_967_295, arguments: ["TWN", "I", "a@b.c"]))
        #expect(String(buffer: buffer) == "UUX 12 0\r\nPNG\r\nMSG Hotmail Hotmail 2\r\nhiUSR 4294967295 TWN I a@b.c\r\n")
        #expect(Frame(verb: .msg, arguments: ["Hotmail", "Hotmail"], payloadText: "hi").line == "MSG Hotmail Hotmail 2")
    }
}
