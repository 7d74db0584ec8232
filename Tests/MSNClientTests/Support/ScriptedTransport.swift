import Synchronization
@testable import MSNClient

/// A Passport transport that answers from a closure and records every request (unit tests only).
final class ScriptedTransport: PassportTransport {
    private let answer: @Sendable (PassportHTTPRequest) -> PassportHTTPResponse
    private let log = Mutex<[PassportHTTPRequest]>([])

    init(_ answer: @escaping @Sendable (PassportHTTPRequest) -> PassportHTTPResponse) {
        self.answer = answer
    }

    var requests: [PassportHTTPRequest] { log.withLock { $0 } }

    func perform(_ request: PassportHTTPRequest) async throws(MessengerClientError) -> PassportHTTPResponse {
        log.withLock { $0.append(request) }
        return answer(request)
    }
}
