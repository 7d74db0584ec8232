import MSNCore
import NIOCore

/// The switchboard's side of one connection, as a pure state machine: frames and the hub's
/// answers in, ``SwitchboardAction``s out. No sockets, no clocks, no shared state.
///
/// ```
/// C: USR 1 alice@example.com 4831297305.1770432918.9023441750  → start(…)
/// loginFinished(alice)                                         → send USR 1 OK alice@example.com Alice
/// C: CAL 2 bob@example.com                                     → call(2, bob@example.com)
/// callFinished(2, refusal: .principalNotOnline)                → send 217 2
/// C: MSG 3 A 161 + payload                                     → relay(3, A, payload)
/// relayFinished(3, mode: .acknowledged, delivered: true)       → send ACK 3
/// C: OUT                                                       → close
/// ```
///
/// The first command must be `USR` or `ANS`; a refused cookie is `911` and a close. After
/// joining, `CAL`, `MSG` and `OUT` are understood; anything else, or a malformed line, closes
/// the connection (the protocol's "server disconnects client"). A `MSG` payload over
/// ``SwitchboardConfiguration/maximumMessageLength`` is `285 TrID` and a close.
public struct SwitchboardSessionState: Sendable {
    /// Where the connection stands.
    public enum Phase: Sendable, Hashable {
        /// Nothing received yet.
        case awaitingLogin
        /// The cookie of `USR` (or `ANS`) is being checked.
        case authenticating(TransactionID)
        /// In the conversation, as `identity`.
        case joined(SwitchboardIdentity)
        /// Closing: nothing more is answered.
        case closed
    }

    public let maximumMessageLength: Int
    public private(set) var phase: Phase = .awaitingLogin {
        didSet {
            if case .joined(let identity) = phase { dialect = identity.dialect } else { dialect = nil }
        }
    }

    /// The dialect of the joined connection, `nil` before (kept apart from ``phase``, which is
    /// read for every frame).
    public private(set) var dialect: Dialect?

    public init(maximumMessageLength: Int = 1664) {
        self.maximumMessageLength = maximumMessageLength
    }

    /// Handles one frame from the client.
    public mutating func receive(_ frame: Frame) -> [SwitchboardAction] {
        switch phase {
        case .closed:
            return []
        case .authenticating:
            return close()
        case .awaitingLogin:
            return receiveLogin(frame)
        case .joined(let identity):
            return receiveJoined(frame, dialect: identity.dialect)
        }
    }

    // USR 1 alice@example.com 4831297305.1770432918.9023441750
    // ANS 1 bob@example.com 7730198815.2201973345.1000293847 1938472615
    private mutating func receiveLogin(_ frame: Frame) -> [SwitchboardAction] {
        switch frame.verb {
        case .usr:
            guard let request = try? SwitchboardLoginRequest(frame: frame) else { return close() }
            phase = .authenticating(request.transactionID)
            return [.start(request)]
        case .ans:
            guard let request = try? SwitchboardAnswer(frame: frame) else { return close() }
            phase = .authenticating(request.transactionID)
            return [.answer(request)]
        default:
            return close()
        }
    }

    private mutating func receiveJoined(_ frame: Frame, dialect: Dialect) -> [SwitchboardAction] {
        switch frame.verb {
        case .msg:
            // MSG 4 A 161 + payload
            guard let trID = frame.transactionID, frame.arguments.count == 1, let payload = frame.payload,
                  let mode = AcknowledgementMode(frame.arguments[0]),
                  mode != .data || dialect.supportsDataMessages
            else { return close() }
            guard payload.readableBytes <= maximumMessageLength else {
                return [.send(.error(.messageTooLong, trID))] + close()
            }
            return [.relay(trID, mode: mode, payload: payload)]
        case .cal:
            // CAL 2 bob@example.com
            guard let trID = frame.transactionID, frame.arguments.count == 1, frame.payload == nil else { return close() }
            let email = frame.arguments[0]
            guard email.contains("@"), !email.contains(";") else { return [.send(.error(.invalidPrincipalName, trID))] }
            return [.call(trID, email: String(email))]
        default:
            // OUT, and anything out of place.
            return close()
        }
    }

    /// The ``SwitchboardAction/relay(_:mode:payload:)`` of a well-formed `MSG` on a joined
    /// connection (the one action ``receive(_:)`` returns for it), without building a list;
    /// `nil` for any other frame, which ``receive(_:)`` handles. Changes nothing.
    ///
    /// ```
    /// C: MSG 4 A 161 + payload   → relay(4, A, payload)
    /// C: MSG 4 A 1700 + payload  → nil (receive: 285 4, close)
    /// ```
    public func relayAction(_ frame: Frame) -> SwitchboardAction? {
        guard frame.verb == .msg, let dialect,
              let trID = frame.transactionID, frame.arguments.count == 1, let payload = frame.payload,
              let mode = AcknowledgementMode(frame.arguments[0]),
              mode != .data || dialect.supportsDataMessages,
              payload.readableBytes <= maximumMessageLength
        else { return nil }
        return .relay(trID, mode: mode, payload: payload)
    }

    /// Reports the hub's answer to ``SwitchboardAction/start(_:)`` or
    /// ``SwitchboardAction/answer(_:)``: who joined, or `nil` for a refused cookie.
    ///
    /// After `USR` the welcome `USR trID OK handle name` is sent here; after `ANS` the hub has
    /// already queued the `IRO` roster and `ANS trID OK`.
    public mutating func loginFinished(_ identity: SwitchboardIdentity?, handle: EndpointHandle? = nil) -> [SwitchboardAction] {
        guard case .authenticating(let trID) = phase else { return [] }
        guard let identity else { return [.send(.error(.authenticationFailed, trID))] + close() }
        phase = .joined(identity)
        guard let handle else { return [] }
        let reply = SwitchboardLoginReply(transactionID: trID, handle: handle,
                                          friendlyName: URLEncodedName(identity.friendlyName))
        return [.send(reply.frame)]
    }

    /// Reports the hub's answer to ``SwitchboardAction/answer(_:)``.
    public mutating func answerFinished(_ identity: SwitchboardIdentity?) -> [SwitchboardAction] {
        loginFinished(identity, handle: nil)
    }

    /// Reports the outcome of ``SwitchboardAction/call(_:email:)``: `nil` when ringing (the hub
    /// queued `CAL trID RINGING id`), else the error to send.
    public func callFinished(_ transactionID: TransactionID, refusal: ErrorCode?) -> [SwitchboardAction] {
        guard case .joined = phase, let refusal else { return [] }
        return [.send(.error(refusal, transactionID))]
    }

    /// Reports the outcome of ``SwitchboardAction/relay(_:mode:payload:)``: `ACK`, `NAK` or
    /// nothing, as the mode asks.
    public func relayFinished(_ transactionID: TransactionID, mode: AcknowledgementMode,
                              delivered: Bool) -> [SwitchboardAction] {
        relayReply(transactionID, mode: mode, delivered: delivered).map { [.send($0)] } ?? []
    }

    /// The frame of ``relayFinished(_:mode:delivered:)`` (`ACK`, `NAK`, or `nil` for none),
    /// without building a list.
    public func relayReply(_ transactionID: TransactionID, mode: AcknowledgementMode, delivered: Bool) -> Frame? {
        guard dialect != nil else { return nil }  // joined
        return mode.reply(transactionID, delivered: delivered)
    }

    /// Stops answering and asks for the connection to close.
    mutating func close() -> [SwitchboardAction] {
        phase = .closed
        return [.close]
    }
}
