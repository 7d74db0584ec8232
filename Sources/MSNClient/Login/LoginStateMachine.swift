import Foundation
import MSNCore

/// The sign-in conversation as a pure state machine: events in, actions out, no sockets.
///
/// ```
/// C: VER 1 MSNP8 CVR0                       ← connected()
/// S: VER 1 MSNP8                            → send CVR
/// C: CVR 2 0x0409 winnt 5.1 i386 MSNMSGR 5.0.0537 msmsgs alice@example.com
/// S: CVR 2 5.0.0537 5.0.0537 1.0.0863 http://… http://…
/// C: USR 3 TWN I alice@example.com
/// S: XFR 3 NS 10.0.0.5:1863 0 10.0.0.1:1863 → connect(10.0.0.5:1863), start over
/// S: USR 3 TWN S ct=1,rver=1,…              → fetchTweenerTicket(policy:)
/// C: USR 4 TWN S t=…&p=…                    ← ticketReceived(_:)
/// S: USR 4 OK alice@example.com Alice 1 0   → signedIn
/// ```
///
/// The driver performs each ``Action`` and feeds the outcome back: ``connected()`` after a
/// connection opens, ``received(_:)`` for every frame read, ``ticketReceived(_:blob:tickets:)``
/// after the HTTP part, ``connectionClosed(_:)`` when the connection drops. Transaction ids are
/// numbered here, from 1 on every connection.
struct LoginStateMachine {
    private enum State: Equatable {
        case idle
        case connecting
        case awaitingVER(TransactionID)
        case awaitingINF(TransactionID)
        case awaitingCVR(TransactionID)
        case awaitingUSRChallenge(TransactionID)
        case awaitingTicket
        case awaitingUSROK(TransactionID)
        case signedIn
        case failed
    }

    private var state: State = .idle
    private let settings: Settings
    /// The dialect chosen by the server on the current connection.
    private(set) var dialect: Dialect?
    /// The server of the current connection.
    private(set) var server: ServerAddress
    /// How many `XFR … NS` redirects were followed.
    private(set) var redirects = 0
    /// The transaction id the next command on this connection gets.
    private(set) var nextTransactionID: TransactionID = 1
    private var tickets: [String: String] = [:]

    init(settings: Settings) {
        self.settings = settings
        self.server = settings.server
    }

    /// `true` once signed in or failed.
    var isFinished: Bool { state == .signedIn || state == .failed }

    // MARK: - Events

    /// Starts: connect to the configured server.
    mutating func start() -> Action {
        precondition(state == .idle, "start() once")
        state = .connecting
        return .connect(server)
    }

    /// The connection is open: offer the dialects.
    mutating func connected() -> Action {
        guard state == .connecting else { return fail(.violation("unexpected connection", frame: Frame(verb: .ver))) }
        nextTransactionID = 1
        dialect = nil
        return sendVER()
    }

    /// A frame arrived.
    mutating func received(_ frame: Frame) -> Action {
        if frame.verb == .out { return signedOut(frame) }
        switch state {
        case .awaitingVER(let id) where frame.transactionID == id:
            return receivedVER(frame)
        case .awaitingINF(let id) where frame.transactionID == id:
            // `INF 2 MD5`; an error or another list still lets MD5 be tried.
            return afterINF()
        case .awaitingCVR(let id) where frame.transactionID == id:
            if frame.verb.isError, isUnavailable(frame) { return fail(.server(frame, during: "CVR")) }
            return sendUSRInitial()
        case .awaitingUSRChallenge(let id) where frame.transactionID == id:
            return receivedUSRChallenge(frame)
        case .awaitingUSROK(let id) where frame.transactionID == id:
            return receivedUSROK(frame)
        case .idle, .connecting, .awaitingTicket, .signedIn, .failed:
            return state == .failed ? .fail(.disconnected("login failed")) : .readNext
        default:
            // A push during login (`GCF 0 1187`, `SBS 0 null`, `CHL 0 …`) or a stray line.
            return .readNext
        }
    }

    /// The Passport/SSO part produced a ticket (and, for SSO, the MBI blob).
    ///
    /// - Parameters:
    ///   - ticket: the compact ticket (`t=…&p=…`, or whatever Passport returned).
    ///   - blob: the base64 MBI blob (SSO only).
    ///   - tickets: every ticket received, by service address.
    mutating func ticketReceived(_ ticket: String, blob: String? = nil, tickets: [String: String] = [:]) -> Action {
        guard state == .awaitingTicket, let dialect else {
            return fail(MessengerClientError(.protocolViolation, "a ticket arrived outside a login"))
        }
        self.tickets = tickets
        let id = takeTransactionID()
        var arguments = [dialect.authenticationScheme.rawValue, "S", ticket]
        if dialect.authenticationScheme == .sso {
            guard let blob else { return fail(MessengerClientError(.protocolViolation, "SSO needs an MBI blob")) }
            arguments.append(blob)
            if dialect.usrCarriesMachineGUID { arguments.append(settings.machineGUID) }
        }
        state = .awaitingUSROK(id)
        return .send(Frame(verb: .usr, transactionID: id, arguments: arguments))
    }

    /// The connection closed (or could not be read).
    mutating func connectionClosed(_ error: MessengerClientError) -> Action {
        if state == .signedIn { return .readNext }
        if case .awaitingVER = state, error.code == .disconnected {
            return fail(MessengerClientError(.serverUnavailable, "\(server) closed the connection before answering VER"))
        }
        return fail(error)
    }

    // MARK: - Steps

    private mutating func sendVER() -> Action {
        let id = takeTransactionID()
        state = .awaitingVER(id)
        let offer = VersionNegotiation.offer(settings.dialects, includeCVR0: settings.offerCVR0)
        return .send(Frame(verb: .ver, transactionID: id, arguments: offer))
    }

    private mutating func receivedVER(_ frame: Frame) -> Action {
        if frame.verb.isError { return fail(.server(frame, during: "VER")) }
        guard frame.verb == .ver else { return fail(.violation("expected a VER reply", frame: frame)) }
        guard let chosen = VersionNegotiation.chosenDialect(in: frame.arguments) else {
            return fail(MessengerClientError(.dialectRefused, "\(server) speaks none of \(offeredList)", line: frame.line))
        }
        guard settings.dialects.contains(chosen) else {
            return fail(.violation("the server chose \(chosen), which was not offered", frame: frame))
        }
        dialect = chosen
        if chosen.hasINF {
            let id = takeTransactionID()
            state = .awaitingINF(id)
            return .send(Frame(verb: .inf, transactionID: id, arguments: [String]()))
        }
        return afterINF()
    }

    private mutating func afterINF() -> Action {
        guard let dialect else { return fail(MessengerClientError(.protocolViolation, "no dialect")) }
        if dialect.cvrCarriesEmail || settings.sendCVRBeforeMSNP8 {
            let id = takeTransactionID()
            state = .awaitingCVR(id)
            let version = settings.clientVersion
            var arguments = [version.localeID, version.osType, version.osVersion, version.architecture,
                             version.clientName, version.version(for: dialect), version.brand]
            if dialect.cvrCarriesEmail { arguments.append(settings.email) }
            return .send(Frame(verb: .cvr, transactionID: id, arguments: arguments))
        }
        return sendUSRInitial()
    }

    private mutating func sendUSRInitial() -> Action {
        guard let dialect else { return fail(MessengerClientError(.protocolViolation, "no dialect")) }
        let id = takeTransactionID()
        state = .awaitingUSRChallenge(id)
        return .send(Frame(verb: .usr, transactionID: id,
                           arguments: [dialect.authenticationScheme.rawValue, "I", settings.email]))
    }

    private mutating func receivedUSRChallenge(_ frame: Frame) -> Action {
        guard let dialect else { return fail(MessengerClientError(.protocolViolation, "no dialect")) }
        if frame.verb.isError {
            switch frame.errorCode?.rawValue {
            case 205, 208, 911, 931:
                return fail(MessengerClientError(.unknownAccount, "the server refused the account \(settings.email)",
                                                 serverErrorCode: frame.errorCode, line: frame.line))
            default:
                return fail(.server(frame, during: "USR … I"))
            }
        }
        if frame.verb == .xfr { return redirect(frame) }
        guard frame.verb == .usr, let kind = frame.argument(0) else {
            return fail(.violation("expected USR or XFR", frame: frame))
        }
        if kind == "OK" { return signedIn(frame) }  // a server that skips the challenge
        guard kind == dialect.authenticationScheme.rawValue, frame.argument(1) == "S" else {
            return fail(.violation("expected USR \(frame.transactionID.map { "\($0)" } ?? "") \(dialect.authenticationScheme.rawValue) S", frame: frame))
        }
        switch dialect.authenticationScheme {
        case .md5:
            guard let salt = frame.argument(2) else { return fail(.violation("USR MD5 S without a salt", frame: frame)) }
            let response: String
            do { response = try AuthenticationMath.md5Response(salt: String(salt), password: settings.password) }
            catch { return fail(error) }
            let id = takeTransactionID()
            state = .awaitingUSROK(id)
            return .send(Frame(verb: .usr, transactionID: id, arguments: ["MD5", "S", response]))
        case .tweener:
            state = .awaitingTicket
            let policy = frame.arguments.dropFirst(2).joined(separator: " ")
            return .fetchTweenerTicket(policy: policy)
        case .sso:
            guard let policy = frame.argument(2), let nonce = frame.argument(3) else {
                return fail(.violation("USR SSO S needs a policy and a nonce", frame: frame))
            }
            state = .awaitingTicket
            return .fetchSSOTicket(policy: String(policy), nonce: String(nonce))
        }
    }

    /// `XFR 3 NS host:port[ 0[ current]]`, `XFR 3 NS host:port U D`; host `0` restarts here.
    private mutating func redirect(_ frame: Frame) -> Action {
        guard frame.argument(0) == "NS", let target = frame.argument(1) else {
            return fail(.violation("expected XFR … NS host:port", frame: frame))
        }
        redirects += 1
        guard redirects <= settings.maximumRedirects else {
            return fail(.violation("more than \(settings.maximumRedirects) XFR NS redirects", frame: frame))
        }
        if target == "0" || target.hasPrefix("0:") {
            return sendVER()  // same connection, from VER
        }
        guard let address = ServerAddress(target) else {
            return fail(.violation("unreadable redirect address", frame: frame))
        }
        server = address
        state = .connecting
        return .connect(address)
    }

    private mutating func receivedUSROK(_ frame: Frame) -> Action {
        if frame.verb.isError {
            switch frame.errorCode?.rawValue {
            case 911, 917, 928:
                return fail(MessengerClientError(.wrongPassword, "the server refused the credentials of \(settings.email)",
                                                 serverErrorCode: frame.errorCode, line: frame.line))
            default:
                return fail(.server(frame, during: "USR … S"))
            }
        }
        guard frame.verb == .usr, frame.argument(0) == "OK" else {
            return fail(.violation("expected USR … OK", frame: frame))
        }
        return signedIn(frame)
    }

    /// Reads every `USR … OK` form leniently: extra parameters are ignored.
    private mutating func signedIn(_ frame: Frame) -> Action {
        guard let dialect, let email = frame.argument(1) else {
            return fail(.violation("USR OK without an e-mail", frame: frame))
        }
        var friendlyName: String?
        var verified: Substring?
        switch dialect.loginOKForm {
        case .friendlyName, .friendlyNameVerified, .friendlyNameVerifiedRestricted:
            friendlyName = frame.argument(2).map { String($0).removingPercentEncoding ?? String($0) }
            verified = frame.argument(3)
        case .verifiedRestricted:
            verified = frame.argument(2)
        }
        state = .signedIn
        return .signedIn(SignedInAccount(email: String(email), friendlyName: friendlyName,
                                         isVerified: verified.map { $0 == "1" }, dialect: dialect,
                                         server: server, tickets: tickets))
    }

    private mutating func signedOut(_ frame: Frame) -> Action {
        switch frame.argument(0) {
        case "OTH":
            return fail(MessengerClientError(.signedInElsewhere, "the account signed in elsewhere", line: frame.line))
        case "SSD":
            return fail(MessengerClientError(.serverUnavailable, "the server is shutting down", line: frame.line))
        default:
            return fail(MessengerClientError(.disconnected, "the server signed the client out", line: frame.line))
        }
    }

    // MARK: - Helpers

    private mutating func takeTransactionID() -> TransactionID {
        let id = nextTransactionID
        nextTransactionID = id.next
        return id
    }

    private mutating func fail(_ error: MessengerClientError) -> Action {
        state = .failed
        return .fail(error)
    }

    private func isUnavailable(_ frame: Frame) -> Bool {
        MessengerClientError.server(frame, during: "").code == .serverUnavailable
    }

    private var offeredList: String {
        VersionNegotiation.offer(settings.dialects, includeCVR0: false).joined(separator: " ")
    }
}
