import Foundation
import Hummingbird
import Logging
import NIOCore

/// The WS-Trust sign-in endpoints: `POST /RST.srf` (MSNP12–18, WS-Trust 2004) and
/// `POST /RST2.srf` (WLM 2009, WS-Trust 2005).
///
/// ```
/// POST /RST.srf   <Envelope …><Header>…<wsse:Username>alice@example.com</wsse:Username>…
/// → 200 text/xml  <S:Envelope …><wst:RequestSecurityTokenResponseCollection>…
/// ```
///
/// | Request | Answer |
/// |---|---|
/// | right password | 200, one token response per requested address (``SecurityTokenResponse``) |
/// | wrong password, unknown account | 200, SOAP fault `FailedAuthentication` (as Passport answered) |
/// | not XML, DTD, no credentials, no tokens, too deep | 400, SOAP fault `wst:InvalidRequest` |
/// | body over ``MessengerHTTPService/Configuration/maximumBodySize`` | 413, SOAP fault `wst:InvalidRequest` |
/// | storage failure | 503, SOAP server fault |
///
/// The answer uses the WS-Trust generation of the request's `RequestSecurityToken` element;
/// when that cannot be told (unparseable body), the endpoint's own: 2004 for `RST.srf`, 2005 for
/// `RST2.srf`.
struct SecurityTokenRoutes: Sendable {
    let configuration: MessengerHTTPService.Configuration
    let store: any MessengerStore
    let tickets: TicketStore
    let logger: Logger

    func register(on router: Router<BasicRequestContext>) {
        router.post("RST.srf") { request, _ in await respond(to: request, endpointFlavor: .wsTrust2004) }
        router.post("RST2.srf") { request, _ in await respond(to: request, endpointFlavor: .wsTrust2005) }
    }

    /// Handles one request; never throws, never answers 500.
    func respond(to request: Request, endpointFlavor: SecurityTokenRequest.Flavor) async -> Response {
        let limit = configuration.maximumBodySize
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            return fault(.invalidRequest("body larger than \(limit) bytes"), flavor: endpointFlavor, status: .contentTooLarge)
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            return fault(.invalidRequest("body larger than \(limit) bytes"), flavor: endpointFlavor, status: .contentTooLarge)
        } catch {
            logger.debug("RST: cannot read body", metadata: ["error": "\(error)"])
            return fault(.invalidRequest("unreadable body"), flavor: endpointFlavor, status: .badRequest)
        }

        let limits = SecurityTokenRequestParser.Limits(
            maximumDepth: configuration.maximumXMLDepth,
            maximumTokens: configuration.maximumRequestedTokens
        )
        let (result, seenFlavor) = SecurityTokenRequestParser.parseDetectingFlavor(Array(buffer: body), limits: limits)
        let parsed: SecurityTokenRequest
        switch result {
        case .success(let request):
            parsed = request
        case .failure(let failure):
            logger.debug("RST: refused request", metadata: ["reason": "\(failure)"])
            return fault(.invalidRequest(Self.reason(failure)), flavor: seenFlavor ?? endpointFlavor, status: .badRequest)
        }

        let account: Account?
        do {
            account = try await store.authenticate(email: parsed.username, password: parsed.password)
        } catch {
            logger.error("RST: store failed", metadata: ["error": "\(error)"])
            return fault(.unavailable, flavor: parsed.flavor, status: .serviceUnavailable)
        }
        guard let account else {
            logger.info("RST: authentication failed", metadata: ["username": "\(parsed.username.prefix(140))"])
            return fault(.failedAuthentication, flavor: parsed.flavor, status: .ok)
        }

        let now = Date()
        // Every compact ticket of the request in one store entry.
        let compact = parsed.tokens.filter { $0.service != .passportTB }
        var issued = compact.isEmpty ? [] : await tickets.issue(account: account, services: compact.map(\.service))[...]
        var answers: [SecurityTokenResponse.Answer] = []
        for token in parsed.tokens {
            let service = token.service
            if service == .passportTB {
                let lifetime = tickets.configuration.lifetime
                answers.append(.legacy(address: token.address, created: now, expires: now.addingTimeInterval(Double(lifetime.components.seconds))))
            } else if let ticket = issued.popFirst() {
                answers.append(.compact(address: token.address, ticket: ticket, includesProofKey: service == .messengerClear))
            }
        }
        logger.info("RST: tokens issued", metadata: ["account": "\(account.email)", "services": "\(parsed.tokens.map(\.address))"])
        let xml = SecurityTokenResponse(flavor: parsed.flavor, account: account, answers: answers, now: now).xml()
        return Self.xmlResponse(xml, status: .ok)
    }

    private func fault(_ kind: SecurityTokenFault.Kind, flavor: SecurityTokenRequest.Flavor, status: HTTPResponse.Status) -> Response {
        Self.xmlResponse(SecurityTokenFault(flavor: flavor, kind: kind, now: Date()).xml(), status: status)
    }

    private static func xmlResponse(_ xml: String, status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/xml; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: xml)))
    }

    private static func reason(_ failure: SecurityTokenRequestParser.Failure) -> String {
        switch failure {
        case .malformed(let why): "malformed XML (\(why))"
        case .tooLarge(let why): "request too large (\(why))"
        case .missingCredentials: "no Username/Password"
        case .noTokens: "no RequestSecurityToken with an Address"
        }
    }
}
