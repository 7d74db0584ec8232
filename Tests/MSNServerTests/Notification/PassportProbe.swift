import Foundation
import MSNServer

/// Gets tickets from the network's own HTTP services, as clients do.
enum PassportProbe {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Passport 1.4 `login2.srf`: the compact `t=…&p=…` ticket of `from-PP='…'`.
    static func login2(port: Int, email: String, password: String,
                       policy: String = NotificationSessionConfiguration().tweenerPolicy) async throws -> String {
        let signIn = email.replacingOccurrences(of: "@", with: "%40")
        let authorization = "Passport1.4 OrgVerb=GET,OrgURL=http%3A%2F%2Fmessenger%2Emsn%2Ecom,sign-in=\(signIn),pwd=\(password),\(policy)"
        let response = try await RawHTTPClient.request(port: port, method: "GET", path: "/login2.srf",
                                                       headers: [("Authorization", authorization)])
        guard response.status == 200, let info = response.header("Authentication-Info"),
              let start = info.range(of: "from-PP='"),
              let end = info[start.upperBound...].firstIndex(of: "'")
        else { throw Failure(description: "login2.srf answered \(response.status)") }
        return String(info[start.upperBound..<end])
    }

    /// `RST.srf` for one service: its compact ticket and, when issued, its proof key.
    static func rst(port: Int, email: String, password: String, service: String, policy: String)
        async throws -> (ticket: String, proofKey: String?)
    {
        let body = SecurityTokenRequestBodies.rst(username: email, password: password,
                                                  addresses: [("http://Passport.NET/tb", nil), (service, policy)])
        let response = try await RawHTTPClient.request(port: port, method: "POST", path: "/RST.srf",
                                                       headers: [("Content-Type", "text/xml; charset=utf-8")],
                                                       body: Array(body.utf8))
        let answer = response.body.components(separatedBy: "<wst:RequestSecurityTokenResponse>")
            .first { $0.contains("<wsa:Address>\(service)</wsa:Address>") }
        guard response.status == 200, let answer, let ticket = text(of: "wsse:BinarySecurityToken", in: answer) else {
            throw Failure(description: "RST.srf answered \(response.status) without a \(service) token")
        }
        return (ticket, text(of: "wst:BinarySecret", in: answer))
    }

    /// The text of the first `<tag …>text</tag>`, with `&amp;` unescaped.
    private static func text(of tag: String, in xml: String) -> String? {
        guard let open = xml.range(of: "<\(tag)"),
              let gt = xml[open.upperBound...].firstIndex(of: ">"),
              let close = xml[gt...].range(of: "</\(tag)>")
        else { return nil }
        return String(xml[xml.index(after: gt)..<close.lowerBound]).replacingOccurrences(of: "&amp;", with: "&")
    }
}
