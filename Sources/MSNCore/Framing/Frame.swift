import NIOCore

/// One command line of the protocol, with its payload if it carries one.
///
/// ```
/// USR 3 TWN I alice@example.com\r\n          → verb USR, transactionID 3, arguments [TWN, I, alice@example.com]
/// MSG Hotmail Hotmail 52\r\n<52 bytes>       → verb MSG, no transactionID, arguments [Hotmail, Hotmail], payload
/// UUX 12 0\r\n                               → verb UUX, transactionID 12, arguments [], empty payload
/// ADL 7 OK\r\n                               → verb ADL, transactionID 7, arguments [OK], no payload
/// ```
///
/// The payload-length field is not kept among the arguments: it is `payload.readableBytes`.
/// A `nil` payload means the line has no length field at all; an empty payload means it has
/// one that says `0`. Which verbs have a transaction id and which carry a payload is decided by
/// ``FramingRules`` from the verb, the sender's ``Role`` and the ``Dialect``.
public struct Frame: Sendable, Hashable, CustomStringConvertible {
    /// The command name, or a three-digit error number.
    public var verb: Verb
    /// The transaction id, for verbs that have one.
    public var transactionID: TransactionID?
    /// The parameters after the transaction id, without the payload length.
    ///
    /// Parameters never contain spaces, tabs or control bytes. An empty parameter can only
    /// stand last: it stands for a line that ends in a space (`LST N=… F=… C=… 11 `), and
    /// the encoder writes it back that way.
    public var arguments: [Substring]
    /// The payload bytes; `nil` when the line has no payload-length field.
    public var payload: ByteBuffer?

    /// Creates a frame from its parts.
    public init(verb: Verb, transactionID: TransactionID? = nil, arguments: [Substring] = [],
                payload: ByteBuffer? = nil) {
        self.verb = verb
        self.transactionID = transactionID
        self.arguments = arguments
        self.payload = payload
    }

    /// Creates a frame from `String` arguments.
    ///
    /// ```swift
    /// Frame(verb: .usr, transactionID: 3, arguments: ["TWN", "I", email])
    /// ```
    public init(verb: Verb, transactionID: TransactionID? = nil, arguments: [String],
                payload: ByteBuffer? = nil) {
        self.init(verb: verb, transactionID: transactionID,
                  arguments: arguments.map { Substring($0) }, payload: payload)
    }

    /// Creates a frame whose payload is the UTF-8 bytes of `payload`.
    public init(verb: Verb, transactionID: TransactionID? = nil, arguments: [String],
                payloadText payload: String) {
        self.init(verb: verb, transactionID: transactionID, arguments: arguments,
                  payload: ByteBuffer(string: payload))
    }

    /// The argument at `index`, or `nil` when the line is shorter (lenient reading).
    @inlinable
    public func argument(_ index: Int) -> Substring? {
        index >= 0 && index < arguments.count ? arguments[index] : nil
    }

    /// The payload as UTF-8 text (invalid sequences repaired), or `nil` without a payload.
    public var payloadText: String? {
        payload.map { String(decoding: $0.readableBytesView, as: UTF8.self) }
    }

    /// The typed error code when this frame is a numeric error reply such as `911 4`.
    public var errorCode: ErrorCode? { verb.errorNumber.map(ErrorCode.init(rawValue:)) }

    /// The command line as it appears on the wire, without CR LF and without the payload.
    public var line: String {
        var text = verb.description
        if let transactionID { text += " \(transactionID)" }
        for argument in arguments { text += " "; text += argument }
        if let payload { text += " \(payload.readableBytes)" }
        return text
    }

    public var description: String { line }
}
