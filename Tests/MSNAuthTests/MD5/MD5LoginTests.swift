import Testing

import MSNAuth

@Suite("MD5Login (MSNP2–7)")
struct MD5LoginTests {
    @Test("auth.md §1 vector: salt 1056561624.17795, password abcdefg1234567")
    func authVector() {
        #expect(MD5Login.response(salt: "1056561624.17795", password: "abcdefg1234567")
            == "483eee01d6a1de1b668cac9a0ac75d91")
    }

    @Test("the salt comes first: swapping salt and password changes the answer")
    func orderMatters() {
        #expect(MD5Login.response(salt: "abcdefg1234567", password: "1056561624.17795")
            != "483eee01d6a1de1b668cac9a0ac75d91")
    }

    @Test("the digest printed on hypothetic.org is not what the algorithm gives")
    func hypotheticDigestIsNotReproduced() {
        #expect(MD5Login.response(salt: "1056561624.17795", password: "abcdefg1234567")
            != "ae931a41daebc7703b84beba4183bc2f")
    }

    @Test("MD5 of the empty string when both are empty")
    func emptyInputs() {
        #expect(MD5Login.response(salt: "", password: "") == "d41d8cd98f00b204e9800998ecf8427e")
    }

    @Test("non-ASCII passwords are hashed as UTF-8")
    func utf8Password() {
        // MD5 of C3 A9 (é in UTF-8), computed with Python's hashlib.
        #expect(MD5Login.response(salt: "", password: "\u{E9}") == "66ddcd97cfdeabb2f6fb8a999b4bc76f")
        #expect(MD5Login.response(salt: "", password: "\u{E9}") != MD5Login.response(salt: "", password: "e"))
    }

    @Test("verify accepts the right answer in either case and refuses the rest")
    func verify() {
        let salt = "1056561624.17795"
        #expect(MD5Login.verify(response: "483eee01d6a1de1b668cac9a0ac75d91", salt: salt, password: "abcdefg1234567"))
        #expect(MD5Login.verify(response: "483EEE01D6A1DE1B668CAC9A0AC75D91", salt: salt, password: "abcdefg1234567"))
        #expect(!MD5Login.verify(response: "483eee01d6a1de1b668cac9a0ac75d91", salt: salt, password: "abcdefg123456"))
        #expect(!MD5Login.verify(response: "483eee01d6a1de1b668cac9a0ac75d9", salt: salt, password: "abcdefg1234567"))
        #expect(!MD5Login.verify(response: "", salt: salt, password: "abcdefg1234567"))
        #expect(!MD5Login.verify(response: "483eee01d6a1de1b668cac9a0ac75d91 ", salt: salt, password: "abcdefg1234567"))
    }

    @Test("makeSalt has the shape 1056561624.17795 and varies")
    func makeSalt() {
        let salts = (0..<20).map { _ in MD5Login.makeSalt() }
        for salt in salts {
            let parts = salt.split(separator: ".", omittingEmptySubsequences: false)
            #expect(parts.count == 2)
            #expect(parts.first?.count == 10)
            #expect(parts.last?.count == 5)
            #expect(salt.utf8.allSatisfy { $0 == UInt8(ascii: ".") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
            #expect(parts.first?.first != "0")
        }
        #expect(Set(salts).count > 1)
    }
}
