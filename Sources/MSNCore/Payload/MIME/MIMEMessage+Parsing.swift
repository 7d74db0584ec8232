import NIOCore

extension MIMEMessage {
    /// Parses a payload: header lines up to an empty line, then the body.
    ///
    /// ```
    /// MIME-Version: 1.0\r\nContent-Type: text/x-msmsgscontrol\r\nTypingUser: alice@example.com\r\n\r\n\r\n
    /// ```
    /// Lines end with CR LF or a bare LF; each header is `name:value`, any spaces or tabs after
    /// the colon are spacing. Names are visible ASCII; values are UTF-8 without control bytes
    /// other than tab. The body is a slice of `payload`, not a copy.
    ///
    /// - Throws: ``MIMEError`` for a malformed or over-long header line, too many headers, or
    ///   a payload that ends before the empty line.
    public init(parsing payload: ByteBuffer, limits: MIMELimits = .default) throws(MIMEError) {
        let result: Result<(headers: [MIMEHeader], bodyStart: Int, bareLF: Bool), MIMEError> =
            payload.withUnsafeReadableBytes { bytes in
                MIMEMessage.parseHeaders(bytes, limits: limits)
            }
        let parsed = try result.get()
        self.init(headers: parsed.headers,
                  body: payload.getSlice(at: payload.readerIndex + parsed.bodyStart,
                                         length: payload.readableBytes - parsed.bodyStart) ?? ByteBuffer())
        self.separatorIsBareLF = parsed.bareLF
    }

    /// Parses the UTF-8 bytes of `text` (convenience for tests and tools).
    public init(parsing text: String, limits: MIMELimits = .default) throws(MIMEError) {
        try self.init(parsing: ByteBuffer(string: text), limits: limits)
    }

    private static func parseHeaders(_ bytes: UnsafeRawBufferPointer, limits: MIMELimits)
        -> Result<(headers: [MIMEHeader], bodyStart: Int, bareLF: Bool), MIMEError>
    {
        var headers: [MIMEHeader] = []
        var position = 0
        while true {
            let searchEnd = min(bytes.count, position + limits.maximumHeaderLength + 2)
            guard let newline = bytes[position..<searchEnd].firstIndex(of: UInt8(ascii: "\n")) else {
                if searchEnd < bytes.count {
                    return .failure(MIMEError(.headerTooLong, offset: position,
                                              detail: "no line end within \(limits.maximumHeaderLength) bytes"))
                }
                return .failure(MIMEError(.missingBlankLine, offset: position,
                                          detail: "the payload ends before the empty line that closes the headers"))
            }
            let bareLF = newline == position || bytes[newline - 1] != 0x0D
            let contentEnd = bareLF ? newline : newline - 1
            if contentEnd == position {
                return .success((headers, newline + 1, bareLF))
            }
            if contentEnd - position > limits.maximumHeaderLength {
                return .failure(MIMEError(.headerTooLong, offset: position,
                                          detail: "a \(contentEnd - position)-byte header exceeds the limit of \(limits.maximumHeaderLength)"))
            }
            guard headers.count < limits.maximumHeaderCount else {
                return .failure(MIMEError(.tooManyHeaders, offset: position,
                                          detail: "more than \(limits.maximumHeaderCount) header lines"))
            }
            switch parseHeader(UnsafeRawBufferPointer(rebasing: bytes[position..<contentEnd]), offset: position) {
            case .success(var header):
                header.endsWithBareLF = bareLF
                headers.append(header)
            case .failure(let error):
                return .failure(error)
            }
            position = newline + 1
        }
    }

    // Content-Type: text/plain; charset=UTF-8
    private static func parseHeader(_ line: UnsafeRawBufferPointer, offset: Int) -> Result<MIMEHeader, MIMEError> {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0 else {
            return .failure(MIMEError(.malformedHeader, offset: offset, detail: "a header line needs a name and a colon"))
        }
        for byte in line[..<colon] where byte <= 0x20 || byte >= 0x7F {
            return .failure(MIMEError(.malformedHeader, offset: offset,
                                      detail: "byte 0x\(String(byte, radix: 16)) in a header name"))
        }
        var valueStart = colon + 1
        while valueStart < line.count, line[valueStart] == 0x20 || line[valueStart] == 0x09 { valueStart += 1 }
        for (index, byte) in line[valueStart...].enumerated() where byte < 0x20 && byte != 0x09 || byte == 0x7F {
            return .failure(MIMEError(.controlCharacter, offset: offset,
                                      detail: "byte 0x\(String(byte, radix: 16)) at header byte \(valueStart + index)"))
        }
        guard let value = String(validating: UnsafeRawBufferPointer(rebasing: line[valueStart...]), as: UTF8.self) else {
            return .failure(MIMEError(.invalidUTF8, offset: offset, detail: "a header value is not UTF-8"))
        }
        let name = String(decoding: UnsafeRawBufferPointer(rebasing: line[..<colon]), as: UTF8.self)
        let spacing = String(decoding: UnsafeRawBufferPointer(rebasing: line[(colon + 1)..<valueStart]), as: UTF8.self)
        return .success(MIMEHeader(name: name, value: value, spacing: spacing, endsWithBareLF: false))
    }
}
