#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Testing

@testable import MSNAuth

/// Blobs made then verified, tampering, wrong keys, and hostile input.
@Suite("SSOBlob round trips and hostile input")
struct SSOBlobRoundTripTests {
    private static let nonce = SSOBlobVectorTests.nonce
    private static let secret = SSOBlobVectorTests.binarySecret

    private static func base64(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }

    @Test("a random nonce and key round-trip, with a random IV each time")
    func roundTrip() throws {
        for _ in 0..<8 {
            let nonce = SSOBlob.makeNonce()
            let key = SSOProofKey.random()
            let first = try SSOBlob.make(nonce: nonce, proofKey: key)
            let second = try SSOBlob.make(nonce: nonce, proofKey: key)
            #expect(first.count == 172)
            #expect(first != second, "the IV is random, so two blobs differ")
            #expect(SSOBlob.verify(blob: first, nonce: nonce, proofKey: key))
            #expect(SSOBlob.verify(blob: second, nonce: nonce, proofKey: key))
            #expect(try SSOBlob(base64: first).decryptedNonce(proofKey: key) == Array(nonce.utf8))
        }
    }

    @Test("nonces of other lengths still round-trip (PKCS#5 fills the last block)", arguments: [0, 1, 7, 8, 9, 63, 65, 200])
    func otherNonceLengths(length: Int) throws {
        let nonce = String(repeating: "n", count: length)
        let key = SSOProofKey.random()
        let blob = try SSOBlob.make(nonce: nonce, proofKey: key)
        #expect(try SSOBlob(base64: blob).cipher.count == (length / 8 + 1) * 8)
        #expect(SSOBlob.verify(blob: blob, nonce: nonce, proofKey: key))
    }

    @Test("every single flipped bit after the header makes verification fail")
    func tamperedBits() throws {
        var bytes = try SSOBlob(base64: SSOBlobVectorTests.blob).bytes
        // The IV, the hash and the cipher: bytes 28…127. One bit per byte keeps this fast.
        for index in 28..<bytes.count {
            bytes[index] ^= 0x01 << UInt8(index % 8)
            #expect(!SSOBlob.verify(blob: Self.base64(bytes), nonce: Self.nonce, proofKey: Self.secret), "byte \(index)")
            bytes[index] ^= 0x01 << UInt8(index % 8)
        }
        #expect(SSOBlob.verify(blob: Self.base64(bytes), nonce: Self.nonce, proofKey: Self.secret))
    }

    @Test("a changed header word is refused", arguments: 0..<7)
    func tamperedHeader(word: Int) throws {
        var bytes = try SSOBlob(base64: SSOBlobVectorTests.blob).bytes
        bytes[word * 4] ^= 0x10
        #expect(!SSOBlob.verify(blob: Self.base64(bytes), nonce: Self.nonce, proofKey: Self.secret))
        #expect { try SSOBlob(base64: Self.base64(bytes)) } throws: { error in
            (error as? AuthError)?.code == .malformedSSOBlob
        }
    }

    @Test("wrong key, wrong nonce or a different IV fail")
    func wrongInputs() throws {
        #expect(!SSOBlob.verify(blob: SSOBlobVectorTests.blob, nonce: Self.nonce, proofKey: SSOProofKey.random()))
        #expect(!SSOBlob.verify(blob: SSOBlobVectorTests.blob, nonce: SSOBlob.makeNonce(), proofKey: Self.secret))
        #expect(!SSOBlob.verify(blob: SSOBlobVectorTests.blob, nonce: String(Self.nonce.dropLast()), proofKey: Self.secret))
        #expect(!SSOBlob.verify(blob: SSOBlobVectorTests.blob, nonce: Self.nonce, proofKey: "not base64!"))
        #expect(!SSOBlob.verify(blob: SSOBlobVectorTests.blob, nonce: Self.nonce, proofKey: ""))
        let otherIV = try SSOBlob.make(nonce: Self.nonce, proofKey: Self.secret, iv: [8, 7, 6, 5, 4, 3, 2, 1])
        #expect(otherIV != SSOBlobVectorTests.blob)
        #expect(SSOBlob.verify(blob: otherIV, nonce: Self.nonce, proofKey: Self.secret))
    }

    @Test("decrypting with the wrong key does not give the nonce")
    func decryptWrongKey() throws {
        let parsed = try SSOBlob(base64: SSOBlobVectorTests.blob)
        let wrong = try SSOProofKey(bytes: [UInt8](repeating: 0x42, count: 24))
        let result = try? parsed.decryptedNonce(proofKey: wrong)
        #expect(result != Array(Self.nonce.utf8))
    }

    @Test("malformed base64 is an invalidBase64 error and verifies false",
          arguments: ["!!!!", "HAAAAAEAAAADZgAABIAAAAgAAAAUAAAASAAAAA", "HAAA AAEA", "A", "\u{00E9}t\u{00E9}"])
    func malformedBase64(_ text: String) {
        #expect { try SSOBlob(base64: text) } throws: { error in
            (error as? AuthError)?.code == .invalidBase64
        }
        #expect(!SSOBlob.verify(blob: text, nonce: Self.nonce, proofKey: Self.secret))
    }

    @Test("odd base64 that Foundation decodes leniently still never verifies", arguments: ["====", "=", "A===", "\n"])
    func oddBase64(_ text: String) {
        #expect(throws: AuthError.self) { try SSOBlob(base64: text) }
        #expect(!SSOBlob.verify(blob: text, nonce: Self.nonce, proofKey: Self.secret))
    }

    @Test("short, truncated, extended and inconsistent blobs are malformedSSOBlob")
    func malformedLayout() throws {
        let good = try SSOBlob(base64: SSOBlobVectorTests.blob).bytes
        var cases: [[UInt8]] = [
            [],                               // empty
            Array(good.prefix(27)),           // shorter than the header
            Array(good.prefix(28)),           // header only
            Array(good.dropLast()),           // one byte missing
            good + [0],                       // one byte too many
        ]
        var wrongLength = good
        wrongLength[24] = 64                  // claims 64 cipher bytes, carries 72
        cases.append(wrongLength)
        var unaligned = Array(good.dropLast(3))
        unaligned[24] = 69                    // consistent size, but 69 is not whole blocks
        cases.append(unaligned)
        var zeroCipher = Array(good.prefix(56))
        zeroCipher[24] = 0                    // no cipher at all
        cases.append(zeroCipher)
        var huge = Array(good.prefix(28))
        huge[24] = 0xFF; huge[25] = 0xFF; huge[26] = 0xFF; huge[27] = 0xFF   // 4 GiB claimed
        cases.append(huge)
        for bytes in cases {
            let text = Self.base64(bytes)
            #expect(throws: AuthError.self) { try SSOBlob(base64: text) }
            if !text.isEmpty {
                #expect { try SSOBlob(base64: text) } throws: { error in
                    (error as? AuthError)?.code == .malformedSSOBlob
                }
            }
            #expect(!SSOBlob.verify(blob: text, nonce: Self.nonce, proofKey: Self.secret))
        }
    }

    @Test("an oversized blob is refused before decoding")
    func oversized() {
        let text = String(repeating: "A", count: SSOBlob.maximumEncodedLength + 4)
        #expect { try SSOBlob(base64: text) } throws: { error in
            (error as? AuthError)?.code == .malformedSSOBlob
        }
        #expect(!SSOBlob.verify(blob: text, nonce: Self.nonce, proofKey: Self.secret))
    }

    @Test("an IV that is not 8 bytes is refused", arguments: [0, 7, 9, 16])
    func badIV(count: Int) {
        #expect { try SSOBlob.make(nonce: Self.nonce, proofKey: Self.secret, iv: [UInt8](repeating: 0, count: count)) } throws: { error in
            (error as? AuthError)?.code == .invalidIV
        }
    }

    @Test("makeNonce gives 64 base64 characters of 48 random bytes")
    func nonceShape() {
        let nonces = (0..<16).map { _ in SSOBlob.makeNonce() }
        for nonce in nonces {
            #expect(nonce.count == 64)
            #expect(Data(base64Encoded: nonce)?.count == 48)
        }
        #expect(Set(nonces).count == nonces.count)
    }
}
