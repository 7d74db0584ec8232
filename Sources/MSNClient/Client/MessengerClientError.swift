import MSNCore

/// An error a program using ``MessengerClient`` can act on.
///
/// Match on ``code``; ``detail`` is for people and logs and never contains a password, a
/// ticket or a proof key.
///
/// ```swift
/// do {
///     try await client.signIn(email: "alice@example.com", password: "wrong")
/// } catch let error where error.code == .wrongPassword {
///     // `USR 4 MD5 S …` was answered with `911 4`
/// }
/// ```
public struct MessengerClientError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure. A struct around a private enum, so codes can be added later.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case wrongPassword = "wrong password"
            case unknownAccount = "unknown account"
            case serverUnavailable = "server unavailable"
            case dialectRefused = "dialect refused"
            case protocolViolation = "protocol violation"
            case signedInElsewhere = "signed in elsewhere"
            case timeout = "timeout"
            case contactOffline = "contact offline"
            case switchboardRefused = "switchboard refused"
            case serverError = "server error"
            case httpFailure = "HTTP/SOAP failure"
            case disconnected = "disconnected"
            case notSignedIn = "not signed in"
            case invalidConfiguration = "invalid configuration"
            case authenticationUnavailable = "authentication unavailable"
            case listFull = "list full"
            case alreadyOnList = "already on the list"
            case notOnList = "not on the list"
            case groupMissing = "group missing"
            case soapFault = "SOAP fault"
            case notSupportedInDialect = "not supported in this dialect"
            case conversationFull = "conversation full"
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The server refused the credentials: `911` after `USR … S`, Passport's
        /// `401 … da-status=failed`, or an RST `FailedAuthentication` fault. Passport services do
        /// not say whether the account exists, so an unknown account signing in through them
        /// is reported with this code too.
        public static let wrongPassword = Code(.wrongPassword)
        /// The server said the account does not exist: an error answering `USR … I`
        /// (`205`, `208`, `911`, `931`).
        public static let unknownAccount = Code(.unknownAccount)
        /// The server could not be reached: connection refused, unknown host, or a numeric
        /// "unavailable / busy / going down" reply (`600`, `601`, `604`, `910`…).
        public static let serverUnavailable = Code(.serverUnavailable)
        /// None of the offered dialects is spoken by the server: `VER 1 0`.
        public static let dialectRefused = Code(.dialectRefused)
        /// The server sent something the protocol does not allow here; ``MessengerClientError/line``
        /// holds the offending line.
        public static let protocolViolation = Code(.protocolViolation)
        /// The account signed in from another place: `OUT OTH`.
        public static let signedInElsewhere = Code(.signedInElsewhere)
        /// No answer in time (connect, reply, keepalive, HTTP).
        public static let timeout = Code(.timeout)
        /// The contact called into a conversation is offline, invisible or blocking: `CAL`
        /// answered with `217` (`216` on old servers).
        public static let contactOffline = Code(.contactOffline)
        /// No switchboard: `XFR … SB` answered with an error (`913` while appearing offline),
        /// or the switchboard refused `USR`/`ANS` (`911`: bad or used cookie).
        public static let switchboardRefused = Code(.switchboardRefused)
        /// A numeric error reply; ``MessengerClientError/serverErrorCode`` holds it.
        public static let serverError = Code(.serverError)
        /// Nexus, Passport 1.4 or RST/RST2 answered with an unexpected status or body.
        public static let httpFailure = Code(.httpFailure)
        /// The connection closed (server `OUT`, reset, or the client signed out).
        public static let disconnected = Code(.disconnected)
        /// A request needs a signed-in session and there is none.
        public static let notSignedIn = Code(.notSignedIn)
        /// The configuration cannot work (for example no HTTP URL for a Passport login).
        public static let invalidConfiguration = Code(.invalidConfiguration)
        /// The authentication code this login needs is not available in this build.
        public static let authenticationUnavailable = Code(.authenticationUnavailable)
        /// The contact list (or the group list) holds as many entries as the server allows:
        /// `210`, or the SOAP fault `QuotaLimitReached`.
        public static let listFull = Code(.listFull)
        /// The contact is already on that list: `215`, or `ContactAlreadyExists` /
        /// `MemberAlreadyExists`.
        public static let alreadyOnList = Code(.alreadyOnList)
        /// The contact is not on that list: `216`, or `ContactDoesNotExist` / `MemberDoesNotExist`.
        public static let notOnList = Code(.notOnList)
        /// The group does not exist: `224`, `225`, `231`, or `GroupDoesNotExist`.
        public static let groupMissing = Code(.groupMissing)
        /// Another SOAP fault of the address-book or sharing service;
        /// ``MessengerClientError/soapFaultCode`` holds its `errorcode`.
        public static let soapFault = Code(.soapFault)
        /// The operation does not exist in the signed-in dialect (a personal message before
        /// MSNP11, groups before MSNP7).
        public static let notSupportedInDialect = Code(.notSupportedInDialect)

        /// The conversation holds as many people as the switchboard allows: `CAL` answered
        /// with `712` (`C: CAL 6 dave@example.com` → `S: 712 6`).
        public static let conversationFull = Code(.conversationFull)

        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public var code: Code
    /// A short explanation for people.
    public var detail: String
    /// The numeric error the server sent, for ``Code/serverError`` and the codes mapped from one.
    public var serverErrorCode: ErrorCode?
    /// The protocol line that caused the error, when there is one (`VER 1 0`, `911 5`).
    public var line: String?
    /// The `errorcode` of a SOAP fault (`InvalidPassportUser`), for ``Code/soapFault`` and the
    /// codes mapped from one.
    public var soapFaultCode: String?

    /// Creates an error (``MessengerClient`` makes them; programs mostly read them).
    public init(_ code: Code, _ detail: String, serverErrorCode: ErrorCode? = nil, line: String? = nil) {
        self.code = code
        self.detail = detail
        self.serverErrorCode = serverErrorCode
        self.line = line
    }

    public var description: String {
        var text = "\(code): \(detail)"
        if let line { text += " [\(line)]" }
        return text
    }
}

extension MessengerClientError {
    static func violation(_ detail: String, frame: Frame) -> MessengerClientError {
        MessengerClientError(.protocolViolation, detail, line: frame.line)
    }

    static func timeout(_ detail: String) -> MessengerClientError {
        MessengerClientError(.timeout, detail)
    }

    static func disconnected(_ detail: String) -> MessengerClientError {
        MessengerClientError(.disconnected, detail)
    }

    /// The error of a numeric reply, mapped to the most useful code.
    static func server(_ frame: Frame, during step: String) -> MessengerClientError {
        let code = frame.errorCode ?? ErrorCode(0)
        let unavailable: Set<Int> = [500, 600, 601, 602, 603, 604, 605, 910, 912, 914, 915, 916, 918, 919, 920, 921, 922]
        if unavailable.contains(code.rawValue) {
            return MessengerClientError(.serverUnavailable, "the server answered \(step) with \(code)",
                                        serverErrorCode: code, line: frame.line)
        }
        return MessengerClientError(.serverError, "the server answered \(step) with \(code)",
                                    serverErrorCode: code, line: frame.line)
    }
}
