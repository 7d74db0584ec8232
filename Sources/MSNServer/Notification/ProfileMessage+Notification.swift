import MSNCore

extension ProfileMessage {
    /// The profile the notification server pushes right after `USR … OK`.
    ///
    /// ```
    /// S: MSG Hotmail Hotmail 590
    /// MIME-Version: 1.0
    /// Content-Type: text/x-msmsgsprofile; charset=UTF-8
    /// LoginTime: 1795597398
    /// …
    /// ClientPort: 50879            (byte-swapped 49094, MSNP8+)
    /// ```
    init(account: AuthenticatedAccount, loginTime: Int, clientIP: String, clientPort: Int) {
        self.init(loginTime: loginTime,
                  memberIDHigh: UInt32(truncatingIfNeeded: account.puid >> 32),
                  memberIDLow: UInt32(truncatingIfNeeded: account.puid),
                  kv: "7", msPAuth: account.mspAuth, clientIP: clientIP,
                  clientPort: ProfileMessage.wirePort(UInt16(truncatingIfNeeded: clientPort)))
    }

    /// `MSG Hotmail Hotmail <length>` carrying this profile in `dialect`'s fields.
    func frame(for dialect: Dialect) -> Frame {
        Frame(verb: .msg, arguments: ["Hotmail", "Hotmail"], payload: message(for: dialect).bytes)
    }
}
