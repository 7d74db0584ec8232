import Hummingbird
import Logging

/// The Passport 1.4 ("Tweener") endpoints of MSNP8–11: Nexus and `login2.srf`.
///
/// ```
/// GET /rdr/pprdr.asp
/// → 200, PassportURLs: DARealm=Passport.Net,DALogin=login.example.net/login2.srf,ConfigVersion=15
///
/// GET /login2.srf   Authorization: Passport1.4 OrgVerb=GET,…,sign-in=alice%40example.com,pwd=secret,…
/// → 200, Authentication-Info: Passport1.4 da-status=success,tname=MSPAuth,tname=MSPProf,tname=MSPSec,from-PP='t=…&p=…',ru=http://messenger.msn.com
/// → 401, WWW-Authenticate: Passport1.4 da-status=failed,srealm=Passport.Net,ts=-3,prompt
/// ```
///
/// A missing or malformed header, an unknown account and a wrong password all get the same
/// 401; only a storage failure gets 503.
///
/// The ticket is issued for ``PassportService/messenger`` (`messenger.msn.com`): the
/// notification server checks `USR … TWN S <ticket>` against that service. `/login` is an alias
/// of `/login2.srf` (some servers advertise it).
struct PassportRoutes: Sendable {
    let configuration: MessengerHTTPService.Configuration
    let store: any MessengerStore
    let tickets: TicketStore
    let logger: Logger

    /// The default return URL when the request names none.
    static let defaultReturnURL = "http://messenger.msn.com"

    func register(on router: Router<BasicRequestContext>) {
        router.get("rdr/pprdr.asp") { request, _ in nexus(request) }
        router.get("login2.srf") { request, _ in await login(request) }
        router.get("login") { request, _ in await login(request) }
    }

    /// `GET /rdr/pprdr.asp`: where to sign in.
    func nexus(_ request: Request) -> Response {
        let base: String
        if let advertised = configuration.advertisedLoginBase {
            base = advertised
        } else if let host = request.head.authority, Self.isSafeHeaderText(host) {
            base = host
        } else {
            base = "\(configuration.host):\(configuration.port)"
        }
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        let urls = "DARealm=Passport.Net,DALogin=\(trimmed)/login2.srf,DAReg=\(trimmed)/register,ConfigVersion=15"
        var headers = HTTPFields()
        headers[.init("PassportURLs")!] = urls
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init())
    }

    /// `GET /login2.srf`: check the password in the `Authorization` header, hand out a ticket.
    func login(_ request: Request) async -> Response {
        guard let header = request.headers[.authorization], let authorization = PassportAuthorization(headerValue: header) else {
            logger.debug("login2: missing or malformed Passport1.4 authorization")
            return failure()
        }
        let account: Account?
        do {
            account = try await store.authenticate(email: authorization.signIn, password: authorization.password)
        } catch {
            logger.error("login2: store failed", metadata: ["error": "\(error)"])
            return Response(status: .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8"], body: .init())
        }
        guard let account else {
            logger.info("login2: authentication failed", metadata: ["sign-in": "\(authorization.signIn.prefix(140))"])
            return failure()
        }
        let issued = await tickets.issue(account: account, service: .messenger)
        let returnURL = authorization.orgURL.flatMap { Self.isSafeHeaderText($0) && !$0.contains(",") && !$0.contains("'") ? $0 : nil }
            ?? Self.defaultReturnURL
        var headers = HTTPFields()
        headers[.init("Authentication-Info")!] =
            "Passport1.4 da-status=success,tname=MSPAuth,tname=MSPProf,tname=MSPSec,from-PP='\(issued.ticket)',ru=\(returnURL)"
        headers[.contentType] = "text/plain; charset=utf-8"
        logger.info("login2: ticket issued", metadata: ["account": "\(account.email)"])
        return Response(status: .ok, headers: headers, body: .init())
    }

    private func failure() -> Response {
        var headers = HTTPFields()
        headers[.wwwAuthenticate] = "Passport1.4 da-status=failed,srealm=Passport.Net,ts=-3,prompt"
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: .unauthorized, headers: headers, body: .init())
    }

    /// Printable ASCII only, at most 512 bytes: safe to echo into a header.
    static func isSafeHeaderText(_ text: String) -> Bool {
        text.utf8.count <= 512 && text.utf8.allSatisfy { $0 >= 0x21 && $0 < 0x7F }
    }
}
