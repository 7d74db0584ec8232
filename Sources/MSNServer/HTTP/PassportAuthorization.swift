/// The `Authorization` header of a Passport 1.4 sign-in (`GET /login2.srf`), MSNP8–11.
///
/// ```
/// Authorization: Passport1.4 OrgVerb=GET,OrgURL=http%3A%2F%2Fmessenger%2Emsn%2Ecom,sign-in=alice%40example.com,pwd=secret,ct=1,rver=1,wp=FS_40SEC_0_COMPACT,lc=1,id=1
/// ```
///
/// The value after the scheme word is a comma-separated list of `name=value` pairs; `sign-in`,
/// `pwd` and `OrgURL` are percent-encoded. The rest is the policy string the notification
/// server sent in `USR … TWN S`, passed through by the client. Some clients repeat the scheme
/// word (`Passport1.4 Passport1.4 OrgVerb=…`); that is tolerated.
///
/// This parser is kept self-contained so it can be swapped for a shared one from `MSNAuth`.
public struct PassportAuthorization: Sendable, Hashable {
    /// The scheme word.
    public static let scheme = "Passport1.4"
    /// Longest header value accepted, in bytes.
    public static let maximumLength = 8192

    /// The sign-in name (`sign-in`), percent-decoded.
    public var signIn: String
    /// The password (`pwd`), percent-decoded.
    public var password: String
    /// The return URL (`OrgURL`), percent-decoded, if present.
    public var orgURL: String?
    /// Every pair as sent (names and values still encoded), in order.
    public var parameters: [Parameter]

    /// One `name=value` pair of the header.
    public struct Parameter: Sendable, Hashable {
        /// The name, as sent.
        public var name: String
        /// The value, as sent (still percent-encoded).
        public var value: String
    }

    /// Parses a header value; `nil` unless it uses the Passport1.4 scheme and carries both
    /// `sign-in` and `pwd`.
    public init?(headerValue: String) {
        guard headerValue.utf8.count <= Self.maximumLength else { return nil }
        var rest = Substring(headerValue)
        var sawScheme = false
        while true {
            rest = rest.drop(while: { $0 == " " || $0 == "\t" })
            guard rest.hasPrefix(Self.scheme) else { break }
            rest = rest.dropFirst(Self.scheme.count)
            sawScheme = true
        }
        guard sawScheme else { return nil }

        var parameters: [Parameter] = []
        for field in rest.split(separator: ",", omittingEmptySubsequences: true) {
            let trimmed = field.drop(while: { $0 == " " || $0 == "\t" })
            guard let equals = trimmed.firstIndex(of: "=") else {
                parameters.append(Parameter(name: String(trimmed), value: ""))
                continue
            }
            parameters.append(Parameter(name: String(trimmed[..<equals]), value: String(trimmed[trimmed.index(after: equals)...])))
        }
        func value(_ name: String) -> String? {
            parameters.first { $0.name.lowercasedASCII() == name.lowercasedASCII() }.map { Self.percentDecoded($0.value) }
        }
        guard let signIn = value("sign-in"), let password = value("pwd") else { return nil }
        self.signIn = signIn
        self.password = password
        self.orgURL = value("OrgURL")
        self.parameters = parameters
    }

    /// Decodes `%XX` escapes; malformed escapes are kept literally, `+` stays `+`, and bytes
    /// that are not UTF-8 become U+FFFD.
    public static func percentDecoded(_ text: some StringProtocol) -> String {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
               let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
