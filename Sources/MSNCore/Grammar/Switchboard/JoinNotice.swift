/// Someone joined the switchboard: told to everyone already there.
///
/// ```
/// S: JOI bob@example.com Bob
/// S: JOI bob@example.com Bob 1342177280                                           (MSNP12+)
/// S: JOI bob@example.com;{F52973B6-C926-4BAD-9BA8-7C1E840E4AB0} Bob 2789003324:48 (MSNP16+)
/// ```
public struct JoinNotice: FrameRepresentable {
    public static let verb = Verb.joi

    public var handle: EndpointHandle
    public var friendlyName: URLEncodedName
    /// As written: `1342177280`, or `caps:extended` from MSNP16.
    public var capabilities: String?

    public init(handle: EndpointHandle, friendlyName: URLEncodedName, capabilities: String? = nil) {
        self.handle = handle
        self.friendlyName = friendlyName
        self.capabilities = capabilities
    }

    // JOI handle friendly-name [capabilities]
    public init(frame: Frame, dialect: Dialect? = nil) throws(GrammarError) {
        try frame.expect(Self.verb)
        try frame.expectNoPayload()
        handle = EndpointHandle(try frame.required(0, "handle"))
        friendlyName = try frame.encodedName(1, "friendly name")
        capabilities = frame.optional(2)
    }

    public var frame: Frame {
        Frame(verb: Self.verb, arguments: [handle.description, friendlyName.encoded] + (capabilities.map { [$0] } ?? []))
    }
}
