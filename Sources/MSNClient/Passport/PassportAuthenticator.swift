import Logging
import MSNCore

/// Gets the tickets of Tweener (MSNP8–14) and SSO (MSNP15–18) logins over HTTP.
///
/// ```
/// GET  <nexus>                 → PassportURLs: DALogin=https://127.0.0.1:8081/login
/// GET  <DALogin>   Authorization: Passport1.4 OrgVerb=GET,…   → Authentication-Info: …from-PP='…'
/// POST <RST.srf | RST2.srf>    RequestMultipleSecurityTokens  → BinarySecurityToken, BinarySecret
/// ```
///
/// Every URL comes from the configuration; `httpBaseURL` also rewrites the scheme, host and
/// port of the `DALogin` that Nexus advertises.
struct PassportAuthenticator: Sendable {
    /// The most `302` redirects followed by a Passport 1.4 login.
    static let maximumLoginRedirects = 5

    var transport: any PassportTransport
    var configuration: MessengerClient.Configuration
    var logger: Logger

    /// The ticket (and every token) of a Tweener login in `dialect`.
    func tweenerTicket(email: String, password: String, policy: String, dialect: Dialect)
        async throws(MessengerClientError) -> (ticket: String, tickets: [String: String])
    {
        if usesRST(dialect) {
            var tokens = [SecurityTokenRequest.Token(address: "messenger.msn.com", policy: "?" + policy)]
            if dialect.requestsContactsToken {
                tokens.append(.init(address: "contacts.msn.com", policy: "MBI"))
            }
            let response = try await securityTokens(email: email, password: password, tokens: tokens, flavor: .wsTrust2004)
            guard let ticket = response.token(for: "messenger.msn.com")?.ticket, !ticket.isEmpty else {
                throw MessengerClientError(.httpFailure, "the RST answer has no messenger.msn.com ticket")
            }
            return (ticket, Self.tickets(of: response))
        }
        let ticket = try await passport14Ticket(email: email, password: password, policy: policy)
        return (ticket, ["messenger.msn.com": ticket])
    }

    /// The `messengerclear.live.com` ticket and proof key of an SSO login, and every token.
    func ssoTokens(email: String, password: String, policy: String, dialect: Dialect)
        async throws(MessengerClientError) -> (ticket: String, proofKey: String, tickets: [String: String])
    {
        let tokens = [SecurityTokenRequest.Token(address: "messengerclear.live.com", policy: policy),
                      SecurityTokenRequest.Token(address: "contacts.msn.com", policy: "MBI")]
        let flavor: SecurityTokenRequest.Flavor = dialect.ticketService == .rst2 ? .wsTrust2005 : .wsTrust2004
        let response = try await securityTokens(email: email, password: password, tokens: tokens, flavor: flavor)
        guard let token = response.token(for: "messengerclear.live.com"), let ticket = token.ticket, !ticket.isEmpty,
              let proofKey = token.proofKey, !proofKey.isEmpty
        else {
            throw MessengerClientError(.httpFailure, "the token answer has no messengerclear.live.com ticket and proof key")
        }
        return (ticket, proofKey, Self.tickets(of: response))
    }

    // MARK: - Passport 1.4

    private func usesRST(_ dialect: Dialect) -> Bool {
        switch configuration.tweenerTicketSource {
        case .passport14: false
        case .rst: true
        case .automatic: dialect.ticketService == .rst || dialect.ticketService == .rst2
        }
    }

    private func passport14Ticket(email: String, password: String, policy: String) async throws(MessengerClientError) -> String {
        var url = try await loginURL()
        let authorization = try AuthenticationMath.passportAuthorization(email: email, password: password, policy: policy)
        for _ in 0...Self.maximumLoginRedirects {
            let response = try await transport.perform(PassportHTTPRequest(
                method: "GET", url: url,
                headers: ["Authorization": authorization, "User-Agent": "MSMSGS"], body: nil))
            switch response.status {
            case 200:
                guard let info = response.header("Authentication-Info") else {
                    throw MessengerClientError(.httpFailure, "GET \(url): 200 without Authentication-Info")
                }
                guard let ticket = try AuthenticationMath.ticket(fromAuthenticationInfo: info) else {
                    throw MessengerClientError(.wrongPassword, "Passport refused the credentials of \(email)")
                }
                return ticket
            case 301, 302, 303, 307, 308:
                guard let location = response.header("Location") else {
                    throw MessengerClientError(.httpFailure, "GET \(url): \(response.status) without Location")
                }
                url = rewrite(location)
            case 401, 403:
                throw MessengerClientError(.wrongPassword, "Passport refused the credentials of \(email) (HTTP \(response.status))")
            default:
                throw MessengerClientError(.httpFailure, "GET \(url): HTTP \(response.status)")
            }
        }
        throw MessengerClientError(.httpFailure, "more than \(Self.maximumLoginRedirects) Passport redirects")
    }

    /// The Passport 1.4 login URL: configured, or asked of Nexus.
    private func loginURL() async throws(MessengerClientError) -> String {
        if let configured = configuration.passportLoginURL { return configured }
        guard let nexus = configuration.nexusURL ?? base.map({ $0 + "/rdr/pprdr.asp" }) else {
            throw MessengerClientError(.invalidConfiguration, "a Passport 1.4 login needs the Nexus URL or an HTTP base URL")
        }
        let response = try await transport.perform(PassportHTTPRequest(method: "GET", url: nexus, headers: [:], body: nil))
        guard response.status == 200, let urls = response.header("PassportURLs") else {
            throw MessengerClientError(.httpFailure, "GET \(nexus): HTTP \(response.status) without PassportURLs")
        }
        let advertised = try AuthenticationMath.loginURL(fromPassportURLs: urls)
        return rewrite(advertised)
    }

    // MARK: - RST / RST2

    private func securityTokens(email: String, password: String, tokens: [SecurityTokenRequest.Token],
                                flavor: SecurityTokenRequest.Flavor) async throws(MessengerClientError) -> SecurityTokenResponse {
        let configured = flavor == .wsTrust2005 ? configuration.rst2URL : configuration.rstURL
        let path = flavor == .wsTrust2005 ? "/RST2.srf" : "/RST.srf"
        guard let url = configured ?? base.map({ $0 + path }) else {
            throw MessengerClientError(.invalidConfiguration, "a token login needs the \(path) URL or an HTTP base URL")
        }
        let request = SecurityTokenRequest(flavor: flavor, username: email, password: password, tokens: tokens)
        let response = try await transport.perform(PassportHTTPRequest(
            method: "POST", url: url,
            headers: ["Content-Type": "text/xml; charset=utf-8", "SOAPAction": request.soapAction],
            body: request.xml))
        guard (200..<300).contains(response.status) || response.status == 500 else {
            throw MessengerClientError(.httpFailure, "POST \(url): HTTP \(response.status)")
        }
        let parsed = try SecurityTokenResponse.parse(response.body)
        if parsed.isAuthenticationFailure {
            throw MessengerClientError(.wrongPassword, "the token service refused the credentials of \(email)")
        }
        if let fault = parsed.faultCode {
            throw MessengerClientError(.httpFailure, "POST \(url): SOAP fault \(fault) \(parsed.faultString ?? "")")
        }
        return parsed
    }

    private static func tickets(of response: SecurityTokenResponse) -> [String: String] {
        var result: [String: String] = [:]
        for token in response.tokens {
            if let ticket = token.ticket, !ticket.isEmpty { result[token.address] = ticket }
        }
        return result
    }

    // MARK: - URLs

    /// The HTTP base URL without a trailing slash.
    private var base: String? {
        guard var base = configuration.httpBaseURL, !base.isEmpty else { return nil }
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    /// Replaces the scheme and authority of `url` with the base URL's, keeping the path.
    ///
    /// `https://127.0.0.1:8081/login` with base `http://127.0.0.1:8081` → `http://127.0.0.1:8081/login`.
    func rewrite(_ url: String) -> String {
        guard let base else { return url }
        let afterScheme = url.range(of: "://").map { url[$0.upperBound...] } ?? Substring(url)
        let path = afterScheme.firstIndex(of: "/").map { afterScheme[$0...] } ?? ""
        return base + path
    }
}
