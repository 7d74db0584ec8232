import MSNCore
import NIOCore
import Testing

@Suite struct MIMEMessageTests {
    static let text = "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
        + "X-MMS-IM-Format: FN=Segoe%20UI; EF=; CO=0; CS=1; PF=0\r\n\r\nHello Bob, this is alice over MSNP2 (probe)"

    @Test func parsesHeadersAndBody() throws {
        let message = try MIMEMessage(parsing: Self.text)
        #expect(message.headers.map(\.name) == ["MIME-Version", "Content-Type", "X-MMS-IM-Format"])
        #expect(message["content-type"] == "text/plain; charset=UTF-8")
        #expect(message["CONTENT-TYPE"] == message.contentType)
        #expect(message.mediaType == "text/plain")
        #expect(message.contentTypeParameter("Charset") == "UTF-8")
        #expect(message.bodyText == "Hello Bob, this is alice over MSNP2 (probe)")
        #expect(message.text == Self.text)
        #expect(message["X-Missing"] == nil)
    }

    @Test(arguments: [
        "A: 1\r\n\r\n",
        "A:1\nB:  two \r\n\nbody\r\n",
        "preferredEmail:\r\ncountry: \r\nX:\t\ttab\r\n\r\n",
        "\r\nbody only",
        "\n",
        "A: 1\r\nA: 2\r\n\r\n\u{0}\u{1}binary\u{FF}",
    ])
    func serializesExactlyWhatWasParsed(_ text: String) throws {
        let message = try MIMEMessage(parsing: text)
        #expect(message.text == text)
        #expect(try MIMEMessage(parsing: message.bytes) == message)
    }

    @Test func headersAreOrderedAndEditable() throws {
        var message = try MIMEMessage(parsing: "A: 1\r\nB: 2\r\na: 3\r\n\r\n")
        #expect(message.values(for: "A") == ["1", "3"])
        message.setValue("9", for: "b")
        message.setValue("new", for: "C")
        message.removeValues(for: "a")
        #expect(message.text == "B: 9\r\nC: new\r\n\r\n")
    }

    @Test(arguments: [
        ("MIME-Version 1.0\r\n\r\n", MIMEError.Code.malformedHeader, 0),
        (": no name\r\n\r\n", .malformedHeader, 0),
        ("A B: c\r\n\r\n", .malformedHeader, 0),
        ("A: 1\r\nB: x\ry\r\n\r\n", .controlCharacter, 6),
        ("A: \u{0}\r\n\r\n", .controlCharacter, 0),
        ("A: 1\r\nB: 2\r\n", .missingBlankLine, 12),
        ("A: 1", .missingBlankLine, 0),
    ])
    func rejectsMalformedHeaders(text: String, code: MIMEError.Code, offset: Int) {
        let error = #expect(throws: MIMEError.self) { try MIMEMessage(parsing: text) }
        #expect(error?.code == code && error?.offset == offset, "\(String(describing: error))")
    }

    @Test func rejectsInvalidUTF8InAValue() {
        var bytes = ByteBuffer(string: "TypingUser: b")
        bytes.writeBytes([0xFF, 0xFE])
        bytes.writeString("\r\n\r\n")
        let error = #expect(throws: MIMEError.self) { try MIMEMessage(parsing: bytes) }
        #expect(error?.code == .invalidUTF8)
    }

    @Test func limitsHeaderCountAndLength() {
        let many = String(repeating: "A: 1\r\n", count: 65) + "\r\n"
        #expect(throws: MIMEError.self) { try MIMEMessage(parsing: many) }
        #expect((try? MIMEMessage(parsing: many, limits: MIMELimits(maximumHeaderCount: 65))) != nil)
        let long = "A: " + String(repeating: "x", count: 9000) + "\r\n\r\n"
        let error = #expect(throws: MIMEError.self) { try MIMEMessage(parsing: long) }
        #expect(error?.code == .headerTooLong)
        let unterminated = "A: " + String(repeating: "x", count: 9000)
        #expect((#expect(throws: MIMEError.self) { try MIMEMessage(parsing: unterminated) })?.code == .headerTooLong)
        let small = MIMELimits(maximumHeaderCount: 2, maximumHeaderLength: 8)
        #expect((#expect(throws: MIMEError.self) { try MIMEMessage(parsing: "A: 1\r\nB: 2\r\nC: 3\r\n\r\n", limits: small) })?.code
            == .tooManyHeaders)
        #expect((try? MIMEMessage(parsing: "A: 123\r\n\r\n", limits: small)) != nil)
        #expect((try? MIMEMessage(parsing: "A: 123456\r\n\r\n", limits: small)) == nil)
    }

    @Test func bodyIsASliceNotACopy() throws {
        var payload = ByteBuffer(string: "A: 1\r\n\r\n")
        payload.writeBytes([UInt8](repeating: 7, count: 100))
        let message = try MIMEMessage(parsing: payload)
        #expect(message.body.readableBytes == 100)
        #expect(message.body.readableBytesView.allSatisfy { $0 == 7 })
    }
}
