import MSNCore

/// The dispatch server's side of one connection, as a pure state machine.
///
/// It answers the handshake and sends every client on to a notification server:
///
/// ```
/// C: VER 1 MSNP13 CVR0              S: VER 1 MSNP13 CVR0
/// C: CVR 2 0x0c0a winnt 5.1 i386 MSNMSGR 8.0.0792 msmsgs a@b.com
/// S: CVR 2 8.0.0792 8.0.0792 8.0.0792 <download-url> <info-url>
/// C: USR 3 TWN I a@b.com            S: XFR 3 NS 127.0.0.1:1866 U D   (then close)
/// ```
/// The `XFR` has the dialect's own shape (`Dialect/notificationRedirectForm`).
public struct DispatchSessionState: Sendable {
    /// What the dispatch server tells clients.
    public struct Configuration: Sendable, Hashable {
        public var handshake: LoginHandshake.Configuration
        /// The notification server clients are sent to, `host:port`.
        public var notificationServer: String
        /// This server's own `host:port`, the "current server" of MSNP7–12 redirects.
        public var currentServer: String

        public init(handshake: LoginHandshake.Configuration = .init(), notificationServer: String,
                    currentServer: String) {
            self.handshake = handshake
            self.notificationServer = notificationServer
            self.currentServer = currentServer
        }
    }

    /// What the runner does.
    public enum Action: Sendable, Hashable {
        case send(Frame)
        /// Write what is queued, then close.
        case close
    }

    public let configuration: Configuration
    private var handshake: LoginHandshake
    private var closed = false

    public init(configuration: Configuration) {
        self.configuration = configuration
        self.handshake = LoginHandshake(configuration: configuration.handshake)
    }

    /// The dialect chosen by `VER`, `nil` before.
    public var dialect: Dialect? { handshake.dialect }

    /// Handles one frame from the client.
    public mutating func receive(_ frame: Frame) -> [Action] {
        guard !closed else { return [] }
        switch frame.verb {
        case .ver, .cvr, .inf:
            switch handshake.handle(frame) {
            case .reply(let frames): return frames.map(Action.send)
            case .replyAndClose(let frames): return frames.map(Action.send) + close()
            case .close: return close()
            }
        case .usr where frame.argument(1) == "I":
            // C: USR 3 TWN I a@b.com   S: XFR 3 NS host:port …
            return redirect(frame)
        case .xfr where frame.argument(0) == "NS":
            // C: XFR 2 NS (the MSN 1.0 beta asked the dispatch server this way)
            return redirect(frame)
        default:
            return close()
        }
    }

    /// `XFR trID NS host:port …` in the dialect's form, then close.
    private mutating func redirect(_ frame: Frame) -> [Action] {
        guard let trID = frame.transactionID, let dialect else { return close() }
        return [.send(Self.redirect(transactionID: trID, dialect: dialect,
                                    notificationServer: configuration.notificationServer,
                                    currentServer: configuration.currentServer))] + close()
    }

    /// The redirect line of `dialect`:
    ///
    /// ```
    /// XFR 3 NS 10.0.0.5:1863                      (MSNP2)
    /// XFR 3 NS 10.0.0.5:1863 0                    (MSNP3–6)
    /// XFR 3 NS 10.0.0.5:1863 0 10.0.0.1:1863      (MSNP7–12)
    /// XFR 3 NS 10.0.0.5:1863 U D                  (MSNP13+)
    /// ```
    public static func redirect(transactionID: TransactionID, dialect: Dialect, notificationServer: String,
                                currentServer: String) -> Frame {
        let tail: [String] = switch dialect.notificationRedirectForm {
        case .addressOnly: []
        case .addressAndZero: ["0"]
        case .addressZeroAndCurrent: ["0", currentServer]
        case .addressUD: ["U", "D"]
        }
        return Frame(verb: .xfr, transactionID: transactionID, arguments: ["NS", notificationServer] + tail)
    }

    private mutating func close() -> [Action] {
        closed = true
        return [.close]
    }
}
