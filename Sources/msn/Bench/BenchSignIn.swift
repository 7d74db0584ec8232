import MSNAuth
import MSNClient
import MSNCore

/// Signs a ``BenchConnection`` in to the notification server with a ticket already in hand
/// and leaves it signed in (``NotificationLoginClient`` signs straight out again):
///
/// ```
/// C: VER 1 MSNP11 CVR0          S: VER 1 MSNP11 CVR0
/// C: CVR 2 0x0409 winnt …       S: CVR 2 …
/// C: USR 3 TWN I alice@…        S: USR 3 TWN S …
/// C: USR 4 TWN S t=…&p=…        S: USR 4 OK alice@… …
/// ```
struct BenchSignIn: Sendable {
    var server: ServerAddress
    var dialect: Dialect
    var timeout: Duration = .seconds(30)
    var clientVersion = MessengerClient.ClientVersion()
    var machineGUID = MessengerClient.Configuration.makeMachineGUID()

    /// Connects and signs `email` in; the connection stays open.
    func signIn(email: String, ticket: MessengerClient.PassportTicket,
                onPush: @escaping BenchConnection.PushHandler,
                onClose: @escaping BenchConnection.CloseHandler) async throws -> BenchConnection {
        let scheme = dialect.authenticationScheme
        guard scheme != .md5 else { throw BenchError("\(dialect) has no ticket login") }
        let connection = try await BenchConnection.connect(to: server, dialect: dialect, answersChallenges: true,
                                                           onPush: onPush, onClose: onClose)
        do {
            func ask(_ verb: Verb, _ arguments: [String]) async throws -> Frame {
                try await connection.request(Frame(verb: verb, transactionID: connection.makeTransactionID(),
                                                   arguments: arguments), expecting: verb, timeout: timeout)
            }
            _ = try await ask("VER", [dialect.token, "CVR0"])
            var cvr = [clientVersion.localeID, clientVersion.osType, clientVersion.osVersion, clientVersion.architecture,
                       clientVersion.clientName, clientVersion.version(for: dialect), clientVersion.brand]
            if dialect.cvrCarriesEmail { cvr.append(email) }
            _ = try await ask("CVR", cvr)
            let challenge = try await ask("USR", [scheme.rawValue, "I", email])
            var proof = [scheme.rawValue, "S", ticket.ticket]
            if scheme == .sso {
                guard let nonce = challenge.argument(3), let proofKey = ticket.proofKey else {
                    throw BenchError("SSO needs a nonce and a proof key: \(challenge.line)")
                }
                proof.append(try SSOBlob.make(nonce: String(nonce), proofKey: proofKey))
                if dialect.usrCarriesMachineGUID { proof.append(machineGUID) }
            }
            let ok = try await ask("USR", proof)
            guard ok.argument(0) == "OK" else { throw BenchError("expected USR OK: \(ok.line)") }
            return connection
        } catch {
            connection.close()
            throw error
        }
    }
}
