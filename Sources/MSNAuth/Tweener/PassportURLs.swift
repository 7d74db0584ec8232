/// The Nexus answer that tells a Tweener client where to log in (auth.md §2.2 step 1).
///
/// ```
/// GET /rdr/pprdr.asp HTTP/1.1
///
/// HTTP/1.1 200 OK
/// PassportURLs: DARealm=Passport.Net,DALogin=login.passport.com/login2.srf,ConfigVersion=15
/// ```
///
/// The real Nexus gave `DALogin` without a scheme; Escargot gives it with `https://`.
/// ``loginURL`` accepts both.
public struct PassportURLs: Hashable, Sendable {
    /// Every item of the header, in order (`DARealm`, `DALogin`, `ConfigVersion`, …).
    public var parameters: [PassportParameter]

    /// Creates the header a Nexus sends.
    ///
    /// - Parameters:
    ///   - daLogin: The login address, with or without a scheme
    ///     (`login.passport.com/login2.srf` or `https://127.0.0.1:8443/login2.srf`).
    ///   - realm: `DARealm`; `nil` leaves it out. Defaults to `Passport.Net`.
    ///   - configVersion: `ConfigVersion`; `nil` leaves it out. Defaults to `15`.
    public init(daLogin: String, realm: String? = "Passport.Net", configVersion: String? = "15") {
        var parameters: [PassportParameter] = []
        if let realm { parameters.append(PassportParameter(name: "DARealm", value: realm)) }
        parameters.append(PassportParameter(name: "DALogin", value: daLogin))
        if let configVersion { parameters.append(PassportParameter(name: "ConfigVersion", value: configVersion)) }
        self.parameters = parameters
    }

    /// Reads the value of a `PassportURLs:` header.
    ///
    /// A leading `PassportURLs:` (the whole header line) is tolerated.
    ///
    /// - Parameter headerValue: For example
    ///   `DARealm=Passport.Net,DALogin=login.passport.com/login2.srf,ConfigVersion=15`.
    /// - Throws: ``AuthError/Code/malformedPassportURLs`` when there is no non-empty
    ///   `DALogin`; ``AuthError/Code/malformedPassportHeader`` when the list is unreadable.
    public init(parsing headerValue: String) throws(AuthError) {
        var list = headerValue[...].drop(while: \.isWhitespace)
        let headerName = "PassportURLs:"
        if PassportHeaderParser.equalsIgnoringCase(list.prefix(headerName.count), headerName) {
            list = list.dropFirst(headerName.count)
        }
        let items = try PassportHeaderParser.parseList(list)
        parameters = items.map(\.parameter)
        guard let login = value(of: "DALogin"), !login.isEmpty, !login.contains(where: \.isWhitespace) else {
            throw AuthError(.malformedPassportURLs, "PassportURLs has no usable DALogin")
        }
    }

    /// The value of the first parameter called `name` (any case), or `nil`.
    ///
    /// - Parameter name: For example `DARealm`.
    public func value(of name: String) -> String? {
        parameters.first { PassportHeaderParser.equalsIgnoringCase($0.name, name) }?.value
    }

    /// `DALogin` as sent, or the empty string if absent.
    public var daLogin: String {
        value(of: "DALogin") ?? ""
    }

    /// The address to send the `Authorization: Passport1.4 …` request to: ``daLogin`` with
    /// `https://` put in front when it has no scheme.
    ///
    /// `login.passport.com/login2.srf` → `https://login.passport.com/login2.srf`.
    public var loginURL: String {
        let login = daLogin
        return login.contains("://") ? login : "https://" + login
    }

    /// The header's value, the parameters joined by commas.
    public var headerValue: String {
        parameters.map(\.headerText).joined(separator: ",")
    }
}
