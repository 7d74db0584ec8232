/// The client's keepalive on the notification server, every 30–50 seconds.
///
/// ```
/// C: PNG
/// ```
/// `PNG` has no transaction id.
public struct Ping: FrameRepresentable {
    public static let verb = Verb.png

    public init() {}

    // PNG
    public init(frame: Frame, dialect: Dialect? = nil) throws(GrammarError) {
        try frame.expect(Self.verb)
        try frame.expectNoPayload()
    }

    public var frame: Frame { Frame(verb: Self.verb) }
}
