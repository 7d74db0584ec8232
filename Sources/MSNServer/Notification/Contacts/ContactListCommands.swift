import MSNCore

/// Reads the contact-list commands of MSNP2–12 (and `BLP`/`PRP` of 13+) into
/// ``ContactListCommand``s. Pure: no sockets, no store.
///
/// ```
/// ADD 12 FL bob@example.com Bob      (MSNP2–9)
/// ADC 12 FL N=bob@example.com F=Bob  (MSNP10–12)
/// ```
public enum ContactListCommands {
    /// What became of a frame.
    public enum Outcome: Sendable, Hashable {
        case command(ContactListCommand)
        /// A well-formed line with a bad value: answer `code TrID`.
        case error(ErrorCode)
        /// Not a contact-list command of this dialect.
        case notHandled
    }

    /// The longest URL-encoded group name (`229` beyond).
    static let maximumGroupNameBytes = 61

    /// The verbs this parser may handle.
    public static let verbs: Set<Verb> = [.syn, .add, .adc, .rem, .adg, .rmg, .reg, .blp, .gtc, .rea, .prp, .sbp]

    /// Reads `frame` as sent by `me` in `dialect`.
    public static func parse(_ frame: Frame, dialect: Dialect, me: String) -> Outcome {
        let mechanism = dialect.contactListMechanism
        let legacy = !dialect.usesADC
        let soap = mechanism == .addressBookSOAP
        let a = frame.arguments.map(String.init)
        switch frame.verb {
        case .blp:
            guard let mode = a.first.flatMap(PrivacyMode.init(rawValue:)) else { return .error(.invalidParameter) }
            return .command(.setPrivacyMode(mode))
        case .prp where a.count >= 2:
            if a[0] == "MFN" { return friendlyName(a[1]) }
            return .command(.setPhone(type: a[0], value: a[1]))
        case _ where soap:
            return .notHandled
        case .syn:
            guard let first = a.first else { return .error(.invalidParameter) }
            if !legacy, a.count >= 2, first != "0" || a[1] != "0" {
                return .command(.syncSince(lists: first, settings: a[1]))
            }
            return .command(.sync(clientVersion: legacy ? Int(first) ?? 0 : 0))
        case .gtc:
            guard let value = a.first, value == "A" || value == "N" else { return .error(.invalidParameter) }
            return .command(.setNotifyOnAdd(value == "A"))
        case .add where legacy:
            guard a.count >= 2, let list = clientList(a[0]) else { return .error(.invalidParameter) }
            guard let email = validEmail(a[1]) else { return .error(.invalidParameter) }
            let group = a.count >= 4 && list == .forward && dialect.supportsGroups ? Int(a[3]).map(ContactListCommand.Group.number) : nil
            return .command(.add(list, .email(email), group: group == .number(0) ? nil : group))
        case .adc where !legacy:
            guard a.count >= 2, let list = clientList(a[0]) else { return .error(.invalidParameter) }
            if a[1].hasPrefix("C="), a.count >= 3, list == .forward {
                return .command(.add(.forward, .guid(String(a[1].dropFirst(2))), group: .guid(a[2])))
            }
            guard a[1].hasPrefix("N="), let email = validEmail(String(a[1].dropFirst(2))) else {
                return .error(.invalidParameter)
            }
            return .command(.add(list, .email(email), group: nil))
        case .rem:
            guard a.count >= 2, let list = clientList(a[0]) else { return .error(.invalidParameter) }
            if legacy {
                guard let email = validEmail(a[1]) else { return .error(.invalidParameter) }
                let group = a.count >= 3 && list == .forward ? Int(a[2]).map(ContactListCommand.Group.number) : nil
                return .command(.remove(list, .email(email), group: group))
            }
            if list == .forward {
                return .command(.remove(.forward, .guid(a[1]), group: a.count >= 3 ? .guid(a[2]) : nil))
            }
            guard let email = validEmail(a[1].hasPrefix("N=") ? String(a[1].dropFirst(2)) : a[1]) else {
                return .error(.invalidParameter)
            }
            return .command(.remove(list, .email(email), group: nil))
        case .adg where dialect.supportsGroups:
            guard let name = a.first else { return .error(.invalidParameter) }
            guard name.utf8.count <= maximumGroupNameBytes else { return .error(.groupNameTooLong) }
            return .command(.addGroup(name: URLEncoding.decodeLeniently(name)))
        case .rmg where dialect.supportsGroups:
            guard let group = a.first.flatMap({ self.group($0, legacy: legacy) }) else { return .error(.invalidGroup) }
            if group == .number(0) { return .error(.cannotRemoveGroupZero) }
            return .command(.removeGroup(group))
        case .reg where dialect.supportsGroups:
            guard a.count >= 2, let group = self.group(a[0], legacy: legacy) else { return .error(.invalidGroup) }
            guard a[1].utf8.count <= maximumGroupNameBytes else { return .error(.groupNameTooLong) }
            return .command(.renameGroup(group, name: URLEncoding.decodeLeniently(a[1])))
        case .rea where legacy:
            guard a.count >= 2, let email = validEmail(a[0]) else { return .error(.invalidParameter) }
            if email == me.lowercased() { return friendlyName(a[1]) }
            return .command(.setNickname(.email(email), URLEncoding.decodeLeniently(a[1])))
        case .sbp where !legacy:
            guard a.count >= 3, a[1] == "MFN" else { return .error(.invalidParameter) }
            return .command(.setNickname(.guid(a[0]), URLEncoding.decodeLeniently(a[2])))
        default:
            return .notHandled
        }
    }

    /// FL, AL or BL; RL and PL belong to the server.
    static func clientList(_ token: String) -> ListKind? {
        ListKind(rawValue: token).flatMap { $0.isClientEditable ? $0 : nil }
    }

    /// The lower-cased address, or `nil` when it is not one (`201`).
    static func validEmail(_ text: String) -> String? {
        try? AccountValidation.normalisedEmail(text)
    }

    static func group(_ token: String, legacy: Bool) -> ContactListCommand.Group? {
        if legacy { return Int(token).flatMap { $0 >= 0 ? .number($0) : nil } }
        return token.isEmpty ? nil : .guid(token)
    }

    static func friendlyName(_ encoded: String) -> Outcome {
        let name = URLEncoding.decodeLeniently(encoded)
        guard (try? AccountValidation.validDisplayName(name)) != nil else { return .error(.invalidParameter) }
        return .command(.setFriendlyName(name))
    }
}
