import MSNCore

/// The second field of a client's switchboard `MSG`: which answer the sender wants.
///
/// ```
/// C: MSG 3 U 90     typing notice      → nothing, ever
/// C: MSG 4 N 120    nudge              → NAK 4 only when it could not be delivered
/// C: MSG 5 A 161    text               → ACK 5 when delivered to everyone, else NAK 5
/// C: MSG 6 D 1300   P2P data (MSNP9+)  → as A
/// ```
public enum AcknowledgementMode: String, Sendable, Hashable, CaseIterable {
    /// Unacknowledged.
    case unacknowledged = "U"
    /// Negative acknowledgement only.
    case negativeOnly = "N"
    /// Acknowledged.
    case acknowledged = "A"
    /// Data (P2P), acknowledged; MSNP9+ (`Dialect/supportsDataMessages`).
    case data = "D"

    /// Reads the mode field of a `MSG` line without making a `String` of it.
    public init?(_ field: Substring) {
        guard field.utf8.count == 1, let byte = field.utf8.first else { return nil }
        switch byte {
        case UInt8(ascii: "U"): self = .unacknowledged
        case UInt8(ascii: "N"): self = .negativeOnly
        case UInt8(ascii: "A"): self = .acknowledged
        case UInt8(ascii: "D"): self = .data
        default: return nil
        }
    }

    /// The answer to the sender of `MSG trID <mode>` once delivery is known: `ACK trID`,
    /// `NAK trID` or nothing.
    public func reply(_ transactionID: TransactionID, delivered: Bool) -> Frame? {
        switch (self, delivered) {
        case (.unacknowledged, _), (.negativeOnly, true): nil
        case (.acknowledged, true), (.data, true): Frame(verb: .ack, transactionID: transactionID)
        case (_, false): Frame(verb: .nak, transactionID: transactionID)
        }
    }
}
