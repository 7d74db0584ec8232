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
        let headers = MIMEHeaderReader.headers(of: payload)
        self.names = headers.map(\.name)
        self.values = headers.map(\.value)
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

/// Reads `Name: value` header lines of a MIME payload up to the first empty line.
enum MIMEHeaderReader {
    /// The headers, in order; lines without a colon are skipped.
    static func headers(of payload: String) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        // "\r\n" is one Character, so split on any newline character.
        for line in payload.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon]).trimmingSpaces()
            let value = String(line[line.index(after: colon)...]).trimmingSpaces()
            result.append((name, value))
        }
        return result
    }

    /// The `Content-Type` without parameters, lower-cased (`text/x-msmsgsprofile`).
    static func contentType(of payload: String) -> String? {
        guard let value = headers(of: payload).first(where: { $0.name.lowercased() == "content-type" })?.value
        else { return nil }
        return String(value.split(separator: ";").first ?? "").trimmingSpaces().lowercased()
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" { view = view.dropFirst() }
        while let last = view.last, last == " " || last == "\t" { view = view.dropLast() }
        return String(view)
    }
}
