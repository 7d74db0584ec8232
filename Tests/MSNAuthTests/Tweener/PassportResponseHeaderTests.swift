import Testing

import MSNAuth

@Suite("Authentication-Info, WWW-Authenticate and PassportURLs")
struct PassportResponseHeaderTests {
    static let ticket = "t=53*1hAu8ADuD3TEwdXoOMi08sD*2!cMrntTwVMTjoB3p6...$$&p=5eKBBC!yBH6ex5mftp!a9D..."

    @Test("Authentication-Info of auth.md §2.2")
    func authenticationInfo() throws {
        let header = "Passport1.4 da-status=success,tname=MSPAuth,tname=MSPProf,tname=MSPSec,from-PP='\(Self.ticket)',ru=http://messenger.msn.com"
        let info = try PassportAuthenticationInfo(parsing: header)
        #expect(info.isSuccess)
        #expect(info.status == "success")
        #expect(info.ticket == Self.ticket)
        #expect(info.returnURL == "http://messenger.msn.com")
        #expect(PassportAuthenticationInfo(ticket: Self.ticket).headerValue == header)
    }

    @Test("a quoted ticket may contain commas")
    func quotedComma() throws {
        let info = try PassportAuthenticationInfo(parsing: "Passport1.4 da-status=success,from-PP='t=a,b&p=c'")
        #expect(info.ticket == "t=a,b&p=c")
        #expect(info.returnURL == nil)
    }

    @Test("Authentication-Info failures are typed")
    func authenticationInfoErrors() {
        #expect { try PassportAuthenticationInfo(parsing: "Passport1.4 da-status=success,ru=x") } throws: {
            ($0 as? AuthError)?.code == .missingPassportParameter
        }
        #expect { try PassportAuthenticationInfo(parsing: "Passport1.4 from-PP='t=x&p=y'") } throws: {
            ($0 as? AuthError)?.code == .missingPassportParameter
        }
        #expect { try PassportAuthenticationInfo(parsing: "Passport1.4 da-status=success,from-PP='t=x") } throws: {
            ($0 as? AuthError)?.code == .malformedPassportHeader
        }
        #expect { try PassportAuthenticationInfo(parsing: "da-status=success") } throws: {
            ($0 as? AuthError)?.code == .malformedPassportHeader
        }
    }

    @Test("a non-success Authentication-Info without a ticket is read, not refused")
    func authenticationInfoOtherStatus() throws {
        let info = try PassportAuthenticationInfo(parsing: "Passport1.4 da-status=redir")
        #expect(!info.isSuccess)
        #expect(info.ticket.isEmpty)
    }

    @Test("WWW-Authenticate: da-status=failed with parameters and flags")
    func wwwAuthenticate() throws {
        let header = "Passport1.4 da-status=failed,srealm=Passport.NET,ts=-3,prompt,cburl=http://www.passport.com/x.gif,cbtxt=Sign%20in"
        let failure = try PassportWWWAuthenticate(parsing: header)
        #expect(failure.status == "failed")
        #expect(failure.value(of: "SREALM") == "Passport.NET")
        #expect(failure.value(of: "ts") == "-3")
        #expect(failure.parameters.contains(PassportParameter(name: "prompt", value: nil)))
        #expect(failure.value(of: "missing") == nil)
        #expect(failure.headerValue == header)
        #expect(PassportWWWAuthenticate().headerValue == "Passport1.4 da-status=failed,srealm=Passport.NET,prompt")
    }

    @Test("WWW-Authenticate without da-status or scheme is refused")
    func wwwAuthenticateErrors() {
        #expect { try PassportWWWAuthenticate(parsing: "Passport1.4 srealm=Passport.NET") } throws: {
            ($0 as? AuthError)?.code == .missingPassportParameter
        }
        #expect { try PassportWWWAuthenticate(parsing: "Negotiate abc") } throws: {
            ($0 as? AuthError)?.code == .malformedPassportHeader
        }
    }

    @Test("PassportURLs of the real Nexus: DALogin without a scheme")
    func nexusWithoutScheme() throws {
        let urls = try PassportURLs(parsing: "DARealm=Passport.Net,DALogin=login.passport.com/login2.srf,ConfigVersion=15")
        #expect(urls.daLogin == "login.passport.com/login2.srf")
        #expect(urls.loginURL == "https://login.passport.com/login2.srf")
        #expect(urls.value(of: "darealm") == "Passport.Net")
        #expect(urls.value(of: "ConfigVersion") == "15")
        #expect(PassportURLs(daLogin: "login.passport.com/login2.srf").headerValue
            == "DARealm=Passport.Net,DALogin=login.passport.com/login2.srf,ConfigVersion=15")
    }

    @Test("PassportURLs of Escargot: DALogin with a scheme")
    func nexusWithScheme() throws {
        let urls = try PassportURLs(parsing: "DALogin=https://127.0.0.1:8443/login")
        #expect(urls.loginURL == "https://127.0.0.1:8443/login")
        let plain = try PassportURLs(parsing: " dalogin = http://example.test/login2.srf ")
        #expect(plain.loginURL == "http://example.test/login2.srf")
        let line = try PassportURLs(parsing: "PassportURLs: DARealm=Passport.Net,DALogin=login.passport.com/login2.srf")
        #expect(line.loginURL == "https://login.passport.com/login2.srf")
        #expect(PassportURLs(daLogin: "https://h/login", realm: nil, configVersion: nil).headerValue == "DALogin=https://h/login")
    }

    @Test("PassportURLs without a usable DALogin is refused",
          arguments: ["", "DARealm=Passport.Net", "DALogin=", "DALogin", "DALogin=a b", "ConfigVersion=15,,,"])
    func nexusErrors(_ header: String) {
        #expect { try PassportURLs(parsing: header) } throws: { ($0 as? AuthError)?.code == .malformedPassportURLs }
    }
}
