/// The `WWW-Authenticate` header of a failed Passport 1.4 login (HTTP 401, auth.md §2.2).
///
/// ```
/// HTTP/1.1 401 Unauthorized
/// WWW-Authenticate: Passport1.4 da-status=failed,srealm=Passport.NET,ts=-3,prompt
/// ```
public struct PassportWWWAuthenticate: Hashable, Sendable {
    /// The `da-status` value, for example `failed`.
    public var status: String
    /// Every parameter after `da-status`, in order (`srealm`, `ts`, flags such as `prompt`…).
    public var parameters: [PassportParameter]

    /// Creates a failure header.
    ///
    /// - Parameters:
    ///   - status: Defaults to `failed`.
    ///   - parameters: Further parameters; defaults to `srealm=Passport.NET` and `prompt`.
    public init(
        status: String = "failed",
        parameters: [PassportParameter] = [
            PassportParameter(name: "srealm", value: "Passport.NET"),
            PassportParameter(name: "prompt", value: nil),
        ]
    ) {
        self.status = status
        self.parameters = parameters
    }

    /// Reads a `WWW-Authenticate` header value.
    ///
    /// - Parameter headerValue: The value, starting with `Passport1.4`.
    /// - Throws: ``AuthError/Code/malformedPassportHeader`` when it is not a Passport 1.4 list;
    ///   ``AuthError/Code/missingPassportParameter`` when `da-status` is missing.
    public init(parsing headerValue: String) throws(AuthError) {
        var status: String?
        var parameters: [PassportParameter] = []
        for item in try PassportHeaderParser.parseSchemeList(headerValue) {
            if status == nil, item.parameter.name.lowercased() == "da-status" {
                status = item.parameter.value ?? ""
            } else {
                parameters.append(item.parameter)
            }
        }
        guard let status else {
            throw AuthError(.missingPassportParameter, "WWW-Authenticate has no da-status")
        }
        self.init(status: status, parameters: parameters)
    }

    /// The value of the first parameter called `name` (any case), or `nil`.
    ///
    /// - Parameter name: For example `srealm`.
    public func value(of name: String) -> String? {
        parameters.first { PassportHeaderParser.equalsIgnoringCase($0.name, name) }?.value
    }

    /// The header's value: `Passport1.4 da-status=<status>,<parameters>`.
    public var headerValue: String {
        ([PassportHeaderParser.scheme + " da-status=" + status] + parameters.map(\.headerText))
            .joined(separator: ",")
    }
}
