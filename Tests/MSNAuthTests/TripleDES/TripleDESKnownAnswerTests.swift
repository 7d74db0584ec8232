import Testing

@testable import MSNAuth

/// DES/3DES against NIST known answers: SP 800-20 Tables A.1–A.4 (single DES through TDEA
/// with one key three times), the SP 800-67 three-key example, FIPS 81's CBC example and
/// two CAVP TDES multi-block-message CBC cases.
@Suite("TripleDES known answers")
struct TripleDESKnownAnswerTests {
    private static func singleKeyCipher(_ keyHex: String) throws -> TripleDES {
        try TripleDES(key: TestHex.bytes(keyHex))
    }

    @Test("SP 800-20 Table A.1: variable plaintext", arguments: 0..<64)
    func variablePlaintext(bit: Int) throws {
        let cipher = try Self.singleKeyCipher("0101010101010101")
        let plaintext: UInt64 = 1 << UInt64(63 - bit)
        let expected = TestHex.block(NISTVectors.variablePlaintextCiphertexts[bit])
        #expect(cipher.encryptBlock(plaintext) == expected)
        // Table A.1 read backwards is SP 800-20's inverse permutation test.
        #expect(cipher.decryptBlock(expected) == plaintext)
    }

    @Test("SP 800-20 Table A.2: variable key", arguments: 0..<56)
    func variableKey(bit: Int) throws {
        var key = [UInt8](repeating: 0x01, count: 8)
        key[bit / 7] = 0x80 >> UInt8(bit % 7)
        let cipher = try TripleDES(key: key)
        let expected = TestHex.block(NISTVectors.variableKeyCiphertexts[bit])
        #expect(cipher.encryptBlock(0) == expected)
        #expect(cipher.decryptBlock(expected) == 0)
    }

    @Test("SP 800-20 Table A.3: permutation operation", arguments: NISTVectors.permutationOperation.indices)
    func permutationOperation(index: Int) throws {
        let vector = NISTVectors.permutationOperation[index]
        let cipher = try Self.singleKeyCipher(vector.key)
        #expect(cipher.encryptBlock(0) == TestHex.block(vector.ciphertext))
        #expect(cipher.decryptBlock(TestHex.block(vector.ciphertext)) == 0)
    }

    @Test("SP 800-20 Table A.4: substitution table", arguments: NISTVectors.substitutionTable.indices)
    func substitutionTable(index: Int) throws {
        let vector = NISTVectors.substitutionTable[index]
        let cipher = try Self.singleKeyCipher(vector.key)
        #expect(cipher.encryptBlock(TestHex.block(vector.plaintext)) == TestHex.block(vector.ciphertext))
        #expect(cipher.decryptBlock(TestHex.block(vector.ciphertext)) == TestHex.block(vector.plaintext))
    }

    @Test("a 24-byte key made of one key three times is single DES")
    func tripledKeyEqualsSingleKey() throws {
        let single = try TripleDES(key: TestHex.bytes("0131D9619DC1376E"))
        let tripled = try TripleDES(key: TestHex.bytes("0131D9619DC1376E 0131D9619DC1376E 0131D9619DC1376E"))
        #expect(tripled.encryptBlock(TestHex.block("5CD54CA83DEF57DA")) == TestHex.block("7A389D10354BD271"))
        #expect(single.encryptBlock(0x0123_4567_89AB_CDEF) == tripled.encryptBlock(0x0123_4567_89AB_CDEF))
    }

    @Test("SP 800-67 example: three keys, \"The qufck brown fox jump\" (sic)")
    func sp80067Example() throws {
        let cipher = try TripleDES(key: TestHex.bytes("0123456789ABCDEF 23456789ABCDEF01 456789ABCDEF0123"))
        let plaintext = Array("The qufck brown fox jump".utf8)
        let expected = TestHex.bytes("A826FD8CE53B855F CCE21C8112256FE6 68D5C05DD9B6B900")
        // ECB is CBC with a zero IV applied to one block at a time.
        for block in 0..<3 {
            let range = block * 8..<(block + 1) * 8
            let encrypted = try cipher.encryptCBC(Array(plaintext[range]), iv: [UInt8](repeating: 0, count: 8), padding: .none)
            #expect(encrypted == Array(expected[range]))
            let decrypted = try cipher.decryptCBC(encrypted, iv: [UInt8](repeating: 0, count: 8), padding: .none)
            #expect(decrypted == Array(plaintext[range]))
        }
    }

    @Test("SP 800-67 example: swapping K1 and K3 changes the answer")
    func keyOrderMatters() throws {
        let swapped = try TripleDES(key: TestHex.bytes("456789ABCDEF0123 23456789ABCDEF01 0123456789ABCDEF"))
        #expect(swapped.encryptBlock(TestHex.block("5468652071756663")) != TestHex.block("A826FD8CE53B855F"))
    }

    @Test("FIPS 81 Appendix C CBC example (single DES key 0123456789abcdef)")
    func fips81CBC() throws {
        let cipher = try Self.singleKeyCipher("0123456789abcdef")
        let plaintext = Array("Now is the time for all ".utf8)
        let iv = TestHex.bytes("1234567890abcdef")
        let expected = TestHex.bytes("e5c7cdde872bf27c 43e934008c389c0f 683788499a7c05f6")
        #expect(try cipher.encryptCBC(plaintext, iv: iv, padding: .none) == expected)
        #expect(try cipher.decryptCBC(expected, iv: iv, padding: .none) == plaintext)
    }

    @Test(
        "CAVP TDES multi-block message CBC (TCBCMMT3)",
        arguments: [
            ("627f460e08104a10 43cd265d5840eaf1 313edf97df2a8a8c", "8e29f75ea77e5475",
             "326a494cd33fe756", "b22b8d66de970692"),
            ("37ae5ebf46dff2dc 0754b94f31cbb385 5e7fd36dc870bfae", "3d1de3cc132e3b65",
             "84401f78fe6c10876d8ea23094ea5309", "7b1f7c7e3b1c948ebd04a75ffba7d2f5"),
        ])
    func cavpCBC(key: String, iv: String, plaintext: String, ciphertext: String) throws {
        let cipher = try TripleDES(key: TestHex.bytes(key))
        #expect(try cipher.encryptCBC(TestHex.bytes(plaintext), iv: TestHex.bytes(iv), padding: .none)
            == TestHex.bytes(ciphertext))
        #expect(try cipher.decryptCBC(TestHex.bytes(ciphertext), iv: TestHex.bytes(iv), padding: .none)
            == TestHex.bytes(plaintext))
    }
}
