import MSNCore
import MSNServer
import Testing

@Suite struct SessionRegistryTests {
    func session(_ dialect: Dialect, guid: String? = nil) -> SignedInSession {
        SignedInSession(account: .alice, dialect: dialect, machineGUID: guid)
    }

    @Test func replacementRule() {
        // Before MSNP16 a second sign-in always replaces the first.
        #expect(SessionRegistry.replaces(session(.msnp15), session(.msnp15)))
        #expect(SessionRegistry.replaces(session(.msnp18, guid: "{A}"), session(.msnp11)))
        #expect(SessionRegistry.replaces(session(.msnp11), session(.msnp18, guid: "{A}")))
        // MPOP: only the same machine is replaced.
        #expect(!SessionRegistry.replaces(session(.msnp16, guid: "{A}"), session(.msnp18, guid: "{B}")))
        #expect(SessionRegistry.replaces(session(.msnp16, guid: "{A}"), session(.msnp18, guid: "{A}")))
    }

    @Test func swappedPort() {
        #expect(ProfileMessage.wirePort(49094) == 50879)
        #expect(ProfileMessage.wirePort(UInt16(ProfileMessage.wirePort(1863))) == 1863)
    }
}
