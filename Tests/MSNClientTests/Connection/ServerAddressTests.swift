import Testing
@testable import MSNClient

@Suite("Server addresses")
struct ServerAddressTests {
    @Test("host:port, bare host, IPv6 in brackets")
    func parse() {
        #expect(ServerAddress("10.0.0.5:1863") == ServerAddress(host: "10.0.0.5", port: 1863))
        #expect(ServerAddress("messenger.hotmail.com") == ServerAddress(host: "messenger.hotmail.com", port: 1863))
        #expect(ServerAddress("[::1]:1864") == ServerAddress(host: "::1", port: 1864))
        #expect(ServerAddress("[::1]")?.port == 1863)
        #expect(ServerAddress("[::1]:1864")?.description == "[::1]:1864")
    }

    @Test("Garbage is refused", arguments: ["", "host:", ":1863", "host:0", "host:70000", "a:b:c", "host:port", "a b:1"])
    func refused(text: String) {
        #expect(ServerAddress(text) == nil)
    }
}
