import Testing

import MSNAuth

@Suite("CompactTicket and TweenerPolicy")
struct CompactTicketTests {
    @Test("splits the hypothetic.org ticket")
    func split() throws {
        let text = "t=53*1hAu8ADuD3TEwdXoOMi08sD*2!cMrntTwVMTjoB3p6...$$&p=5eKBBC!yBH6ex5mftp!a9D..."
        let ticket = try CompactTicket(parsing: text)
        #expect(ticket.mspAuth == "53*1hAu8ADuD3TEwdXoOMi08sD*2!cMrntTwVMTjoB3p6...$$")
        #expect(ticket.mspProf == "5eKBBC!yBH6ex5mftp!a9D...")
        #expect(ticket.text == text)
    }

    @Test("an empty p= and a missing &p= are accepted; = inside t stays")
    func lenient() throws {
        let empty = try CompactTicket(parsing: "t=EwCoAZ==&p=")
        #expect(empty.mspAuth == "EwCoAZ==")
        #expect(empty.mspProf == "")
        let missing = try CompactTicket(parsing: "t=abc")
        #expect(missing.mspAuth == "abc")
        #expect(missing.mspProf == "")
        #expect(missing.text == "t=abc&p=")
    }

    @Test("malformed tickets are refused", arguments: [
        "", "t=", "t=&p=abc", "p=abc&t=def", "T=abc&p=", "x", "t=a b&p=", "t=abc&p=\r\n", "t=é&p=",
        "t=" + String(repeating: "a", count: 9000),
    ])
    func malformed(_ text: String) {
        #expect { try CompactTicket(parsing: text) } throws: { ($0 as? AuthError)?.code == .malformedCompactTicket }
    }

    @Test("description hides the ticket")
    func redacted() throws {
        let ticket = try CompactTicket(parsing: "t=secretsecret&p=prof")
        #expect(ticket.description == "t=<12 chars>&p=<4 chars>")
    }

    @Test("the server's policy string")
    func serverPolicy() {
        let policy = TweenerPolicy.server(issuedAt: 1_062_764_229)
        #expect(policy.description
            == "lc=1033,id=507,tw=40,fs=1,ru=http%3A%2F%2Fmessenger%2Emsn%2Ecom,ct=1062764229,kpp=1,kv=5,ver=2.1.0173.1")
        #expect(policy.value(of: "ct") == "1062764229")
        #expect(!policy.description.contains(" "))
        #expect(TweenerPolicy.server(issuedAt: 1, locale: 1036, siteID: 1).description.hasPrefix("lc=1036,id=1,"))
    }

    @Test("policies parse back, including Escargot's and a real WLM 8 one")
    func parsePolicy() {
        let escargot = TweenerPolicy(parsing: "ct=1,rver=1,wp=FS_40SEC_0_COMPACT,lc=1,id=1")
        #expect(escargot.parameters.count == 5)
        #expect(escargot.value(of: "wp") == "FS_40SEC_0_COMPACT")
        #expect(escargot.description == "ct=1,rver=1,wp=FS_40SEC_0_COMPACT,lc=1,id=1")
        let server = TweenerPolicy.server(issuedAt: 42)
        #expect(TweenerPolicy(parsing: server.description) == server)
        #expect(TweenerPolicy(parsing: "").parameters.isEmpty)
        #expect(TweenerPolicy(parsing: String(repeating: "a=b,", count: 10_000)).parameters.isEmpty)
    }

    @Test("a server policy passes through the client's Authorization header unchanged")
    func passThrough() throws {
        let policy = TweenerPolicy.server(issuedAt: 1_062_764_229).description
        let header = PassportAuthorization(signIn: "alice@passport.com", password: "pw", policy: policy).headerValue
        #expect(try PassportAuthorization(parsing: header).policy == policy)
    }
}
