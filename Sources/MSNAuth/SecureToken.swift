#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Unguessable tokens in the shapes the MSN protocol uses.
///
/// Every token is drawn from `SystemRandomNumberGenerator` (the kernel's `getrandom` on Linux,
/// `arc4random` on Apple platforms) with rejection sampling, so each character is uniform.
///
/// | Shape | Example | Entropy |
/// |---|---|---|
/// | ``passportTicket()`` | `t=Vx3…40 chars…&p=Qe9…40 chars…` | 480 bits |
/// | ``mspAuth()`` | `Vx3…` (40 chars) | 240 bits |
/// | ``switchboardCookie()`` | `4831297305.1770432918.9023441750` | ≈ 99 bits |
/// | ``sessionID()`` | `1938472615` | ≈ 31 bits (not a secret) |
/// | ``proofKey()`` | `tgoPVK67sU36fQKlGLMgWgTXp7oiaQgE` (24 bytes, base64) | 192 bits |
/// | ``ssoNonce()`` | 64 base64 characters (48 bytes) | 384 bits |
public enum SecureToken {
    /// The 64 characters of the URL- and filename-safe base64 alphabet (RFC 4648 §5). None of
    /// them needs escaping in an MSN command line, an HTTP header, a URL or XML text.
    public static let urlSafeAlphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Length of the `t=` and `p=` parts of a ticket, in characters.
    public static let ticketPartLength = 40

    /// `count` random bytes.
    public static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return randomBytes(count, using: &generator)
    }

    /// `count` random bytes from `generator` (deterministic generators are for tests only).
    public static func randomBytes(_ count: Int, using generator: inout some RandomNumberGenerator) -> [UInt8] {
        var bytes = [UInt8]()
        bytes.reserveCapacity(count)
        while bytes.count < count {
            var word = generator.next()
            for _ in 0..<min(8, count - bytes.count) {
                bytes.append(UInt8(truncatingIfNeeded: word))
                word >>= 8
            }
        }
        return bytes
    }

    /// A string of `length` characters drawn uniformly from ``urlSafeAlphabet``
    /// (6 bits of entropy per character).
    public static func urlSafeString(length: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return urlSafeString(length: length, using: &generator)
    }

    /// A string of `length` characters drawn uniformly from ``urlSafeAlphabet`` using `generator`.
    public static func urlSafeString(length: Int, using generator: inout some RandomNumberGenerator) -> String {
        // 64 divides 256, so the low six bits of a random byte are uniform: no rejection needed.
        let bytes = randomBytes(length, using: &generator).map { urlSafeAlphabet[Int($0 & 0x3F)] }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A string of `count` uniformly random decimal digits (leading zeros possible).
    public static func decimalDigits(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return decimalDigits(count, using: &generator)
    }

    /// A string of `count` uniformly random decimal digits using `generator`.
    public static func decimalDigits(_ count: Int, using generator: inout some RandomNumberGenerator) -> String {
        var digits = [UInt8]()
        digits.reserveCapacity(count)
        for _ in 0..<count {
            digits.append(UInt8(ascii: "0") + UInt8.random(in: 0...9, using: &generator))
        }
        return String(decoding: digits, as: UTF8.self)
    }

    /// A fresh compact Passport ticket, `t=<40 chars>&p=<40 chars>`.
    ///
    /// This is the text a client sends back in `USR … TWN S` or `USR … SSO S` and, for the
    /// `contacts.msn.com` service, in the SOAP `TicketToken`:
    ///
    /// ```
    /// USR 7 TWN S t=Vx3kQ0…&p=Qe9sLm…
    /// ```
    public static func passportTicket() -> String {
        "t=\(urlSafeString(length: ticketPartLength))&p=\(urlSafeString(length: ticketPartLength))"
    }

    /// A fresh `MSPAuth` value (the profile message's `MSPAuth:` header), 40 URL-safe characters.
    public static func mspAuth() -> String {
        urlSafeString(length: ticketPartLength)
    }

    /// A fresh switchboard authentication cookie in the classic digits-and-dots shape, three
    /// groups of ten digits:
    ///
    /// ```
    /// XFR 10 SB 207.46.108.37:1863 CKI 4831297305.1770432918.9023441750
    /// ```
    public static func switchboardCookie() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<3).map { _ in
            String(UInt8.random(in: 1...9, using: &generator)) + decimalDigits(9, using: &generator)
        }.joined(separator: ".")
    }

    /// A fresh switchboard session id (`RNG <id> …`), a positive 31-bit decimal number.
    ///
    /// Session ids identify a conversation; they are not secrets (the cookie is), but random
    /// ids do not reveal how many conversations the server has held.
    public static func sessionID() -> String {
        String(Int32.random(in: 1...Int32.max))
    }

    /// A fresh SSO proof key (`wst:BinarySecret`): base64 of 24 random bytes, 32 characters.
    public static func proofKey() -> String {
        Data(randomBytes(24)).base64EncodedString()
    }

    /// A fresh `MBI_KEY` nonce for `USR … SSO S MBI_KEY_OLD <nonce>`: base64 of 48 random
    /// bytes, 64 characters, used by the client as ASCII text.
    public static func ssoNonce() -> String {
        Data(randomBytes(48)).base64EncodedString()
    }
}
