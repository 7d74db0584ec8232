/// One item of a Passport 1.4 comma-separated list: `name=value`, `name='quoted value'`, or
/// a bare flag such as `prompt`.
///
/// ```
/// WWW-Authenticate: Passport1.4 da-status=failed,srealm=Passport.NET,ts=-3,prompt
/// ```
public struct PassportParameter: Hashable, Sendable {
    /// The name before `=` (or the whole item for a flag), as sent.
    public var name: String
    /// The value after `=`, without surrounding single quotes; `nil` for a flag.
    public var value: String?

    /// Creates a parameter.
    ///
    /// - Parameters:
    ///   - name: The name, for example `da-status`.
    ///   - value: The value, or `nil` for a flag such as `prompt`.
    public init(name: String, value: String?) {
        self.name = name
        self.value = value
    }

    /// The parameter as written in a header: `name=value`, or `name` for a flag.
    public var headerText: String {
        value.map { "\(name)=\($0)" } ?? name
    }
}
