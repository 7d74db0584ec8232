import MSNCore
import MSNServer
import MSNTestSupport
import Testing

/// Someone signed in on the notification server of a test network, online, ready to open or
/// answer switboard sessions with raw lines. Proofs are scripted (``ScriptedAuthenticator``).
final class SwitchboardPerson {
    let email: String
    let dialect: Dialect
    /// The machine GUID of an MSNP16+ sign-in.
    let guid: String?
    let ns: LineClient
    private var trID = 20

    init(email: String, dialect: Dialect, guid: String?, ns: LineClient) {
        self.email = email
        self.dialect = dialect
        self.guid = guid
        self.ns = ns
    }

    /// The switchboard handle: `email` or `email;{GUID}`.
    var handle: String { guid.map { "\(email);\($0)" } ?? email }
    /// The handle as the switchboard names it to MSNP16+ clients: lower-case GUID.
    var endpointHandle: String { guid.map { "\(email);\($0.lowercased())" } ?? email }

    /// `XFR n SB` → the referral frame.
    func requestSwitchboard() async throws -> Frame {
        trID += 1
        try await ns.send("XFR \(trID) SB")
        return try await SwitchboardFixtures.next(ns) { $0.verb == .xfr || $0.verb.isError }
    }

    /// Opens a switchboard: `XFR SB`, connect, `USR 1 handle cookie` → `USR 1 OK …`.
    func openSwitchboard(in network: TestNetwork) async throws -> LineClient {
        let referral = try await requestSwitchboard()
        #expect(referral.verb == .xfr, "\(referral.line)")
        let sb = try await LineClient.connect(to: String(try #require(referral.argument(1))))
        try await sb.send("USR 1 \(handle) \(try #require(referral.argument(3)))")
        let ok = try await sb.readFrame()
        #expect(ok.line == "USR 1 OK \(handle) \(SwitchboardFixtures.name(of: email))", "\(ok.line)")
        return sb
    }

    /// Waits for the next `RNG` on the notification connection.
    func nextRing() async throws -> Frame {
        try await SwitchboardFixtures.next(ns) { $0.verb == .rng }
    }

    /// Answers `ring`: `ANS 1 handle cookie session-id`; returns the connection and what came
    /// before and including `ANS 1 OK`.
    func answer(_ ring: Frame) async throws -> (LineClient, [Frame]) {
        let sb = try await LineClient.connect(to: String(try #require(ring.argument(1))))
        try await sb.send("ANS 1 \(handle) \(try #require(ring.argument(3))) \(try #require(ring.argument(0)))")
        var frames: [Frame] = []
        while true {
            let frame = try await sb.readFrame()
            frames.append(frame)
            if frame.verb != .iro { return (sb, frames) }
        }
    }
}

enum SwitchboardFixtures {
    static let guids = ["{EDABAFBB-61AD-51D6-9FD8-E976C892A731}", "{1BBC064C-D74A-56E6-A2B9-009139975E85}",
                        "{9A3C7E21-0B4D-4F6A-8C2E-5D1F3B7A9E60}"]

    /// The display name the fixtures give `email`: its local part, capitalised.
    static func name(of email: String) -> String {
        let local = email.prefix { $0 != "@" }
        return local.prefix(1).uppercased() + local.dropFirst()
    }

    /// A running network with scripted proofs and `accounts` created (display name from
    /// ``name(of:)``).
    static func withNetwork(accounts: [String] = ["alice@example.com", "bob@example.com", "carol@example.com"],
                            configure: (inout MessengerNetworkConfiguration) -> Void = { _ in },
                            _ body: (TestNetwork) async throws -> Void) async throws {
        try await TestNetwork.withRunning(configure: configure, authenticator: ScriptedAuthenticator(),
                                          cryptography: ScriptedCryptography()) { network in
            for email in accounts {
                try await network.createAccount(email: email, password: "test1234", displayName: name(of: email))
            }
            try await body(network)
        }
    }

    /// Signs `email` in over `dialect` and goes online (`CHG … NLN` with capabilities
    /// 1342177280, extended 48 from MSNP16).
    static func signIn(_ network: TestNetwork, _ email: String, _ dialect: Dialect, guid: String? = nil,
                       status: String = "NLN") async throws -> SwitchboardPerson {
        let guid = dialect.usrCarriesMachineGUID ? (guid ?? guids[0]) : nil
        let ns = try await LineClient.connect(to: network.notificationAddress)
        try await ns.send("VER 1 \(dialect.token) CVR0")
        _ = try await ns.readFrame()
        switch dialect.authenticationScheme {
        case .md5:
            try await ns.send("USR 2 MD5 I \(email)")
            _ = try await ns.readFrame()
            try await ns.send("USR 3 MD5 S good")
        case .tweener:
            try await ns.send("USR 2 TWN I \(email)")
            if dialect.pushesPolicies { _ = try await ns.readFrame() }
            _ = try await ns.readFrame()
            try await ns.send("USR 3 TWN S good")
        case .sso:
            try await ns.send("USR 2 SSO I \(email)")
            _ = try await ns.readFrame()
            _ = try await ns.readFrame()
            try await ns.send("USR 3 SSO S t=x&p= good\(guid.map { " \($0)" } ?? "")")
        }
        while try await ns.readFrame().verb != .msg {}   // USR … OK, SBS, then the profile
        let caps = switch dialect.capabilitiesForm {
        case .none: ""
        case .decimal: " 1342177280"
        case .decimalPair: " 1342177280:48"
        }
        try await ns.send("CHG 10 \(status)\(caps)")
        _ = try await next(ns) { $0.verb == .chg }
        return SwitchboardPerson(email: email, dialect: dialect, guid: guid, ns: ns)
    }

    /// The next frame matching `wanted`, skipping presence and challenge traffic; anything else
    /// unexpected is returned too (so a test sees it).
    static func next(_ client: LineClient, _ wanted: (Frame) -> Bool) async throws -> Frame {
        let noise: Set<Verb> = [.chl, .ubx, .iln, .nln, .fln, .sbs]
        while true {
            let frame = try await client.readFrame()
            if wanted(frame) || !noise.contains(frame.verb) { return frame }
        }
    }

    /// A text message payload as clients send it.
    static func text(_ body: String) -> String {
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nX-MMS-IM-Format: FN=Segoe%20UI; EF=; CO=0; CS=1; PF=0\r\n\r\n\(body)"
    }

    /// A typing notice.
    static func typing(_ email: String) -> String {
        "MIME-Version: 1.0\r\nContent-Type: text/x-msmsgscontrol\r\nTypingUser: \(email)\r\n\r\n\r\n"
    }

    /// Sends `MSG trID mode length` + `payload`.
    static func send(_ client: LineClient, _ trID: Int, _ mode: String, _ payload: String) async throws {
        try await client.send(raw: Array("MSG \(trID) \(mode) \(payload.utf8.count)\r\n\(payload)".utf8))
    }
}
