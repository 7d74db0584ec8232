import Foundation

/// The bytes of one benchmark chat message, as a real client writes it: a switchboard `MSG`
/// with acknowledgement mode `A` and a plain-text MIME payload.
///
/// ```
/// MSG 1000042 A 179
/// MIME-Version: 1.0
/// Content-Type: text/plain; charset=UTF-8
/// X-MMS-IM-Format: FN=Segoe%20UI; EF=; CO=0; CS=0; PF=22
///
/// See you at six? I'll bring the tickets. t=00000001234567890123
/// ```
///
/// Every message of a run has the same length: the transaction id has seven digits (it runs
/// 1000000…9999999 and wraps), and the payload ends in the send time as twenty decimal digits
/// of ``RelayMessage/now()`` nanoseconds. A receiver can therefore count messages by bytes
/// and find each send time at a fixed distance from each message's end.
struct RelayMessage: Sendable {
    /// Digits of the send time at the end of every message.
    static let stampDigits = 20
    /// The first transaction id; ids keep seven digits.
    static let firstTransactionID = 1_000_000
    static let transactionIDSpan = 9_000_000

    /// The whole message, header line and payload.
    private(set) var bytes: [UInt8]
    /// Where the seven transaction-id digits start.
    private let transactionIDOffset = 4

    init() {
        let payload = "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n"
            + "X-MMS-IM-Format: FN=Segoe%20UI; EF=; CO=0; CS=0; PF=22\r\n"
            + "\r\n"
            + "See you at six? I'll bring the tickets. t="
            + String(repeating: "0", count: Self.stampDigits)
        let payloadBytes = Array(payload.utf8)
        bytes = Array("MSG \(Self.firstTransactionID) A \(payloadBytes.count)\r\n".utf8) + payloadBytes
    }

    /// Length of every message in bytes.
    var count: Int { bytes.count }

    /// Writes the `sequence`-th message's transaction id and the send time `stamp` into ``bytes``.
    mutating func stamp(sequence: Int, time stamp: UInt64) {
        Self.writeDigits(UInt64(Self.firstTransactionID + sequence % Self.transactionIDSpan),
                         into: &bytes, at: transactionIDOffset, count: 7)
        Self.writeDigits(stamp, into: &bytes, at: bytes.count - Self.stampDigits, count: Self.stampDigits)
    }

    /// Writes `value` as exactly `count` decimal digits (zero-padded) at `offset`.
    static func writeDigits(_ value: UInt64, into bytes: inout [UInt8], at offset: Int, count: Int) {
        var value = value
        var index = offset + count - 1
        while index >= offset {
            bytes[index] = UInt8(ascii: "0") + UInt8(value % 10)
            value /= 10
            index -= 1
        }
    }

    /// Reads a stamp written by ``stamp(sequence:time:)`` (twenty digits); `nil` when not digits.
    static func readStamp(_ digits: [UInt8]) -> UInt64? {
        var value: UInt64 = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            value = value &* 10 &+ UInt64(digit - UInt8(ascii: "0"))
        }
        return value
    }

    /// A monotonic clock in nanoseconds, shared by sender and receiver (same process).
    static func now() -> UInt64 {
        DispatchTime.now().uptimeNanoseconds
    }
}
