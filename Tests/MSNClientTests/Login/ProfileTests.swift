import MSNCore
import Testing
@testable import MSNClient

@Suite("Profile message")
struct ProfileTests {
    /// The profile Escargot sends (msnp8.txt), MSPAuth shortened.
    static let payload = """
        MIME-Version: 1.0\r
        Content-Type: text/x-msmsgsprofile; charset=UTF-8\r
        LoginTime: 1795597414\r
        EmailEnabled: 0\r
        MemberIdHigh: 1624891901\r
        MemberIdLow: 582261780\r
        lang_preference: 1033\r
        preferredEmail:\r
        sid: 507\r
        MSPAuth: 6ee56c231d371251ed9bY6+H31sTUOFkqjNTDYqAAFLr5Ote7BMrMnUIzpg860jh084QMgs5==&p=\r
        ClientIP: 127.0.0.1\r
        ClientPort: 39702\r
        ABCHMigrated: 1\r
        MPOPEnabled: 0\r
        \r

        """

    @Test("Fields of the transcript's profile")
    func fields() throws {
        let profile = Profile(payload: Self.payload, dialect: .msnp8)
        #expect(profile.mspAuth == "6ee56c231d371251ed9bY6+H31sTUOFkqjNTDYqAAFLr5Ote7BMrMnUIzpg860jh084QMgs5==&p=")
        #expect(profile.clientIP == "127.0.0.1")
        #expect(profile.clientPortAsSent == 39702)
        #expect(profile.clientPort == ((39702 & 0xFF) << 8) | (39702 >> 8))
        #expect(profile.memberIDHigh == 1_624_891_901)
        #expect(profile.memberIDLow == 582_261_780)
        #expect(profile.memberID == UInt64(1_624_891_901) << 32 | 582_261_780)
        #expect(profile.loginTime == 1_795_597_414)
        #expect(profile.isABCHMigrated)
        #expect(!profile.isMPOPEnabled)
        #expect(profile["preferredemail"] == "")
        #expect(profile["Missing"] == nil)
        #expect(try MIMEMessage(parsing: Self.payload).mediaType == ProfileMessage.mediaType)
    }

    @Test("ClientPort is taken as sent before MSNP8")
    func portBeforeMSNP8() {
        let profile = Profile(payload: "ClientPort: 1308\r\n\r\n", dialect: .msnp7)
        #expect(profile.clientPort == 1308)
        #expect(Profile(payload: "ClientPort: 7173\r\n\r\n", dialect: .msnp9).clientPort == 1308)
    }
}
