import MSNCore
import Testing

@Suite struct URLEncodingTests {
    @Test(arguments: [
        ("Bob%20Smith", "Bob Smith"),
        ("Bob", "Bob"),
        ("100%25", "100%"),
        ("a+b", "a+b"),
        ("%e2%99%a5%E2%99%A5", "♥♥"),
        ("caf%C3%A9", "café"),
        ("café", "café"),
        ("%0D%0A", "\r\n"),
        ("%3Cmsnobj%2F%3E", "<msnobj/>"),
        ("", ""),
    ])
    func decodes(encoded: String, decoded: String) throws {
        #expect(try URLEncoding.decode(encoded) == decoded)
    }

    @Test(arguments: [
        ("%", URLEncodingError.Code.invalidPercentSequence, 0),
        ("Bob%2", .invalidPercentSequence, 3),
        ("Bob%G0", .invalidPercentSequence, 3),
        ("a%20b%zz", .invalidPercentSequence, 5),
        ("Bob%FF", .invalidUTF8, 3),
        ("%C3%28", .invalidUTF8, 0),
        ("ok%ED%A0%80", .invalidUTF8, 2),
    ])
    func rejects(encoded: String, code: URLEncodingError.Code, offset: Int) {
        let error = #expect(throws: URLEncodingError.self) { try URLEncoding.decode(encoded) }
        #expect(error?.code == code && error?.offset == offset, "\(String(describing: error))")
        #expect(!URLEncoding.isValid(encoded))
    }

    @Test(arguments: [
        ("Bob Smith", URLEncoding.Style.minimal, "Bob%20Smith"),
        ("100%\r\n", .minimal, "100%25%0D%0A"),
        ("tab\there\u{0}\u{7F}", .minimal, "tab%09here%00%7F"),
        ("café ♥", .minimal, "caf%C3%A9%20%E2%99%A5"),
        ("<a=\"b@c\"/>", .minimal, "<a=\"b@c\"/>"),
        ("<msnobj Creator=\"bob@passport.com\"/>", .allReserved, "%3Cmsnobj%20Creator%3D%22bob%40passport.com%22%2F%3E"),
        ("TFRDDF.dat-_~", .allReserved, "TFRDDF.dat-_~"),
        ("AAA=+/", .allReserved, "AAA%3D%2B%2F"),
    ])
    func encodes(text: String, style: URLEncoding.Style, expected: String) throws {
        #expect(URLEncoding.encode(text, style: style) == expected)
        #expect(try URLEncoding.decode(expected) == text)
    }

    @Test func randomTextRoundTrips() throws {
        var generator = SeededGenerator(seed: 99)
        let scalars = Array("aZ09 %+&=<>\"'/\\\r\n\t\u{0}\u{7F}é♥😀ß".unicodeScalars)
        for _ in 0..<500 {
            let text = String(String.UnicodeScalarView((0..<Int.random(in: 0..<30, using: &generator)).map { _ in
                scalars.randomElement(using: &generator)!
            }))
            for style in [URLEncoding.Style.minimal, .allReserved] {
                let encoded = URLEncoding.encode(text, style: style)
                #expect(!encoded.utf8.contains { $0 <= 0x20 || $0 >= 0x7F })
                #expect(try URLEncoding.decode(encoded) == text)
            }
        }
    }

    @Test func encodedNamesKeepTheirWireForm() throws {
        let name = try URLEncodedName(encoded: "Bob%20%41")
        #expect(name.decoded == "Bob A" && name.encoded == "Bob%20%41")
        #expect(name != URLEncodedName("Bob A"))
        #expect(URLEncodedName("Bob A").encoded == "Bob%20A")
        #expect(URLEncodedName("<x/>", style: .allReserved).encoded == "%3Cx%2F%3E")
        #expect(throws: URLEncodingError.self) { try URLEncodedName(encoded: "B%FFob") }
    }
}
