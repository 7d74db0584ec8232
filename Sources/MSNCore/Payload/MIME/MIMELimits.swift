/// The bounds ``MIMEMessage/init(parsing:limits:)`` enforces on a payload's header block.
///
/// The payload itself is already bounded by ``FrameLimits/maximumPayloadLength`` (and, for a
/// switchboard `MSG`, by the protocol's 1664 bytes); these limits stop a peer from making the
/// header block itself expensive.
public struct MIMELimits: Sendable, Hashable {
    /// The most header lines. Default 64 (a profile message has 24).
    public var maximumHeaderCount: Int
    /// The longest header line, in bytes, without its line end. Default 8192 (a profile's
    /// `MSPAuth` ticket line is about 1.2 KB).
    public var maximumHeaderLength: Int

    public init(maximumHeaderCount: Int = 64, maximumHeaderLength: Int = 8192) {
        self.maximumHeaderCount = maximumHeaderCount
        self.maximumHeaderLength = maximumHeaderLength
    }

    /// The defaults described above.
    public static let `default` = MIMELimits()
}
