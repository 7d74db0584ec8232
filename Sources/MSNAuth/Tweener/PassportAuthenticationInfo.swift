/// The `Authentication-Info` header of a successful Passport 1.4 login (auth.md §2.2).
///
/// ```
/// HTTP/1.1 200 OK
/// Authentication-Info: Passport1.4 da-status=success,tname=MSPAuth,tname=MSPProf,tname=MSPSec,from-PP='t=53*1hAu8ADuD3TEwdXoOMi08sD*2!cMrntTwVMTjoB3p6...$$&p=5eKBBC!yBH6ex5mftp!a9D...',ru=http://messenger.msn.com
/// ```
///
/// The ticket between the quotes after `from-PP=` is what the client sends in
/// `USR <trid> TWN S <ticket>`.
public struct PassportAuthenticationInfo: Hashable, Sendable {
    /// The `da-status` value; `success` for a login that worked.
    public var status: String
    /// The compact ticket from `from-PP` (without the quotes), `t=…&p=…`.
    public var ticket: String
    /// The `ru` (return URL) parameter, if present.
    public var returnURL: String?

    /// Creates the header a login server sends on success.
    ///
    /// - Parameters:
    ///   - ticket: The compact ticket `t=…&p=…` (see ``CompactTicket``).
    ///   - returnURL: Defaults to `http://messenger.msn.com`.
    ///   - status: Defaults to `success`.
    public init(ticket: String, returnURL: String? = "http://messenger.msn.com", status: String = "success") {
        self.status = status
        self.ticket = ticket
        self.returnURL = returnURL
    }

    /// Reads an `Authentication-Info` header value.
    ///
    /// - Parameter headerValue: The value, starting with `Passport1.4`.
    /// - Throws: ``AuthError/Code/malformedPassportHeader`` when it is not a Passport 1.4 list;
    ///   ``AuthError/Code/missingPassportParameter`` when `da-status` is missing, or when the
    ///   status is `success` but `from-PP` is missing.
    public init(parsing headerValue: String) throws(AuthError) {
        var status: String?
        var ticket: String?
        var returnURL: String?
        for item in try PassportHeaderParser.parseSchemeList(headerValue) {
            switch item.parameter.name.lowercased() {
            case "da-status": status = item.parameter.value
            case "from-pp": ticket = item.parameter.value
            case "ru": returnURL = item.parameter.value
            default: continue
            }
        }
        guard let status else {
            throw AuthError(.missingPassportParameter, "Authentication-Info has no da-status")
        }
        guard let ticket else {
            if PassportHeaderParser.equalsIgnoringCase(status, "success") {
                throw AuthError(.missingPassportParameter, "Authentication-Info reports success but has no from-PP")
            }
            self.init(ticket: "", returnURL: returnURL, status: status)
            return
        }
        self.init(ticket: ticket, returnURL: returnURL, status: status)
    }

    /// Whether `da-status` is `success` (any case).
    public var isSuccess: Bool {
        PassportHeaderParser.equalsIgnoringCase(status, "success")
    }

    /// The header's value as a login server writes it:
    /// `Passport1.4 da-status=success,tname=MSPAuth,tname=MSPProf,tname=MSPSec,from-PP='…',ru=…`.
    public var headerValue: String {
        var text = "\(PassportHeaderParser.scheme) da-status=\(status)"
        text += ",tname=MSPAuth,tname=MSPProf,tname=MSPSec,from-PP='\(ticket)'"
        if let returnURL { text += ",ru=\(returnURL)" }
        return text
    }
}
