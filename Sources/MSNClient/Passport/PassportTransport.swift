import AsyncHTTPClient
import NIOCore

/// One HTTP request of a Passport login (Nexus, Passport 1.4, RST/RST2).
struct PassportHTTPRequest: Sendable, Hashable {
    var method: String
    var url: String
    var headers: [String: String]
    var body: String?
}

/// The answer to a ``PassportHTTPRequest``.
struct PassportHTTPResponse: Sendable, Hashable {
    var status: Int
    /// Header names lower-cased.
    var headers: [String: String]
    var body: String

    /// A header, by case-insensitive name.
    func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// Carries Passport HTTP exchanges. The client uses ``AsyncHTTPClientTransport``; unit tests
/// substitute a scripted one.
protocol PassportTransport: Sendable {
    func perform(_ request: PassportHTTPRequest) async throws(MessengerClientError) -> PassportHTTPResponse
}

/// ``PassportTransport`` over async-http-client. Redirects are not followed here: Passport
/// 1.4 redirects must repeat the `Authorization` header, which ``PassportAuthenticator`` does.
struct AsyncHTTPClientTransport: PassportTransport {
    /// The largest response body read (RST answers are a few KiB).
    static let maximumBodySize = 1 << 20

    let client: HTTPClient
    let timeout: Duration

    func perform(_ request: PassportHTTPRequest) async throws(MessengerClientError) -> PassportHTTPResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = request.method == "POST" ? .POST : .GET
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(string: body)) }
        do {
            let response = try await client.execute(outgoing, timeout: TimeAmount(timeout))
            let body = try await response.body.collect(upTo: Self.maximumBodySize)
            var headers: [String: String] = [:]
            for header in response.headers {
                let name = header.name.lowercased()
                headers[name] = headers[name].map { $0 + "," + header.value } ?? header.value
            }
            return PassportHTTPResponse(status: Int(response.status.code), headers: headers,
                                        body: String(buffer: body))
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            throw MessengerClientError(.timeout, "\(request.method) \(request.url): no answer within \(timeout)")
        } catch {
            throw MessengerClientError(.httpFailure, "\(request.method) \(request.url) failed: \(error)")
        }
    }
}
