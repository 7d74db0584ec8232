import MSNCore
import NIOCore
import Testing

@testable import MSNServer

/// `IRO`/`JOI`/`BYE`/`MSG` in each recipient's dialect, checked against the Escargot captures.
@Suite struct SwitchboardLinesTests {
    static func person(_ email: String, _ dialect: Dialect, endpoint: String? = nil, caps: UInt32 = 2789003324,
                       ext: UInt32 = 48) -> SwitchboardIdentity {
        SwitchboardIdentity(email: email, endpoint: endpoint, dialect: dialect, friendlyName: String(email.prefix { $0 != "@" }),
                            capabilities: caps, extendedCapabilities: ext)
    }

    static let aliceGUID = "{EDABAFBB-61AD-51D6-9FD8-E976C892A731}"

    @Test func rosterPerDialect() {
        let alice18 = Self.person("alice@example.com", .msnp18, endpoint: Self.aliceGUID)
        // msnp18.txt: the MSNP18 answerer sees alice twice, GUID lower-cased.
        let bob18 = Self.person("bob@example.com", .msnp18, endpoint: "{1BBC064C-D74A-56E6-A2B9-009139975E85}")
        #expect(SwitchboardLines.roster(for: bob18, present: [alice18], transactionID: 1).map(\.line) == [
            "IRO 1 1 2 alice@example.com;{edabafbb-61ad-51d6-9fd8-e976c892a731} alice 2789003324:48",
            "IRO 1 2 2 alice@example.com alice 2789003324:48",
        ])
        // msnp12.txt: a single decimal; msnp5.txt: no capabilities.
        #expect(SwitchboardLines.roster(for: Self.person("bob@example.com", .msnp12), present: [alice18], transactionID: 1)
            .map(\.line) == ["IRO 1 1 1 alice@example.com alice 2789003324"])
        #expect(SwitchboardLines.roster(for: Self.person("bob@example.com", .msnp5), present: [alice18], transactionID: 1)
            .map(\.line) == ["IRO 1 1 1 alice@example.com alice"])
    }

    @Test func joinAndLeaveForms() {
        let bob16 = Self.person("bob@example.com", .msnp16, endpoint: "{1BBC064C-D74A-56E6-A2B9-009139975E85}", caps: 2415919104, ext: 0)
        let alice16 = Self.person("alice@example.com", .msnp16, endpoint: Self.aliceGUID)
        let carol5 = Self.person("carol@example.com", .msnp5)
        #expect(SwitchboardLines.joined(bob16, seenBy: alice16, firstOfAccount: true).map(\.line) == [
            "JOI bob@example.com;{1bbc064c-d74a-56e6-a2b9-009139975e85} bob 2415919104:0",
            "JOI bob@example.com bob 2415919104:0",
        ])
        #expect(SwitchboardLines.joined(bob16, seenBy: alice16, firstOfAccount: false).map(\.line) == [
            "JOI bob@example.com;{1bbc064c-d74a-56e6-a2b9-009139975e85} bob 2415919104:0",
        ])
        #expect(SwitchboardLines.joined(bob16, seenBy: carol5, firstOfAccount: false).isEmpty)
        #expect(SwitchboardLines.left(alice16, seenBy: bob16, lastOfAccount: true, timedOut: false).map(\.line) == [
            "BYE alice@example.com;{edabafbb-61ad-51d6-9fd8-e976c892a731}", "BYE alice@example.com",
        ])
        #expect(SwitchboardLines.left(alice16, seenBy: carol5, lastOfAccount: true, timedOut: true).map(\.line)
                == ["BYE alice@example.com 1"])
    }

    @Test func ownOtherEndpointsAreNamedOnlyByGUID() {
        let bobA = Self.person("bob@example.com", .msnp18, endpoint: "{A}")
        let bobB = Self.person("bob@example.com", .msnp18, endpoint: "{B}")
        let alice = Self.person("alice@example.com", .msnp18, endpoint: "{C}")
        #expect(SwitchboardLines.roster(for: bobB, present: [alice, bobA], transactionID: 3).map(\.line) == [
            "IRO 3 1 3 alice@example.com;{c} alice 2789003324:48", "IRO 3 2 3 alice@example.com alice 2789003324:48",
            "IRO 3 3 3 bob@example.com;{a} bob 2789003324:48",
        ])
        #expect(SwitchboardLines.joined(bobB, seenBy: bobA, firstOfAccount: false).map(\.line) == ["JOI bob@example.com;{b} bob 2789003324:48"])
    }

    @Test func relayedMessageKeepsThePayloadBytes() {
        var payload = ByteBuffer(string: "MIME-Version: 1.0\r\n\r\n")
        payload.writeBytes([0x00, 0xFF, 0x0D, 0x0A, 0xC3])
        let frame = SwitchboardLines.message(from: SwitchboardIdentity(email: "alice@example.com", dialect: .msnp18,
                                                                       friendlyName: "Alice Smith"), payload: payload)
        var wire = ByteBuffer()
        wire.writeFrame(frame)
        #expect(Array(wire.readableBytesView) == Array("MSG alice@example.com Alice%20Smith 26\r\n".utf8) + Array(payload.readableBytesView))
    }

    @Test func endpointsOnlyFromMSNP16() {
        #expect(SwitchboardIdentity(email: "a@b.c", endpoint: "{X}", dialect: .msnp15, friendlyName: "a").endpoint == nil)
        let identity = SwitchboardIdentity(email: "Alice@Example.com", endpoint: "{ABC}", dialect: .msnp16, friendlyName: "a")
        #expect(identity.matches(EndpointHandle("alice@example.com;{abc}")))
        #expect(!identity.matches(EndpointHandle("alice@example.com")))
        #expect(!identity.matches(EndpointHandle("bob@example.com;{ABC}")))
    }
}
