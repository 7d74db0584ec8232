import MSNCore
import Testing

@Suite struct HostAndPortTests {
    @Test(arguments: [
        ("127.0.0.1:1863", "127.0.0.1", 1863),
        ("[::1]:1864", "::1", 1864),
        ("[2001:db8::7]:65535", "2001:db8::7", 65535),
        ("[fe80::1%lo]:1", "fe80::1%lo", 1),
        ("messenger.hotmail.com:1863", "messenger.hotmail.com", 1863),
    ])
    func parses(_ text: String, _ host: String, _ port: Int) {
        #expect(HostAndPort(text) == HostAndPort(host: host, port: port))
        #expect(HostAndPort(text)?.description == text)
    }

    @Test func withoutPort() {
        #expect(HostAndPort("[::1]") == HostAndPort(host: "::1", port: nil))
        #expect(HostAndPort("example.com") == HostAndPort(host: "example.com", port: nil))
        #expect(HostAndPort(host: "::1", port: nil).description == "[::1]")
    }

    @Test(arguments: ["", "::1:1864", "[::1", "[::1]1864", "[::1]:", "[::1]:0", "[::1]:65536", "[]:1863", "[a.b]:1",
                      "host:", ":1863", "a b:1", "host:+1", "host:0x10", "[[::1]]:1", "host]:1", "[::1]:1863:1"])
    func refuses(_ text: String) {
        #expect(HostAndPort(text) == nil)
    }

    @Test func formatsReferrals() {
        #expect(HostAndPort.format(host: "::1", port: 1864) == "[::1]:1864")
        #expect(HostAndPort.format(host: "127.0.0.1", port: 1864) == "127.0.0.1:1864")
        let referral = SwitchboardReferral(transactionID: 8, address: HostAndPort.format(host: "::1", port: 1864),
                                           cookie: "4831297305.1770432918.9023441750", dialect: .msnp12)
        #expect(referral.frame.line.hasPrefix("XFR 8 SB [::1]:1864 CKI 4831297305.1770432918.9023441750"))
    }
}
