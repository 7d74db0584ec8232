import Testing

import MSNAuth

@Suite("SSOProofKey")
struct SSOProofKeyTests {
    @Test("the BinarySecret of auth.md decodes to 24 bytes and encodes back")
    func decode() throws {
        let key = try SSOProofKey(base64: "tgoPVK67sU36fQKlGLMgWgTXp7oiaQgE")
        #expect(key.bytes.count == 24)
        #expect(key.bytes.prefix(3) == [0xB6, 0x0A, 0x0F])
        #expect(key.base64 == "tgoPVK67sU36fQKlGLMgWgTXp7oiaQgE")
    }

    @Test("random keys are 24 bytes, 32 characters, and differ")
    func random() {
        let keys = (0..<16).map { _ in SSOProofKey.random() }
        for key in keys {
            #expect(key.bytes.count == SSOProofKey.standardByteCount)
            #expect(key.base64.count == 32)
        }
        #expect(Set(keys).count == keys.count)
    }

    @Test("invalid text is refused with a typed error")
    func invalid() {
        #expect { try SSOProofKey(base64: "") } throws: { ($0 as? AuthError)?.code == .invalidProofKey }
        #expect { try SSOProofKey(base64: "not base64") } throws: { ($0 as? AuthError)?.code == .invalidBase64 }
        #expect { try SSOProofKey(base64: "tgoPVK67sU36fQKlGLMgWgTXp7oiaQg") } throws: { ($0 as? AuthError)?.code == .invalidBase64 }
        #expect { try SSOProofKey(base64: String(repeating: "A", count: 4096)) } throws: { ($0 as? AuthError)?.code == .invalidProofKey }
        #expect { try SSOProofKey(bytes: []) } throws: { ($0 as? AuthError)?.code == .invalidProofKey }
        #expect { try SSOProofKey(bytes: [UInt8](repeating: 1, count: 257)) } throws: { ($0 as? AuthError)?.code == .invalidProofKey }
    }

    @Test("description does not reveal the key")
    func redacted() throws {
        let key = try SSOProofKey(base64: "tgoPVK67sU36fQKlGLMgWgTXp7oiaQgE")
        #expect(key.description == "SSOProofKey(<24 bytes>)")
        #expect(!"\(key)".contains("tgoPVK"))
    }
}
