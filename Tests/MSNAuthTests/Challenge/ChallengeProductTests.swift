import Testing

import MSNAuth

@Suite("ChallengeProduct and ChallengeAlgorithm")
struct ChallengeProductTests {
    @Test("the table has the 16 pairs of challenges.md §4 with unique ids")
    func table() {
        #expect(ChallengeProduct.known.count == 16)
        #expect(Set(ChallengeProduct.known.map(\.id)).count == 16)
        #expect(ChallengeProduct.known.filter { $0.algorithm == .basic }.count == 6)
        for product in ChallengeProduct.known {
            #expect(product.key.utf8.count == 16)
            if product.id != "msmsgs@msnmsgr.com" {
                #expect(product.id.utf8.count == 16)
                #expect(product.id.hasPrefix("PROD0"))
            }
        }
    }

    @Test("dialect ranges follow Escargot's upper bounds")
    func ranges() {
        #expect(ChallengeProduct.msmsgs.protocolVersions == 6...10)
        #expect(ChallengeProduct.prod0038.protocolVersions.upperBound == 10)
        #expect(ChallengeProduct.prod0090.protocolVersions == 11...12)
        #expect(ChallengeProduct.prod0101.protocolVersions == 11...12)
        #expect(ChallengeProduct.prod0106.protocolVersions == 11...14)
        #expect(ChallengeProduct.prod0112.protocolVersions == 11...14)
        #expect(ChallengeProduct.prod0120.protocolVersions == 11...21)
        #expect(ChallengeProduct.prod0113.protocolVersions.contains(15))
    }

    @Test("lookup by id is exact")
    func lookup() {
        #expect(ChallengeProduct.known(id: "PROD0120PW!CCV9@") == .prod0120)
        #expect(ChallengeProduct.known(id: "PROD0120PW!CCV9") == nil)
        #expect(ChallengeProduct.known(id: "") == nil)
    }

    @Test("preferred pair per dialect is valid in that dialect", arguments: 6...21)
    func preferred(version: Int) throws {
        let product = try #require(ChallengeProduct.preferred(forProtocolVersion: version))
        #expect(product.protocolVersions.contains(version))
        #expect(product.algorithm == ChallengeAlgorithm(protocolVersion: version))
    }

    @Test("no pair and no algorithm before MSNP6")
    func beforeMSNP6() {
        #expect(ChallengeProduct.preferred(forProtocolVersion: 5) == nil)
        #expect(ChallengeAlgorithm(protocolVersion: 5) == nil)
        #expect(ChallengeAlgorithm(protocolVersion: 6) == .basic)
        #expect(ChallengeAlgorithm(protocolVersion: 10) == .basic)
        #expect(ChallengeAlgorithm(protocolVersion: 11) == .msnp11)
        #expect(ChallengeAlgorithm(protocolVersion: 18) == .msnp11)
    }

    @Test("description shows the id, never the key")
    func description() {
        #expect(ChallengeProduct.prod0090.description == "PROD0090YUAUV{2B")
        #expect(!String(describing: ChallengeProduct.prod0090).contains("YMM8C_H7KCQ2S_KL"))
    }
}
