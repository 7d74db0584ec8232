import Crypto
import Foundation
import MSNAuth

/// The `t=` part of a compact ticket, decoded: which sign-in it belongs to, which of that
/// sign-in's services it is for, and the code that proves the server made it.
///
/// 30 bytes, written as 40 URL-safe base64 characters (`MSNAuth/SecureToken/ticketPartLength`):
///
/// | Bytes | Field |
/// |---|---|
/// | 0–7 | ``signIn``: the ``TicketStore`` entry, a random 64-bit number |
/// | 8 | ``slot``: index of the service in the sign-in's list |
/// | 9–29 | ``code``: the first 21 bytes (168 bits) of HMAC-SHA256 under the store's key |
///
/// ```
/// USR 4 SSO S t=Vx3kQ0pLm9aZ8bC1dE2fG3hI4jK5lM6nO7pQ8rS9&p=… <blob>
///                └ signIn ┘└slot┘└──────── code ─────────┘ (base64 of the bytes)
/// ```
///
/// The code covers the sign-in, the slot, the account and the issue time, so a ticket cannot be
/// moved to another service of the same sign-in (changing the slot breaks the code), and a
/// sign-in number that is reused after eviction does not revive older tickets.
struct TicketKey: Sendable, Hashable {
    /// Number of bytes of the HMAC kept in a ticket.
    static let codeLength = 21
    /// Number of bytes of a whole key.
    static let byteCount = 8 + 1 + codeLength

    /// The store entry: one per sign-in.
    var signIn: UInt64
    /// Which of the sign-in's services the ticket is for.
    var slot: UInt8
    /// The truncated HMAC.
    var code: [UInt8]

    /// The 40-character `t=` value.
    var text: String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(Self.byteCount)
        withUnsafeBytes(of: signIn.littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(slot)
        bytes.append(contentsOf: code)
        return Self.encode(bytes)
    }

    /// Decodes a `t=` value of the shape ``TicketStore/token(in:)`` accepts; `nil` for anything else.
    init?(text: some StringProtocol) {
        guard let bytes = Self.decode(text), bytes.count == Self.byteCount else { return nil }
        var signIn: UInt64 = 0
        for index in (0..<8).reversed() {
            signIn = signIn << 8 | UInt64(bytes[index])
        }
        self.signIn = signIn
        self.slot = bytes[8]
        self.code = Array(bytes[9...])
    }

    init(signIn: UInt64, slot: UInt8, code: [UInt8]) {
        self.signIn = signIn
        self.slot = slot
        self.code = code
    }

    // MARK: - Codes

    /// What an HMAC is computed for: a ticket's code or its proof key.
    enum Purpose: UInt8 {
        case ticket = 1
        case proofKey = 2
    }

    /// HMAC-SHA256 under `key` of the purpose, sign-in, slot, account and issue time.
    static func mac(_ purpose: Purpose, key: SymmetricKey, signIn: UInt64, slot: UInt8, accountID: Account.ID,
                    issuedAt: Date) -> HMAC<SHA256>.MAC {
        var message = [UInt8]()
        message.reserveCapacity(26)
        message.append(purpose.rawValue)
        withUnsafeBytes(of: signIn.littleEndian) { message.append(contentsOf: $0) }
        message.append(slot)
        withUnsafeBytes(of: accountID.littleEndian) { message.append(contentsOf: $0) }
        withUnsafeBytes(of: issuedAt.timeIntervalSinceReferenceDate.bitPattern.littleEndian) { message.append(contentsOf: $0) }
        return HMAC<SHA256>.authenticationCode(for: message, using: key)
    }

    /// The first ``codeLength`` bytes of the ticket HMAC.
    static func code(key: SymmetricKey, signIn: UInt64, slot: UInt8, accountID: Account.ID, issuedAt: Date) -> [UInt8] {
        Array(mac(.ticket, key: key, signIn: signIn, slot: slot, accountID: accountID, issuedAt: issuedAt).prefix(codeLength))
    }

    /// The proof key (`wst:BinarySecret`): base64 of the first 24 bytes of the proof-key HMAC.
    static func proofKey(key: SymmetricKey, signIn: UInt64, slot: UInt8, accountID: Account.ID, issuedAt: Date) -> String {
        Data(mac(.proofKey, key: key, signIn: signIn, slot: slot, accountID: accountID, issuedAt: issuedAt).prefix(24))
            .base64EncodedString()
    }

    // MARK: - URL-safe base64 without padding (RFC 4648 §5)

    private static func encode(_ bytes: [UInt8]) -> String {
        let alphabet = SecureToken.urlSafeAlphabet
        var characters = [UInt8]()
        characters.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index < bytes.count {
            let chunk = min(3, bytes.count - index)
            var group: UInt32 = 0
            for offset in 0..<3 {
                group = group << 8 | (offset < chunk ? UInt32(bytes[index + offset]) : 0)
            }
            for position in 0...chunk {
                characters.append(alphabet[Int(group >> UInt32(18 - 6 * position) & 0x3F)])
            }
            index += 3
        }
        return String(decoding: characters, as: UTF8.self)
    }

    private static func decode(_ text: some StringProtocol) -> [UInt8]? {
        var bits: UInt32 = 0
        var bitCount = 0
        var bytes = [UInt8]()
        bytes.reserveCapacity(text.utf8.count * 3 / 4)
        for character in text.utf8 {
            guard let value = sextet(character) else { return nil }
            bits = bits << 6 | UInt32(value)
            bitCount += 6
            if bitCount >= 8 {
                bitCount -= 8
                bytes.append(UInt8(truncatingIfNeeded: bits >> UInt32(bitCount)))
            }
        }
        return bytes
    }

    private static func sextet(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): character - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): character - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0") + 52
        case UInt8(ascii: "-"): 62
        case UInt8(ascii: "_"): 63
        default: nil
        }
    }
}
