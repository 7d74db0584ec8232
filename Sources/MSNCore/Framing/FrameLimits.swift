/// The bounds a ``FrameDecoder`` enforces against hostile or broken peers.
///
/// Each limit is in bytes unless it says otherwise. Exceeding one is a ``FramingError``; the
/// decoder never buffers more than `maximumLineLength + maximumPayloadLength` bytes of one frame.
public struct FrameLimits: Sendable, Hashable {
    /// The longest command line, excluding CR LF. Default 8192 (real lines stay under ~1 KiB:
    /// a friendly name is cut at 387 encoded bytes).
    public var maximumLineLength: Int
    /// The largest payload of any verb. Default 131072: `GCF` policies are ~7 KB, `ADL` is split
    /// by clients at ~7.5 KB; per-verb caps such as 1664 bytes for a switchboard `MSG` are the
    /// grammar's business.
    public var maximumPayloadLength: Int
    /// The most space-separated parameters on one line, the verb included. Default 64.
    public var maximumArgumentCount: Int
    /// The most bytes a connection may leave undecoded in its receive buffer. Default
    /// `maximumLineLength + maximumPayloadLength + 4096`. Enforced by the channel code that
    /// accumulates bytes (see ``FrameDecoder/maximumBufferedBytes``).
    public var maximumBufferedBytes: Int

    public init(maximumLineLength: Int = 8192, maximumPayloadLength: Int = 131_072,
                maximumArgumentCount: Int = 64, maximumBufferedBytes: Int? = nil) {
        self.maximumLineLength = maximumLineLength
        self.maximumPayloadLength = maximumPayloadLength
        self.maximumArgumentCount = maximumArgumentCount
        self.maximumBufferedBytes = maximumBufferedBytes
            ?? maximumLineLength + maximumPayloadLength + 4096
    }

    /// The defaults described above.
    public static let `default` = FrameLimits()
}
