import MSNCore

/// The profile message the notification server pushes after `USR … OK`.
///
/// ```
/// MSG Hotmail Hotmail 1441
/// MIME-Version: 1.0
/// Content-Type: text/x-msmsgsprofile; charset=UTF-8
/// LoginTime: 1795597414
/// MemberIdHigh: 1624891901
/// MemberIdLow: 582261780
/// MSPAuth: 6ee56c231d371251ed9bY6+H31…&p=
/// ClientIP: 127.0.0.1
/// ClientPort: 39702
/// ```
///
/// Every header is kept in ``fields``; the ones programs need have typed accessors.
public struct Profile: Sendable, Hashable {
    /// Every header, in order, as sent (names case preserved).
    public var fields: [(name: String, value: String)] {
        zip(names, values).map { ($0, $1) }
    }
    private var names: [String]
    private var values: [String]
    /// The dialect it was received in (decides whether `ClientPort` is byte-swapped).
    public var dialect: Dialect

    /// Parses the MIME headers of a profile payload.
    public init(payload: String, dialect: Dialect) {
        // Lenient: a profile that is not a well-formed MIME header block yields no fields.
        let headers = (try? MIMEMessage(parsing: payload))?.headers ?? []
        self.names = headers.map(\.name)
        self.values = headers.map { $0.value.trimmingCharacters(in: " \t") }
        self.dialect = dialect
    }

    /// The value of a header, matched case-insensitively (`nil` when absent).
    public subscript(_ name: String) -> String? {
        let wanted = name.lowercased()
        return names.firstIndex { $0.lowercased() == wanted }.map { values[$0] }
    }

    /// `MSPAuth`: the ticket, reused for Hotmail links and SOAP calls.
    public var mspAuth: String? { self["MSPAuth"] }
    /// `ClientIP`: the address the server sees the client at (MSNP8+).
    public var clientIP: String? { self["ClientIP"] }
    /// `ClientPort` exactly as sent.
    public var clientPortAsSent: Int? { self["ClientPort"].flatMap { Int($0) } }
    /// `ClientPort` un-swapped: the real port. From MSNP8 the field is byte-swapped
    /// (`((x & 0xff) << 8) | (x >> 8)`), before it is taken as sent.
    public var clientPort: Int? {
        guard let sent = clientPortAsSent, (0...0xFFFF).contains(sent) else { return nil }
        return dialect.profileClientPortIsByteSwapped ? ((sent & 0xFF) << 8) | (sent >> 8) : sent
    }
    /// `MemberIdHigh`, the high half of the PUID.
    public var memberIDHigh: UInt32? { self["MemberIdHigh"].flatMap { UInt32($0) } }
    /// `MemberIdLow`, the low half of the PUID.
    public var memberIDLow: UInt32? { self["MemberIdLow"].flatMap { UInt32($0) } }
    /// The PUID, `MemberIdHigh << 32 | MemberIdLow`.
    public var memberID: UInt64? {
        guard let high = memberIDHigh, let low = memberIDLow else { return nil }
        return UInt64(high) << 32 | UInt64(low)
    }
    /// `LoginTime` (Unix seconds).
    public var loginTime: Int? { self["LoginTime"].flatMap { Int($0) } }
    /// `ABCHMigrated: 1` (MSNP10+).
    public var isABCHMigrated: Bool { self["ABCHMigrated"] == "1" }
    /// `MPOPEnabled: 1` (MSNP16+).
    public var isMPOPEnabled: Bool { self["MPOPEnabled"] == "1" }

    public static func == (lhs: Profile, rhs: Profile) -> Bool {
        lhs.names == rhs.names && lhs.values == rhs.values && lhs.dialect == rhs.dialect
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(names)
        hasher.combine(values)
        hasher.combine(dialect)
    }
}


extension String {
    /// The text without leading and trailing characters from `set`.
    fileprivate func trimmingCharacters(in set: String) -> String {
        var view = Substring(self)
        while let first = view.first, set.contains(first) { view = view.dropFirst() }
        while let last = view.last, set.contains(last) { view = view.dropLast() }
        return String(view)
    }
}
