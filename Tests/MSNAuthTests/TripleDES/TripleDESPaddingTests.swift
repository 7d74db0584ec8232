import Testing

@testable import MSNAuth

@Suite("TripleDES CBC padding and hostile input")
struct TripleDESPaddingTests {
    private let cipher: TripleDES
    private let iv: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8]

    init() throws {
        cipher = try TripleDES(key: TestHex.bytes("0123456789ABCDEF 23456789ABCDEF01 456789ABCDEF0123"))
    }

    @Test("PKCS#5 adds 1…8 bytes and decryption removes them", arguments: 0...17)
    func pkcs5RoundTrip(length: Int) throws {
        let plaintext = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        let encrypted = try cipher.encryptCBC(plaintext, iv: iv, padding: .pkcs5)
        #expect(encrypted.count == (length / 8 + 1) * 8)
        #expect(try cipher.decryptCBC(encrypted, iv: iv, padding: .pkcs5) == plaintext)
    }

    @Test("PKCS#5 on whole blocks equals no padding plus eight 0x08 bytes")
    func pkcs5FullBlock() throws {
        let plaintext = Array("0123456789abcdef".utf8)
        let padded = try cipher.encryptCBC(plaintext, iv: iv, padding: .pkcs5)
        let manual = try cipher.encryptCBC(plaintext + [UInt8](repeating: 8, count: 8), iv: iv, padding: .none)
        #expect(padded == manual)
    }

    @Test("keys of the wrong size are refused", arguments: [0, 7, 9, 15, 17, 23, 25, 32])
    func badKeyLength(count: Int) {
        #expect(throws: AuthError(.invalidKeyLength, "3DES key must be 8, 16 or 24 bytes, not \(count)")) {
            try TripleDES(key: [UInt8](repeating: 1, count: count))
        }
    }

    @Test("a 16-byte key is K1 K2 K1")
    func twoKeyForm() throws {
        let k1 = TestHex.bytes("0123456789ABCDEF")
        let k2 = TestHex.bytes("23456789ABCDEF01")
        let two = try TripleDES(key: k1 + k2)
        let three = try TripleDES(key: k1 + k2 + k1)
        #expect(two.encryptBlock(0x1122_3344_5566_7788) == three.encryptBlock(0x1122_3344_5566_7788))
    }

    @Test("an IV that is not 8 bytes is refused", arguments: [0, 7, 9, 16])
    func badIV(count: Int) {
        let badIV = [UInt8](repeating: 0, count: count)
        #expect(throws: AuthError.self) { try cipher.encryptCBC([1], iv: badIV, padding: .pkcs5) }
        #expect(throws: AuthError.self) { try cipher.decryptCBC([UInt8](repeating: 0, count: 8), iv: badIV, padding: .none) }
    }

    @Test("unpadded data must be whole blocks")
    func partialBlock() {
        #expect { try cipher.encryptCBC([1, 2, 3], iv: iv, padding: .none) } throws: { error in
            (error as? AuthError)?.code == .invalidDataLength
        }
        #expect { try cipher.decryptCBC([1, 2, 3], iv: iv, padding: .none) } throws: { error in
            (error as? AuthError)?.code == .invalidDataLength
        }
    }

    @Test("decryption with PKCS#5 rejects empty input and wrong padding")
    func badPadding() throws {
        #expect { try cipher.decryptCBC([], iv: iv, padding: .pkcs5) } throws: { error in
            (error as? AuthError)?.code == .invalidPadding
        }
        // A block whose plaintext ends in 0x00 (not 1…8).
        let zeros = try cipher.encryptCBC([UInt8](repeating: 0, count: 8), iv: iv, padding: .none)
        #expect { try cipher.decryptCBC(zeros, iv: iv, padding: .pkcs5) } throws: { error in
            (error as? AuthError)?.code == .invalidPadding
        }
        // A block ending in 02 preceded by something other than 02.
        let mixed = try cipher.encryptCBC([0, 0, 0, 0, 0, 0, 1, 2], iv: iv, padding: .none)
        #expect { try cipher.decryptCBC(mixed, iv: iv, padding: .pkcs5) } throws: { error in
            (error as? AuthError)?.code == .invalidPadding
        }
    }
}
