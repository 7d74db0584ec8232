/// A presence status as it appears on the wire (`NLN`, `AWY`, `BSY`, … at most four ASCII
/// bytes), packed into one integer, so a load generator can match the status of an `NLN`
/// line without making a `String` of it.
///
/// ```swift
/// StatusToken("AWY") == StatusToken(bytes: Array("AWY".utf8))   // true
/// ```
struct StatusToken: Hashable, Sendable {
    let raw: UInt32

    /// The token of `bytes`; `nil` when empty or longer than four bytes.
    init?(bytes: some Collection<UInt8>) {
        guard !bytes.isEmpty, bytes.count <= 4 else { return nil }
        var raw: UInt32 = 0
        for byte in bytes { raw = raw << 8 | UInt32(byte) }
        self.raw = raw
    }

    init?(_ text: some StringProtocol) {
        self.init(bytes: text.utf8)
    }
}
