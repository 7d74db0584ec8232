import Foundation
import MSNAuth
import Testing

@Suite("SecureToken")
struct SecureTokenTests {
    private static let urlSafe = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")

    @Test("Passport tickets are t=<40>&p=<40> in the URL-safe alphabet, and unique")
    func tickets() {
        let tickets = (0..<200).map { _ in SecureToken.passportTicket() }
        #expect(Set(tickets).count == tickets.count)
        for ticket in tickets {
            #expect(ticket.hasPrefix("t="))
            let parts = ticket.dropFirst(2).split(separator: "&", omittingEmptySubsequences: false)
            #expect(parts.count == 2)
            #expect(parts[0].count == 40 && parts[0].allSatisfy(Self.urlSafe.contains))
            #expect(parts[1].hasPrefix("p="))
            #expect(parts[1].dropFirst(2).count == 40 && parts[1].dropFirst(2).allSatisfy(Self.urlSafe.contains))
        }
    }

    @Test("MSPAuth values")
    func mspAuth() {
        let value = SecureToken.mspAuth()
        #expect(value.count == 40 && value.allSatisfy(Self.urlSafe.contains))
        #expect(value != SecureToken.mspAuth())
    }

    @Test("switchboard cookies keep the digits-and-dots shape")
    func cookies() {
        let cookies = (0..<200).map { _ in SecureToken.switchboardCookie() }
        #expect(Set(cookies).count == cookies.count)
        for cookie in cookies {
            let groups = cookie.split(separator: ".", omittingEmptySubsequences: false)
            #expect(groups.count == 3)
            #expect(groups.allSatisfy { $0.count == 10 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) && $0.first != "0" })
        }
    }

    @Test("session ids are positive 31-bit decimals")
    func sessionIDs() {
        for _ in 0..<100 {
            let id = SecureToken.sessionID()
            let value = Int32(id)
            #expect(value != nil && value! > 0)
        }
    }

    @Test("proof keys are 24 bytes, SSO nonces 48 bytes, as base64")
    func binaryTokens() {
        let key = SecureToken.proofKey()
        #expect(key.count == 32)
        #expect(Data(base64Encoded: key)?.count == 24)
        let nonce = SecureToken.ssoNonce()
        #expect(nonce.count == 64)
        #expect(Data(base64Encoded: nonce)?.count == 48)
    }

    @Test("every URL-safe character and digit shows up (no stuck bits)")
    func distribution() {
        let text = SecureToken.urlSafeString(length: 20_000)
        #expect(Set(text) == Self.urlSafe)
        #expect(Set(SecureToken.decimalDigits(2_000)) == Set("0123456789"))
        #expect(SecureToken.randomBytes(13).count == 13)
    }
}
