import NIOCore

/// The MIME-style message an `MSG` payload carries: ordered header lines, an empty line, and
/// the body bytes.
///
/// ```
/// MSG 4 A 160\r\n
/// MIME-Version: 1.0\r\n
/// Content-Type: text/plain; charset=UTF-8\r\n
/// X-MMS-IM-Format: FN=Segoe%20UI; EF=; CO=0; CS=1; PF=0\r\n
/// \r\n
/// Hello Bob
/// ```
/// Header names are looked up without regard to ASCII case; the order and spelling of the
/// headers are kept. A message parsed with ``init(parsing:limits:)`` serializes back to exactly
/// the bytes it was parsed from (see ``ByteBuffer/writeMIMEMessage(_:)``).
public struct MIMEMessage: Hashable, Sendable {
    /// The header lines, in order.
    public var headers: [MIMEHeader]
    /// The bytes after the empty line.
    public var body: ByteBuffer
    /// Whether the empty line that ends the headers was a bare LF.
    var separatorIsBareLF: Bool = false

    /// Creates a message from headers written canonically and a body.
    public init(headers: [MIMEHeader] = [], body: ByteBuffer = ByteBuffer()) {
        self.headers = headers
        self.body = body
    }

    /// Creates a message with a UTF-8 text body.
    public init(headers: [MIMEHeader], bodyText: String) {
        self.init(headers: headers, body: ByteBuffer(string: bodyText))
    }

    /// The value of the first header named `name` (ASCII case ignored).
    public subscript(name: some StringProtocol) -> String? {
        headers.first { $0.hasName(name) }?.value
    }

    /// The values of every header named `name`, in order.
    public func values(for name: some StringProtocol) -> [String] {
        headers.filter { $0.hasName(name) }.map(\.value)
    }

    /// Replaces the value of the first header named `name`, or appends a header.
    public mutating func setValue(_ value: String, for name: String) {
        if let index = headers.firstIndex(where: { $0.hasName(name) }) {
            headers[index].value = value
        } else {
            headers.append(MIMEHeader(name: name, value: value))
        }
    }

    /// Removes every header named `name`.
    public mutating func removeValues(for name: some StringProtocol) {
        headers.removeAll { $0.hasName(name) }
    }

    /// The body as UTF-8 text (invalid sequences repaired).
    public var bodyText: String { String(decoding: body.readableBytesView, as: UTF8.self) }

    /// The raw `Content-Type` value: `text/plain; charset=UTF-8`.
    public var contentType: String? { self["Content-Type"] }

    /// The media type, lower-cased and without parameters: `text/plain`.
    public var mediaType: String? {
        guard let contentType else { return nil }
        let type = contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0]
        return MIMEMessage.trimmed(type).lowercased()
    }

    /// The value of a `key=value` parameter of `Content-Type`, e.g. `charset` → `UTF-8`.
    public func contentTypeParameter(_ key: String) -> String? {
        guard let contentType else { return nil }
        for part in contentType.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, MIMEHeader.equalIgnoringASCIICase(MIMEMessage.trimmed(pair[0]).utf8, key.utf8)
            else { continue }
            return String(MIMEMessage.trimmed(pair[1]))
        }
        return nil
    }

    static func trimmed(_ text: Substring) -> Substring {
        var text = text
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}
