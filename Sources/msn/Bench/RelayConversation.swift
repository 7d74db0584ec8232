import MSNAuth
import MSNClient
import MSNCore
import Synchronization

/// One switchboard conversation of `msn bench relay`: two accounts signed in on lightweight
/// notification connections, and their two switchboard connections.
///
/// ```
/// NS [a] VER/CVR/USR I/USR S <ticket>/CHG 5 NLN 0     NS [b] the same
/// NS [a] C: XFR 6 SB            S: XFR 6 SB 127.0.0.1:1864 CKI <cookie>
/// SB [a] C: USR 1 a@… <cookie>  S: USR 1 OK a@… a@…
/// SB [a] C: CAL 2 b@…           S: CAL 2 RINGING <session>
/// NS [b]                        S: RNG <session> 127.0.0.1:1864 CKI <cookie> a@… a@…
/// SB [b] C: ANS 1 b@… <cookie> <session>   S: IRO 1 1 1 a@… a@…   S: ANS 1 OK
/// SB [a]                        S: JOI b@… b@…
/// ```
/// `a` then sends, `b` receives.
struct RelayConversation: Sendable {
    var callerNotification: RelayConnection
    var calleeNotification: RelayConnection
    /// The caller's switchboard connection: it sends.
    var sender: RelayConnection
    /// The callee's switchboard connection: it receives.
    var receiver: RelayConnection

    /// Every connection, for closing.
    var connections: [RelayConnection] { [sender, receiver, callerNotification, calleeNotification] }

    /// Signs both accounts in and opens the conversation; everything within `timeout`.
    static func open(caller: BenchTicket, callee: BenchTicket, notificationServer: ServerAddress, dialect: Dialect,
                     timeout: Duration = .seconds(30)) async throws -> RelayConversation {
        let opened = OpenedConnections()
        let watchdog = Task {
            try await Task.sleep(for: timeout)
            await opened.closeAll()
        }
        do {
            let callerNS = try await RelayConnection.connect(host: notificationServer.host, port: notificationServer.port,
                                                             dialect: dialect)
            opened.add(callerNS)
            let calleeNS = try await RelayConnection.connect(host: notificationServer.host, port: notificationServer.port,
                                                             dialect: dialect)
            opened.add(calleeNS)
            var callerFrames = callerNS.frames.makeAsyncIterator()
            var calleeFrames = calleeNS.frames.makeAsyncIterator()
            let machineGUID = MessengerClient.Configuration.makeMachineGUID()
            try await signIn(callerNS, frames: &callerFrames, ticket: caller, dialect: dialect, machineGUID: machineGUID)
            try await signIn(calleeNS, frames: &calleeFrames, ticket: callee, dialect: dialect, machineGUID: machineGUID)

            try await callerNS.send(Frame(verb: .xfr, transactionID: 6, arguments: ["SB"]))
            let xfr = try await expect(&callerFrames, "XFR 6 SB") { $0.verb == .xfr && $0.transactionID == 6 }
            guard case .switchboard(let referral)? = try? Referral(frame: xfr),
                  let switchboard = ServerAddress(referral.address)
            else { throw RelayError("not a switchboard referral: \(xfr.line)") }

            let sender = try await RelayConnection.connect(host: switchboard.host, port: switchboard.port, dialect: dialect)
            opened.add(sender)
            var senderFrames = sender.frames.makeAsyncIterator()
            let callerHandle = EndpointHandle(account: caller.email, endpoint: machineGUID, dialect: dialect)
            try await sender.send(SwitchboardLoginRequest(transactionID: 1, handle: callerHandle, cookie: referral.cookie).frame)
            _ = try await expect(&senderFrames, "USR 1 OK") { $0.verb == .usr && $0.transactionID == 1 }
            try await sender.send(Frame(verb: .cal, transactionID: 2, arguments: [callee.email]))
            _ = try await expect(&senderFrames, "CAL 2 RINGING") { $0.verb == .cal && $0.transactionID == 2 }

            let rng = try await expect(&calleeFrames, "RNG") { $0.verb == .rng }
            let invitation = try SwitchboardInvitation(frame: rng, dialect: dialect)
            guard let address = ServerAddress(invitation.address) else { throw RelayError("RNG address: \(rng.line)") }
            let receiver = try await RelayConnection.connect(host: address.host, port: address.port, dialect: dialect)
            opened.add(receiver)
            var receiverFrames = receiver.frames.makeAsyncIterator()
            let calleeHandle = EndpointHandle(account: callee.email, endpoint: machineGUID, dialect: dialect)
            try await receiver.send(SwitchboardAnswer(transactionID: 1, handle: calleeHandle, invitation: invitation).frame)
            _ = try await expect(&receiverFrames, "ANS 1 OK") { $0.verb == .ans && $0.transactionID == 1 }
            _ = try await expect(&senderFrames, "JOI") { $0.verb == .joi }
            watchdog.cancel()
            return RelayConversation(callerNotification: callerNS, calleeNotification: calleeNS,
                                     sender: sender, receiver: receiver)
        } catch {
            watchdog.cancel()
            await opened.closeAll()
            throw error
        }
    }

    /// `VER`, `CVR`, `USR I`, `USR S` with the ticket (and, for SSO, a fresh MBI blob), then
    /// `CHG 5 NLN`: switchboards are refused before the first `CHG`.
    private static func signIn(_ connection: RelayConnection, frames: inout AsyncThrowingStream<Frame, any Error>.AsyncIterator,
                               ticket: BenchTicket, dialect: Dialect, machineGUID: String) async throws {
        let scheme = dialect.authenticationScheme
        guard scheme != .md5 else { throw RelayError("\(dialect) has no ticket login") }
        try await connection.send(Frame(verb: .ver, transactionID: 1, arguments: [dialect.token, "CVR0"]))
        _ = try await expect(&frames, "VER 1") { $0.transactionID == 1 }
        let version = MessengerClient.ClientVersion()
        var cvr = [version.localeID, version.osType, version.osVersion, version.architecture,
                   version.clientName, version.version(for: dialect), version.brand]
        if dialect.cvrCarriesEmail { cvr.append(ticket.email) }
        try await connection.send(Frame(verb: .cvr, transactionID: 2, arguments: cvr))
        _ = try await expect(&frames, "CVR 2") { $0.transactionID == 2 }
        try await connection.send(Frame(verb: .usr, transactionID: 3, arguments: [scheme.rawValue, "I", ticket.email]))
        let challenge = try await expect(&frames, "USR 3") { $0.transactionID == 3 }
        var proof = [scheme.rawValue, "S", ticket.ticket.ticket]
        if scheme == .sso {
            guard let nonce = challenge.argument(3), let proofKey = ticket.ticket.proofKey else {
                throw RelayError("SSO needs a nonce and a proof key: \(challenge.line)")
            }
            proof.append(try SSOBlob.make(nonce: String(nonce), proofKey: proofKey))
            if dialect.usrCarriesMachineGUID { proof.append(machineGUID) }
        }
        try await connection.send(Frame(verb: .usr, transactionID: 4, arguments: proof))
        let ok = try await expect(&frames, "USR 4 OK") { $0.transactionID == 4 }
        guard ok.verb == .usr, ok.argument(0) == "OK" else { throw RelayError("expected USR 4 OK: \(ok.line)") }
        var chg = ["NLN"]
        switch dialect.capabilitiesForm {
        case .none: break
        case .decimal: chg.append("0")
        case .decimalPair: chg.append("0:0")
        }
        try await connection.send(Frame(verb: .chg, transactionID: 5, arguments: chg))
        _ = try await expect(&frames, "CHG 5") { $0.transactionID == 5 }
    }

    /// The first frame that `matches`, skipping pushes; an error reply, or the connection's end, throws.
    private static func expect(_ frames: inout AsyncThrowingStream<Frame, any Error>.AsyncIterator, _ what: String,
                               matching matches: (Frame) -> Bool) async throws -> Frame {
        while let frame = try await frames.next() {
            if matches(frame) {
                if frame.verb.isError { throw RelayError("expected \(what): \(frame.line)") }
                return frame
            }
            if frame.verb.isError { throw RelayError("expected \(what): \(frame.line)") }
        }
        throw RelayError("connection closed while waiting for \(what)")
    }

    /// Closes every connection.
    func close() async {
        for connection in connections { await connection.close() }
    }
}

/// An account with its Passport ticket.
struct BenchTicket: Sendable {
    var email: String
    var ticket: MessengerClient.PassportTicket
}

/// Connections opened so far, closed together when opening a conversation fails or takes too long.
private final class OpenedConnections: Sendable {
    private let connections = Mutex<[RelayConnection]>([])

    func add(_ connection: RelayConnection) {
        connections.withLock { $0.append(connection) }
    }

    func closeAll() async {
        for connection in connections.withLock({ $0 }) { await connection.close() }
    }
}
