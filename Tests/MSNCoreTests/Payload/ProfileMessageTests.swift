import MSNCore
import MSNTestSupport
import NIOCore
import Testing

@Suite struct ProfileMessageTests {
    static func transcriptProfile(_ name: String) throws -> [UInt8] {
        let events = try #require(Transcript.escargot(name).connection("A-NS")?.events)
        return try #require(events.first { $0.line.hasPrefix("MSG Hotmail Hotmail 14") }).payload
    }

    /// Escargot sends the MSNP16+ field set; read back and rebuilt, it is the same bytes.
    @Test(arguments: ["msnp16", "msnp17", "msnp18"])
    func rebuildsTheTranscriptsProfile(name: String) throws {
        let bytes = try Self.transcriptProfile(name)
        let message = try MIMEMessage(parsing: ByteBuffer(bytes: bytes))
        let profile = try ProfileMessage(message: message)
        #expect(profile.memberIDHigh == 1_624_891_901 && profile.sid == 507 && profile.mpopEnabled)
        let rebuilt = profile.message(for: Dialect(token: name.uppercased())!)
        #expect(Array(rebuilt.bytes.readableBytesView) == bytes)
    }

    @Test func fieldsFollowTheDialect() {
        let profile = ProfileMessage(loginTime: 1, memberIDHigh: 2, memberIDLow: 3, kv: "2", msPAuth: "t=x&p=",
                                     clientIP: "10.0.0.1", clientPort: ProfileMessage.wirePort(1863))
        let names = { (dialect: Dialect) in profile.fields(for: dialect).map(\.0) }
        #expect(names(.msnp7).suffix(3) == ["sid", "kv", "MSPAuth"])
        #expect(names(.msnp8).suffix(2) == ["ClientIP", "ClientPort"])
        #expect(names(.msnp10).last == "ABCHMigrated")
        #expect(names(.msnp16).suffix(2) == ["ABCHMigrated", "MPOPEnabled"])
        #expect(profile.fields(for: .msnp8).first { $0.0 == "ClientPort" }?.1 == "18183")
        #expect(profile.realClientPort == 1863)
        let text = profile.message(for: .msnp8).text
        #expect(text.hasPrefix("MIME-Version: 1.0\r\nContent-Type: text/x-msmsgsprofile; charset=UTF-8\r\nLoginTime: 1\r\n"))
        #expect(text.contains("\r\npreferredEmail:\r\n"))
        #expect(text.hasSuffix("ClientPort: 18183\r\n\r\n"))
    }

    @Test func rejectsOtherContentTypes() {
        #expect(throws: MIMEError.self) { try ProfileMessage(message: .text("hi")) }
    }
}
