import Testing

@testable import MSNAuth

/// Every vector of challenges.md §5, plus the server-side checks.
@Suite("ChallengeResponder")
struct ChallengeResponderTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        var challenge: String
        var product: ChallengeProduct
        var algorithm: ChallengeAlgorithm
        var expected: String
        var testDescription: String { "\(challenge) / \(product.id) → \(expected)" }
    }

    /// Published third-party vectors (challenges.md §5, first table).
    static let published: [Vector] = [
        Vector(challenge: "15570131571988941333", product: .msmsgs, algorithm: .basic,
               expected: "8f2f5a91b72102cd28355e9fc9000d6e"),
        Vector(challenge: "22210219642164014968", product: .prod0090, algorithm: .msnp11,
               expected: "85ecb0db8f32113df79ce0892b9a102c"),
        Vector(challenge: "36819795137093047918", product: .prod0090, algorithm: .msnp11,
               expected: "e7ad3cb09d3e9e4e7c720175984809e9"),
        Vector(challenge: "21948129323261853323", product: .prod0090, algorithm: .msnp11,
               expected: "59bcf63ed21f44906c3d3e121ddbed65"),
        Vector(challenge: "41525959199453244913", product: .prod0090, algorithm: .msnp11,
               expected: "dcb8ff529e4dd12cc43389851128d2db"),
        Vector(challenge: "31744216663023315951", product: .prod0090, algorithm: .msnp11,
               expected: "d15553d0ea89c9f63bbb98a208fa4235"),
        Vector(challenge: "14494180082586329971", product: .prod0090, algorithm: .msnp11,
               expected: "4e11d4cd56a65bdf04f60aa133db7ebc"),
        Vector(challenge: "11533365622852247127", product: .prod0113, algorithm: .msnp11,
               expected: "f086d1ded067186deca8dba2231602cf"),
        Vector(challenge: "13038318816579321232", product: .prod0113, algorithm: .msnp11,
               expected: "3b25f5aab8143dd9a47971541666ae0e"),
        Vector(challenge: "13676118092332012962", product: .prod0113, algorithm: .msnp11,
               expected: "e9ccbb3e90fabb047bad055f1d025cde"),
        Vector(challenge: "237191752526424888127371168", product: .prod0113, algorithm: .msnp11,
               expected: "65b6b623c649c25629af048d34066040"),
    ]

    /// Regression values computed by the project (challenges.md §5, second table).
    static let regression: [Vector] = [
        Vector(challenge: "22210219642164014968", product: .prod0101, algorithm: .msnp11,
               expected: "64812169fe9717715f03c678fa4ab938"),
        Vector(challenge: "22210219642164014968", product: .prod0106, algorithm: .msnp11,
               expected: "5a7ca864d9edaedfd464bbbd8e1a7c1c"),
        Vector(challenge: "22210219642164014968", product: .prod0114, algorithm: .msnp11,
               expected: "e790b908276bb51115fa7eb3c8a36315"),
        Vector(challenge: "22210219642164014968", product: .prod0119, algorithm: .msnp11,
               expected: "a400af809ac86fbdf6deec7286fc06b8"),
        Vector(challenge: "22210219642164014968", product: .prod0120, algorithm: .msnp11,
               expected: "6e92a312bf6b70ee58e75a1e3315695c"),
        Vector(challenge: "22210219642164014968", product: .prod0038, algorithm: .basic,
               expected: "c60f42bcef15148c614190c61e8eebf6"),
    ]

    @Test("published vectors", arguments: published)
    func publishedVector(_ vector: Vector) throws {
        let answer = try ChallengeResponder.response(to: vector.challenge, product: vector.product, algorithm: vector.algorithm)
        #expect(answer == vector.expected)
        #expect(ChallengeResponder.verify(response: vector.expected, challenge: vector.challenge, product: vector.product))
    }

    @Test("regression vectors", arguments: regression)
    func regressionVector(_ vector: Vector) throws {
        #expect(try ChallengeResponder.response(to: vector.challenge, product: vector.product) == vector.expected)
    }

    @Test("Escargot's masked-XOR bug value is not produced")
    func maskedXORPitfall() throws {
        let answer = try ChallengeResponder.response(to: "22210219642164014968", product: .prod0090)
        #expect(answer != "85ecb05b8f32113df79ce0092b9a102c")
    }

    @Test("the algorithm defaults to the product's own")
    func defaultAlgorithm() throws {
        #expect(try ChallengeResponder.response(to: "15570131571988941333", product: .msmsgs)
            == "8f2f5a91b72102cd28355e9fc9000d6e")
        // The same pair forced through the MSNP11 algorithm gives something else.
        #expect(try ChallengeResponder.response(to: "15570131571988941333", product: .msmsgs, algorithm: .msnp11)
            != "8f2f5a91b72102cd28355e9fc9000d6e")
    }

    @Test("answers are 32 lowercase hex characters")
    func shape() throws {
        for product in ChallengeProduct.known {
            let answer = try ChallengeResponder.response(to: "12345678901234567890", product: product)
            #expect(answer.count == 32)
            #expect(answer.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) })
        }
    }

    @Test("padding: when challenge + id is a multiple of 8 both variants verify, the client uses a full block")
    func paddingVariants() throws {
        // 24 + 16 = 40 bytes: papyon appends eight '0's, libpurple none.
        let challenge = "123456789012345678901234"
        let idBytes = Array(ChallengeProduct.prod0090.id.utf8)
        let digest = ChallengeResponder.compute(Array(challenge.utf8), product: .prod0090, algorithm: .basic,
                                                fullBlockPadding: true)
        let full = AuthBytes.lowercaseHex(ChallengeResponder.msnp11Mix(
            digest: digest, challenge: Array(challenge.utf8), productID: idBytes, fullBlockPadding: true))
        let none = AuthBytes.lowercaseHex(ChallengeResponder.msnp11Mix(
            digest: digest, challenge: Array(challenge.utf8), productID: idBytes, fullBlockPadding: false))
        #expect(full != none)
        #expect(try ChallengeResponder.response(to: challenge, product: .prod0090) == full)
        #expect(ChallengeResponder.verify(response: full, challenge: challenge, product: .prod0090))
        #expect(ChallengeResponder.verify(response: none, challenge: challenge, product: .prod0090))
        // For a 20-digit challenge (36 → 40) the two agree.
        let twenty = Array("22210219642164014968".utf8)
        let d20 = ChallengeResponder.compute(twenty, product: .prod0090, algorithm: .basic, fullBlockPadding: true)
        #expect(ChallengeResponder.msnp11Mix(digest: d20, challenge: twenty, productID: idBytes, fullBlockPadding: true)
            == ChallengeResponder.msnp11Mix(digest: d20, challenge: twenty, productID: idBytes, fullBlockPadding: false))
    }

    @Test("verify refuses wrong answers, wrong pairs and garbage")
    func verifyRefuses() {
        let challenge = "22210219642164014968"
        #expect(ChallengeResponder.verify(response: "85ECB0DB8F32113DF79CE0892B9A102C", challenge: challenge, product: .prod0090))
        #expect(!ChallengeResponder.verify(response: "85ecb0db8f32113df79ce0892b9a102d", challenge: challenge, product: .prod0090))
        #expect(!ChallengeResponder.verify(response: "85ecb0db8f32113df79ce0892b9a102c", challenge: challenge, product: .prod0101))
        #expect(!ChallengeResponder.verify(response: "85ecb0db8f32113df79ce0892b9a102c", challenge: "22210219642164014969", product: .prod0090))
        #expect(!ChallengeResponder.verify(response: "", challenge: challenge, product: .prod0090))
        #expect(!ChallengeResponder.verify(response: "85ecb0db8f32113df79ce0892b9a102c", challenge: "", product: .prod0090))
        #expect(!ChallengeResponder.verify(response: String(repeating: "z", count: 32), challenge: challenge, product: .prod0090))
    }

    @Test("server-side verify by product id and dialect")
    func verifyByDialect() {
        let challenge = "22210219642164014968"
        let answer = "85ecb0db8f32113df79ce0892b9a102c"
        #expect(ChallengeResponder.verify(response: answer, challenge: challenge, productID: "PROD0090YUAUV{2B", protocolVersion: 11))
        #expect(ChallengeResponder.verify(response: answer, challenge: challenge, productID: "PROD0090YUAUV{2B", protocolVersion: 12))
        // Above the pair's highest dialect.
        #expect(!ChallengeResponder.verify(response: answer, challenge: challenge, productID: "PROD0090YUAUV{2B", protocolVersion: 13))
        // Unknown id, or an id spelled differently.
        #expect(!ChallengeResponder.verify(response: answer, challenge: challenge, productID: "PROD0090YUAUV{2C", protocolVersion: 11))
        #expect(!ChallengeResponder.verify(response: answer, challenge: challenge, productID: "prod0090yuauv{2b", protocolVersion: 11))
        // Basic pair in a basic dialect, and refused in MSNP11.
        let basic = "8f2f5a91b72102cd28355e9fc9000d6e"
        #expect(ChallengeResponder.verify(response: basic, challenge: "15570131571988941333", productID: "msmsgs@msnmsgr.com", protocolVersion: 8))
        #expect(!ChallengeResponder.verify(response: basic, challenge: "15570131571988941333", productID: "msmsgs@msnmsgr.com", protocolVersion: 11))
        // No CHL before MSNP6.
        #expect(!ChallengeResponder.verify(response: basic, challenge: "15570131571988941333", productID: "msmsgs@msnmsgr.com", protocolVersion: 5))
    }

    @Test("hostile challenges throw invalidChallenge", arguments: [
        "", " ", "1234 5678", "12345\r\n", "\u{0}123", "déjà", "１２３", "\u{7F}",
        String(repeating: "9", count: ChallengeResponder.maximumChallengeLength + 1),
    ])
    func hostileChallenge(_ challenge: String) {
        #expect { try ChallengeResponder.response(to: challenge, product: .prod0120) } throws: { error in
            (error as? AuthError)?.code == .invalidChallenge
        }
        #expect(!ChallengeResponder.verify(response: "00000000000000000000000000000000", challenge: challenge, product: .prod0120))
    }

    @Test("the longest allowed challenge is answered")
    func longestChallenge() throws {
        let challenge = String(repeating: "7", count: ChallengeResponder.maximumChallengeLength)
        let answer = try ChallengeResponder.response(to: challenge, product: .prod0120)
        #expect(ChallengeResponder.verify(response: answer, challenge: challenge, product: .prod0120))
    }

    @Test("makeChallenge gives 20 digits, not starting with 0, and varies")
    func makeChallenge() throws {
        let challenges = (0..<20).map { _ in ChallengeResponder.makeChallenge() }
        for challenge in challenges {
            #expect(challenge.count == 20)
            #expect(challenge.utf8.allSatisfy { (48...57).contains($0) })
            #expect(challenge.first != "0")
            let answer = try ChallengeResponder.response(to: challenge, product: .prod0119)
            #expect(ChallengeResponder.verify(response: answer, challenge: challenge, productID: "PROD0119GSJUC$18", protocolVersion: 15))
        }
        #expect(Set(challenges).count > 1)
    }
}
