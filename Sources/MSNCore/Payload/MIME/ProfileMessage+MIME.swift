extension ProfileMessage {
    /// The media type of a profile message.
    public static let mediaType = "text/x-msmsgsprofile"

    /// The profile as the `MSG Hotmail Hotmail` payload of `dialect`.
    public func message(for dialect: Dialect) -> MIMEMessage {
        var headers = [MIMEMessage.versionHeader,
                       MIMEHeader(name: "Content-Type", value: "\(ProfileMessage.mediaType); charset=UTF-8")]
        for (name, value) in fields(for: dialect) { headers.append(MIMEHeader(name: name, value: value)) }
        return MIMEMessage(headers: headers)
    }

    /// The `(name, value)` pairs of `dialect`, in wire order.
    public func fields(for dialect: Dialect) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("LoginTime", String(loginTime)), ("EmailEnabled", emailEnabled ? "1" : "0"),
            ("MemberIdHigh", String(memberIDHigh)), ("MemberIdLow", String(memberIDLow)),
            ("lang_preference", String(languagePreference)), ("preferredEmail", preferredEmail),
            ("country", country), ("PostalCode", postalCode), ("Gender", gender), ("Kid", String(kid)),
            ("Age", age), ("BDayPre", birthdayPrecision), ("Birthday", birthday), ("Wallet", wallet),
            ("Flags", String(flags)), ("sid", String(sid)),
        ]
        if let kv { fields.append(("kv", kv)) }
        fields.append(("MSPAuth", msPAuth))
        if dialect.profileHasClientAddress {
            fields.append(("ClientIP", clientIP))
            fields.append(("ClientPort", String(clientPort)))
        }
        if dialect.usesAddressBookIDs { fields.append(("ABCHMigrated", abchMigrated ? "1" : "0")) }
        if dialect.supportsMPOP { fields.append(("MPOPEnabled", mpopEnabled ? "1" : "0")) }
        return fields
    }

    /// Reads a profile leniently: absent or unreadable numeric fields take their defaults.
    ///
    /// - Throws: ``MIMEError`` (``MIMEError/Code/invalidHeaderValue``) when the message is not
    ///   a `text/x-msmsgsprofile`.
    public init(message: MIMEMessage) throws(MIMEError) {
        guard message.mediaType == ProfileMessage.mediaType else {
            throw MIMEError(.invalidHeaderValue, offset: 0,
                            detail: "Content-Type \(message.contentType ?? "(none)") is not \(ProfileMessage.mediaType)")
        }
        func text(_ name: String) -> String { message[name] ?? "" }
        func number<T: FixedWidthInteger>(_ name: String, _ fallback: T) -> T { T(text(name)) ?? fallback }
        self.init(loginTime: number("LoginTime", 0), emailEnabled: text("EmailEnabled") == "1",
                  memberIDHigh: number("MemberIdHigh", 0), memberIDLow: number("MemberIdLow", 0),
                  languagePreference: number("lang_preference", 1033), preferredEmail: text("preferredEmail"),
                  country: text("country"), postalCode: text("PostalCode"), gender: text("Gender"),
                  kid: number("Kid", 0), age: text("Age"), birthdayPrecision: text("BDayPre"),
                  birthday: text("Birthday"), wallet: text("Wallet"), flags: number("Flags", 0),
                  sid: number("sid", 507), kv: message["kv"], msPAuth: text("MSPAuth"),
                  clientIP: text("ClientIP"), clientPort: number("ClientPort", 0),
                  abchMigrated: text("ABCHMigrated") == "1", mpopEnabled: text("MPOPEnabled") == "1")
    }
}
