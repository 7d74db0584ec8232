import MSNCore
import MSNServer
import NIOCore

/// Predictable salts, nonces and challenges; a challenge is answered by `"ok"` repeated to 32
/// characters. A test double, not challenge math.
struct ScriptedCryptography: LoginCryptography {
    static let salt = "1056561624.17795"
    static let nonce = String(repeating: "N", count: 64)
    static let challenge = "15570131571988941333"
    static let goodResponse = String(repeating: "ok", count: 16)

    func makeSalt() -> String { Self.salt }
    func makeNonce() -> String { Self.nonce }
    func makeChallenge() -> String { Self.challenge }
    func verifyChallenge(response: String, challenge: String, productID: String, dialect: Dialect) -> Bool {
        challenge == Self.challenge && response == Self.goodResponse && !productID.isEmpty
    }
}

extension AuthenticatedAccount {
    static let alice = AuthenticatedAccount(email: "alice@example.com", friendlyName: "Alice Smith",
                                            puid: 0x60DA_95FD_22B4_9C14, mspAuth: "t0ken")
}

extension Frame {
    /// Parses one client line, as the server's decoder would.
    static func client(_ line: String, dialect: Dialect? = nil) -> Frame {
        var decoder = FrameDecoder(sender: .client, dialect: dialect)
        var buffer = ByteBuffer(string: line.contains("\r\n") ? line : line + "\r\n")
        // Test input is well-formed by construction.
        return try! decoder.decode(buffer: &buffer)!
    }
}

extension Array where Element == NotificationAction {
    /// The lines of every `send`, in order.
    var lines: [String] {
        compactMap {
            switch $0 {
            case .send(let frame), .changePresence(_, echo: let frame, _): frame.line
            default: nil
            }
        }
    }
    var closes: Bool { contains(.close) }
}
