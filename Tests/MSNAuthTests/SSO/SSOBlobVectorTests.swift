import Testing

@testable import MSNAuth

/// The auth.md §3.4 vector and the SSO exchanges recorded in the Escargot transcripts.
@Suite("SSOBlob vectors")
struct SSOBlobVectorTests {
    static let binarySecret = "tgoPVK67sU36fQKlGLMgWgTXp7oiaQgE"
    static let nonce = "8CLhG/xfgYZ7TyRQ/jIAWyDmd/w4R4GF2yKLS6tYrnjzi4cFag/Nr+hxsfg5zlCf"
    static let blob =
        "HAAAAAEAAAADZgAABIAAAAgAAAAUAAAASAAAAAECAwQFBgcIyFaeUL/DSmsntoVGArRy6MzNncZi60QqkKW3M+QkVkzC051+"
        + "0WozMujWr95naGnwAzNd5aIvSawx4dp8hejDKIExAGnUSJ6nweH/mqtS8OsAqiUOTT7pQzceFdw="

    @Test("auth.md §3.4: derived keys")
    func derivedKeys() throws {
        let key = try SSOProofKey(base64: Self.binarySecret)
        #expect(key.bytes.count == 24)
        #expect(TestHex.string(SSOKeyDerivation.hashKey(from: key)) == "95ea4c0a5a17c1d44033d538daa557608bcddbf98d24ff34")
        #expect(TestHex.string(SSOKeyDerivation.encryptionKey(from: key)) == "6530da2f44646e36224a43abe0ddb89f6165033b74a8dff1")
    }

    @Test("auth.md §3.4: hash, cipher and blob with IV 01…08")
    func blobVector() throws {
        let key = try SSOProofKey(base64: Self.binarySecret)
        let iv: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8]
        let made = try SSOBlob.make(nonce: Self.nonce, proofKey: key, iv: iv)
        #expect(made == Self.blob)
        #expect(made.count == 172)
        let parsed = try SSOBlob(base64: made)
        #expect(parsed.iv == iv)
        #expect(TestHex.string(parsed.hash) == "c8569e50bfc34a6b27b6854602b472e8cccd9dc6")
        #expect(TestHex.string(parsed.cipher) == "62eb442a90a5b733e424564cc2d39d7ed16a3332e8d6afde676869f003335de5"
            + "a22f49ac31e1da7c85e8c32881310069d4489ea7c1e1ff9aab52f0eb00aa250e" + "4d3ee943371e15dc")
        #expect(parsed.bytes.count == 128)
        #expect(parsed.base64 == Self.blob)
    }

    @Test("auth.md §3.4: the server verifies the vector, with the key as text or as a value")
    func verifyVector() throws {
        #expect(SSOBlob.verify(blob: Self.blob, nonce: Self.nonce, proofKey: Self.binarySecret))
        #expect(SSOBlob.verify(blob: Self.blob, nonce: Self.nonce, proofKey: try SSOProofKey(base64: Self.binarySecret)))
        #expect(try SSOBlob.make(nonce: Self.nonce, proofKey: Self.binarySecret, iv: [1, 2, 3, 4, 5, 6, 7, 8]) == Self.blob)
    }

    @Test("auth.md §3.4: decrypting the cipher gives the nonce back")
    func decryptVector() throws {
        let parsed = try SSOBlob(base64: Self.blob)
        let key = try SSOProofKey(base64: Self.binarySecret)
        #expect(try parsed.decryptedNonce(proofKey: key) == Array(Self.nonce.utf8))
    }

    /// One SSO login from the transcripts: the nonce of `USR 3 SSO S MBI_KEY_OLD`, the
    /// `BinarySecret` of the `messengerclear.live.com` token, and the client's blob.
    struct TranscriptLogin: Sendable, CustomTestStringConvertible {
        var source: String
        var nonce: String
        var binarySecret: String
        var blob: String
        var testDescription: String { source }
    }

    static let transcriptLogins: [TranscriptLogin] = [
        TranscriptLogin(
            source: "msnp15.txt alice", nonce: "KZz0KT99OGglPk4ltDQhN1jgskAjKWInvhSCCr3zyhb/sSFE9HaUs8Vk1vtfmPrD",
            binarySecret: "FKu7kbU3LM0YD+0/7j0nrEyyKqvIzq6W",
            blob: "HAAAAAEAAAADZgAABIAAAAgAAAAUAAAASAAAADp2ERS3mCkErk1D0yuJ/rIOVASpX+YpHukPNwKZwqCUD4z+YQ1lVL1+XUG53VdNlYSeGTrPim3kXuAmPADP60rCLv+dr3nog/Z/O5mgNVXWN107TXyerFxWrYSqNGVXFtm0g0s="),
        TranscriptLogin(
            source: "msnp15.txt bob", nonce: "QtsPB4Qk5fpPMuQcTK0Po3eI2WPXyUGhBzo2i3nOM1GdlT3opKTr0vElfFL0P2W3",
            binarySecret: "xWYSR28ql+5vig1VNXbCg5xcgxz0CgIN",
            blob: "HAAAAAEAAAADZgAABIAAAAgAAAAUAAAASAAAAAMCLgGFThAiHLI4XWZ0VR8R6HE83BT3vK4wxtqG1ZdpWC/2yb4m37/uICPoe6nvPhtDx2LhKKTHD34gSmGWHRqO/fpNgpyqT62mUvuwmEfB1/1JWrPOA8qDGq3irvBizyBILf8="),
        TranscriptLogin(
            source: "msnp16.txt alice", nonce: "aajllUNu/228utjticwuNRxGhIHOKjC15dTPVoX7mQilK+ErcD/Hor9G6rP2tYYH",
            binarySecret: "P2ONGpkWsrfuUeWuyrW6L2eXTzPC8sgJ",
            blob: "HAAAAAEAAAADZgAABIAAAAgAAAAUAAAASAAAAA7qNoxtngCufCGx2DjHFw/pGbik5U2Z8Um/0hPfr0UKVF04CzXDQwvya+f0bLXyXPPLQcHWO1UPu63OubMAwueEXBEzCIA0//xH2EANygqNtn5qldIHh9WbMgEsJAvZvsT+EaY="),
        TranscriptLogin(
            source: "msnp16.txt bob", nonce: "8bnf4d+EYPEdpstcjdZ5tO38uzJRfWnAsLWEWpjjYvwHNRkh7HKecMZK25ywWqAu",
            binarySecret: "tSnkBoZs0JUFqpPjbYCbu3C8V20EhzFe",
            blob: "HAAAAAEAAAADZgAABIAAAAgAAAAUAAAASAAAAPwXaKFMFVPKN3PMEDm9CZ4gbkF99R0N6pDctkLt5QUIhQ4jEp2KZsV5w2V6P346Mp9yAff2nzm6uFOkhkzL1/F27idSbhrKiX+8WLkTms/rcaHucifum00pkiycyf44eZwg7/w="),
        TranscriptLogin(
            source: "msnp17.txt alice", nonce: "enmYL16/wTUNANFHU/17ic/p3PNcms5LshII+/YIw0xiINyMEmE0hB4WxRfS3b/v",
            binarySecret: "lXY0cQLhRnZ8Qf6msW0X6Qj8VT8iMkSI",
            blob: "HAAAAAEAAAADZgAABIAAAAgAAAAUAAAASAAAAMcuaKLnB97uqpdPztSeRPutrH8Mdz9QbWQn/Vu+4S9JSFMDfshrQnFUVNAQ7K5fOGF6orj4EnFWAP/xpMo0kUh/nGEQbiWSx+D4rX5nz06nKYMMsLO0gBB1pYLR+l/u90ZJ7k0="),
        TranscriptLogin(
            source: "msnp17.txt bob", nonce: "oYljER2gYtkwtJcLT4hbIOwVLjKSEAk0PyLK32bZdnx2AOPq3XArcahR0/R343zV",
            binarySecret: "XE/RvjCU9LX/33Krv2hnig0KIQXCiR6u",
            blob: "HAAAAAEAAAADZgAABIAAAAgAAAAUAAAASAAAAKkpTy7Uvk++UvhX/seM+tMn8FEVf0ekDBO5HUznklPi/H84jUw8nKhtcNOxIsFayYTwC/5s5I4JK1+PrmbgDqgf04tC2AEaD00urfFf5FQYVS+MN9nNEIUijizgawZxUaXr6lI="),
        TranscriptLogin(
            source: "msnp18.txt alice", nonce: "dz+tY4SqEsxdZ0DzYy8SAp5FJ2drwBww4exKbSrZQ5nSPzqfGBjZKxWqR108N9Oj",
            binarySecret: "RUFKXE68Q8AgwG/27dnAs6TNYUZ34l7U",
            blob: "HAAAAAEAAAADZgAABIAAAAgAAAAUAAAASAAAADjsag/pyvSNxz0sj844E8S+7dg3NUoOILmZcpXw5Q8q53R1tc25ZPuUFjqjQyG/h62AFM/uOZC3NVcWljGLIZDFOasGIUniA0vUevZPkNqnXdDlCWY6yPgerl/VSHBXZnbYSdg="),
        TranscriptLogin(
            source: "msnp18.txt bob", nonce: "ebI3NOzJNLkeDEk2vuJMIVLHxVGn75wvILakXgg/3IQEDx6SjdbtLtxViwHoEXdo",
            binarySecret: "PzPbKjwrO3cGvhZfRiT7YuSAUtfCD6zi",
            blob: "HAAAAAEAAAADZgAABIAAAAgAAAAUAAAASAAAAFzZiQhKNaooGXip0NR8SdYhfLGTOkWC8eqp7GNQpvCoCSbGfUz8Uwc+iKp/CoDMiszVTzl8w7HCXsq5cOtszQe77MzR7b2KZpepC+XIwhPPXUK2iNBvJFv+gqxdsy4hcZzAC5E="),
    ]

    @Test("transcript logins verify", arguments: transcriptLogins)
    func transcriptVerifies(_ login: TranscriptLogin) {
        #expect(SSOBlob.verify(blob: login.blob, nonce: login.nonce, proofKey: login.binarySecret))
    }

    @Test("transcript logins are reproduced exactly with the client's IV", arguments: transcriptLogins)
    func transcriptReproduced(_ login: TranscriptLogin) throws {
        let iv = try SSOBlob(base64: login.blob).iv
        #expect(try SSOBlob.make(nonce: login.nonce, proofKey: login.binarySecret, iv: iv) == login.blob)
    }

    @Test("a transcript blob does not verify with the Passport.NET/tb secret (the first BinarySecret)",
          arguments: transcriptLogins)
    func transcriptWrongSecret(_ login: TranscriptLogin) {
        #expect(!SSOBlob.verify(blob: login.blob, nonce: login.nonce, proofKey: Self.binarySecret))
    }
}
