extension MIMEMessage {
    /// The `MIME-Version: 1.0` header every message starts with.
    public static let versionHeader = MIMEHeader(name: "MIME-Version", value: "1.0")

    /// A chat message.
    ///
    /// ```
    /// MIME-Version: 1.0\r\n
    /// Content-Type: text/plain; charset=UTF-8\r\n
    /// X-MMS-IM-Format: FN=Segoe%20UI; EF=; CO=0; CS=0; PF=22\r\n
    /// \r\n
    /// Hello
    /// ```
    /// - Parameters:
    ///   - text: the body; line breaks should be CR LF.
    ///   - format: the font and colour, or `nil` to leave out `X-MMS-IM-Format`.
    public static func text(_ text: String, format: TextFormat? = TextFormat()) -> MIMEMessage {
        var headers = [versionHeader, MIMEHeader(name: "Content-Type", value: "text/plain; charset=UTF-8")]
        if let format { headers.append(MIMEHeader(name: "X-MMS-IM-Format", value: format.headerValue)) }
        return MIMEMessage(headers: headers, bodyText: text)
    }

    /// A typing notification, sent with ack mode `U` every few seconds while typing.
    ///
    /// ```
    /// MIME-Version: 1.0\r\nContent-Type: text/x-msmsgscontrol\r\nTypingUser: alice@example.com\r\n\r\n\r\n
    /// ```
    public static func typingNotification(from account: String) -> MIMEMessage {
        MIMEMessage(headers: [versionHeader,
                              MIMEHeader(name: "Content-Type", value: "text/x-msmsgscontrol"),
                              MIMEHeader(name: "TypingUser", value: account)],
                    bodyText: "\r\n")
    }

    /// A datacast: `ID: 1` nudge, `2` wink, `3` voice clip, `4` action message.
    ///
    /// ```
    /// MIME-Version: 1.0\r\nContent-Type: text/x-msnmsgr-datacast\r\n\r\nID: 1\r\n\r\n
    /// ```
    /// - Parameter data: the `Data:` line of winks and voice clips (an MSN object).
    public static func datacast(id: Int, data: String? = nil) -> MIMEMessage {
        var body = "ID: \(id)\r\n"
        if let data { body += "Data: \(data)\r\n" }
        body += "\r\n"
        return MIMEMessage(headers: [versionHeader, MIMEHeader(name: "Content-Type", value: "text/x-msnmsgr-datacast")],
                           bodyText: body)
    }

    /// A nudge (`ID: 1` datacast).
    public static var nudge: MIMEMessage { datacast(id: 1) }

    /// The `TypingUser` of a typing notification.
    public var typingUser: String? {
        mediaType == "text/x-msmsgscontrol" ? self["TypingUser"] : nil
    }

    /// The `ID` of a datacast (`1` for a nudge), read from the `ID:` line of the body.
    public var datacastID: Int? {
        guard mediaType == "text/x-msnmsgr-datacast" else { return nil }
        for line in bodyText.split(whereSeparator: { $0 == "\r\n" || $0 == "\n" }) {
            let pair = line.split(separator: ":", maxSplits: 1)
            guard pair.count == 2, MIMEMessage.trimmed(pair[0]) == "ID" else { continue }
            return Int(MIMEMessage.trimmed(pair[1]))
        }
        return nil
    }

    /// The parsed `X-MMS-IM-Format` of a text message, or `nil` when it has none.
    ///
    /// - Throws: ``MIMEError`` when the header is present but malformed.
    public var textFormat: TextFormat? {
        get throws(MIMEError) {
            guard let value = self["X-MMS-IM-Format"] else { return nil }
            return try TextFormat(headerValue: value)
        }
    }
}
