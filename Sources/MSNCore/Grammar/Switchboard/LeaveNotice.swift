/// Someone left the switchboard, or the switchboard ended the conversation for idleness.
///
/// ```
/// S: BYE bob@example.com
/// S: BYE bob@example.com 1        (the switchboard timed the conversation out)
/// ```
public struct LeaveNotice: FrameRepresentable {
    public static let verb = Verb.bye

    public var handle: EndpointHandle
    /// `true` for `BYE handle 1`: the switchboard closed an idle conversation.
    public var timedOut: Bool

    public init(handle: EndpointHandle, timedOut: Bool = false) {
        self.handle = handle
        self.timedOut = timedOut
    }

    // BYE handle [1]
    public init(frame: Frame, dialect: Dialect? = nil) throws(GrammarError) {
        try frame.expect(Self.verb)
        try frame.expectNoPayload()
        handle = EndpointHandle(try frame.required(0, "handle"))
        timedOut = frame.optional(1) == "1"
    }

    public var frame: Frame {
        Frame(verb: Self.verb, arguments: timedOut ? [handle.description, "1"] : [handle.description])
    }
}
