import MSNCore

/// Reads `CHG` and `UUX`, and writes `ILN`, `NLN`, `FLN` and `UBX` in a given recipient's
/// dialect. Pure: no sockets, no store.
///
/// ```
/// C: CHG 9 NLN 2789003324:48 %3Cmsnobj%2F%3E   → change(NLN, caps 2789003324, ext 48, <msnobj/>)
/// S: NLN NLN 1:bob@example.com Bob 2789003324:48 %3Cmsnobj%2F%3E   (MSNP18 recipient)
/// S: NLN NLN bob@example.com Bob 2789003324                         (MSNP8 recipient)
/// ```
public enum PresenceCommands {
    /// What an MSNP9+ recipient gets in place of a missing MSN object.
    static let emptyMSNObject = "<msnobj/>"

    /// A status change from `CHG`.
    public struct Change: Sendable, Hashable {
        public var status: PresenceStatus
        public var capabilities: UInt32
        public var extendedCapabilities: UInt32
        /// The MSN object, not URL-encoded; `nil` when absent or `0`.
        public var msnObject: String?
    }

    /// Reads `CHG 9 NLN [caps[:ext] [msnobj]]`; `nil` for an unknown status or `FLN` (`201`).
    public static func parseChange(_ frame: Frame, dialect: Dialect) -> Change? {
        guard let token = frame.argument(0), let status = PresenceStatus(rawValue: String(token)) else { return nil }
        var change = Change(status: status, capabilities: 0, extendedCapabilities: 0, msnObject: nil)
        if let caps = frame.argument(1) {
            let parts = caps.split(separator: ":", maxSplits: 1)
            change.capabilities = parts.first.flatMap { UInt32($0) } ?? 0
            change.extendedCapabilities = parts.count > 1 ? UInt32(parts[1]) ?? 0 : 0
        }
        if dialect.supportsMSNObjects, let object = frame.argument(2), object != "0" {
            let decoded = URLEncoding.decodeLeniently(object)
            change.msnObject = decoded.isEmpty || decoded == emptyMSNObject ? nil : decoded
        }
        return change
    }

    /// Reads the `<PSM>` and `<CurrentMedia>` of a `UUX` payload, as sent (XML-escaped).
    public static func parsePersonalMessage(_ xml: String) -> (message: String, media: String) {
        (element("PSM", in: xml), element("CurrentMedia", in: xml))
    }

    /// The text between `<name>` and `</name>`, or empty (also for `<name/>`).
    static func element(_ name: String, in xml: String) -> String {
        guard let open = xml.range(of: "<\(name)>"),
              let close = xml.range(of: "</\(name)>", range: open.upperBound..<xml.endIndex) else { return "" }
        return String(xml[open.upperBound..<close.lowerBound])
    }

    /// `email`, `email 1` or `1:email` as the handle of a presence line.
    static func handle(_ email: String, dialect: Dialect) -> [String] {
        switch dialect.handleForm {
        case .plain: [email]
        case .networkIDAfter: [email, "1"]
        case .networkIDPrefix: ["1:\(email)"]
        }
    }

    /// The status, handle, name, capabilities and MSN object of an `ILN`/`NLN` line.
    static func presenceArguments(of email: String, _ state: PresenceState, dialect: Dialect) -> [String] {
        var arguments = [state.status.rawValue]
        switch dialect.handleForm {
        case .plain: arguments += [email, URLEncoding.encode(state.friendlyName)]
        case .networkIDAfter: arguments += [email, "1", URLEncoding.encode(state.friendlyName)]
        case .networkIDPrefix: arguments += ["1:\(email)", URLEncoding.encode(state.friendlyName)]
        }
        switch dialect.capabilitiesForm {
        case .none: break
        case .decimal: arguments.append(String(state.capabilities))
        case .decimalPair: arguments.append("\(state.capabilities):\(state.extendedCapabilities)")
        }
        if dialect.supportsMSNObjects {
            arguments.append(URLEncoding.encode(state.msnObject ?? emptyMSNObject, style: .allReserved))
        }
        return arguments
    }

    /// `NLN AWY bob@example.com Bob 1073741824 …`: a change seen by a `dialect` recipient.
    public static func online(_ email: String, _ state: PresenceState, dialect: Dialect) -> Frame {
        Frame(verb: .nln, arguments: presenceArguments(of: email, state, dialect: dialect))
    }

    /// `ILN 7 NLN bob@example.com Bob …` (MSNP18: `NLN NLN 1:bob@… …`): the dump after the
    /// first `CHG`, with its TrID.
    public static func initial(_ email: String, _ state: PresenceState, transactionID: TransactionID,
                               dialect: Dialect) -> Frame {
        let verb = dialect.initialPresenceVerb
        return Frame(verb: verb, transactionID: verb == .iln ? transactionID : nil,
                     arguments: presenceArguments(of: email, state, dialect: dialect))
    }

    /// `FLN bob@example.com` / `FLN bob@example.com 1 0` / `FLN 1:bob@example.com 0:0`.
    public static func offline(_ email: String, dialect: Dialect) -> Frame {
        var arguments = handle(email, dialect: dialect)
        if dialect.handleForm != .plain {
            arguments.append(dialect.capabilitiesForm == .decimalPair ? "0:0" : "0")
        }
        return Frame(verb: .fln, arguments: arguments)
    }

    /// `UBX bob@example.com 75` + `<Data>…</Data>` (MSNP11+), `nil` for older recipients.
    public static func personalMessage(_ email: String, _ state: PresenceState, dialect: Dialect) -> Frame? {
        guard dialect.supportsPersonalMessages else { return nil }
        return Frame(verb: .ubx, arguments: handle(email, dialect: dialect), payloadText: state.personalMessageXML)
    }
}
