import MSNCore

/// The `text/x-msmsgsprofile` message the notification server pushes right after `USR … OK`.
///
/// ```
/// S: MSG Hotmail Hotmail 590
/// MIME-Version: 1.0
/// Content-Type: text/x-msmsgsprofile; charset=UTF-8
/// LoginTime: 1795597398
/// EmailEnabled: 0
/// MemberIdHigh: 1624891901
/// …
/// ClientPort: 50879            (byte-swapped 49094, MSNP8+)
/// ABCHMigrated: 1              (MSNP10+)
/// MPOPEnabled: 1               (MSNP16+)
///
/// ```
/// Fields come in the order Microsoft's servers sent them; the message ends with an empty line.
// TODO(core): build the MIME text with MSNCore's profile-message builder once branch `core`
// has landed on main; this is the one place that writes it by hand.
public struct ProfileMessage: Sendable, Hashable {
    public var dialect: Dialect
    public var account: AuthenticatedAccount
    /// Seconds since 1970 when the session signed in.
    public var loginTime: Int
    /// The client's address as the server sees it.
    public var clientIP: String
    /// The client's TCP port (written byte-swapped, as clients expect).
    public var clientPort: Int

    public init(dialect: Dialect, account: AuthenticatedAccount, loginTime: Int, clientIP: String,
                clientPort: Int) {
        self.dialect = dialect
        self.account = account
        self.loginTime = loginTime
        self.clientIP = clientIP
        self.clientPort = clientPort
    }

    /// The port as the profile writes it: the two bytes of the 16-bit port swapped.
    public static func swappedPort(_ port: Int) -> Int {
        let value = UInt16(truncatingIfNeeded: port)
        return Int(value.byteSwapped)
    }

    /// The header fields, in order.
    public var fields: [(name: String, value: String)] {
        var fields: [(String, String)] = [
            ("LoginTime", String(loginTime)),
            ("EmailEnabled", "0"),
            ("MemberIdHigh", String(account.puid >> 32)),
            ("MemberIdLow", String(account.puid & 0xFFFF_FFFF)),
            ("lang_preference", "1033"),
            ("preferredEmail", ""),
            ("country", ""),
            ("PostalCode", ""),
            ("Gender", ""),
            ("Kid", "0"),
            ("Age", ""),
            ("BDayPre", ""),
            ("Birthday", ""),
            ("Wallet", ""),
            ("Flags", "536872513"),
            ("sid", "507"),
            ("kv", "7"),
            ("MSPAuth", account.mspAuth),
        ]
        if dialect.profileHasClientAddress {
            fields.append(("ClientIP", clientIP))
            fields.append(("ClientPort", String(ProfileMessage.swappedPort(clientPort))))
        }
        if dialect.usesAddressBookIDs { fields.append(("ABCHMigrated", "1")) }
        if dialect.supportsMPOP { fields.append(("MPOPEnabled", "1")) }
        return fields
    }

    /// The MIME text: headers, `CRLF`-terminated, then the empty line.
    public var text: String {
        var text = "MIME-Version: 1.0\r\nContent-Type: text/x-msmsgsprofile; charset=UTF-8\r\n"
        for (name, value) in fields {
            text += value.isEmpty ? "\(name):\r\n" : "\(name): \(value)\r\n"
        }
        text += "\r\n"
        return text
    }

    /// `MSG Hotmail Hotmail <length>` with the text as payload.
    public var frame: Frame {
        Frame(verb: .msg, arguments: ["Hotmail", "Hotmail"], payloadText: text)
    }
}
