import Foundation
import MSNCore

/// Writes a ``ContactList`` as the `SYN` reply of a dialect. Pure.
///
/// ```
/// MSNP2–7:  SYN 6 3 / GTC 6 3 A / BLP 6 3 AL / LST 6 FL 3 1 1 bob@example.com Bob / LST 6 BL 3 0 0 …
/// MSNP8–9:  SYN 5 3 1 1 / GTC A / BLP AL / LSG 0 Other%20Contacts 0 / LST bob@example.com Bob 11 0
/// MSNP10–12: SYN 5 <ts> <ts> 1 0 / GTC A / BLP AL / PRP MFN Alice / LST N=bob@… F=Bob C=<guid> 11
/// ```
public enum ContactListDump {
    /// The implicit group 0 of MSNP7–9.
    static let otherContacts = "Other Contacts"

    public static func frames(_ list: ContactList, transactionID trID: TransactionID, clientVersion: Int,
                              dialect: Dialect) -> [Frame] {
        let settings = list.settings
        let version = String(settings.version)
        let gtc = settings.notifyOnAdd ? "A" : "N"
        let blp = settings.privacyMode.rawValue
        switch dialect.contactListMechanism {
        case .versionedSYN:
            if clientVersion == settings.version { return [Frame(verb: .syn, transactionID: trID, arguments: [version])] }
            var frames = [Frame(verb: .syn, transactionID: trID, arguments: [version]),
                          Frame(verb: .gtc, transactionID: trID, arguments: [version, gtc]),
                          Frame(verb: .blp, transactionID: trID, arguments: [version, blp])]
            if dialect.supportsGroups {
                let groups = [(0, otherContacts)] + list.groups.map { ($0.number, $0.name) }
                for (index, group) in groups.enumerated() {
                    frames.append(Frame(verb: .lsg, transactionID: trID, arguments: [
                        version, String(index + 1), String(groups.count), String(group.0), URLEncoding.encode(group.1), "0"]))
                }
            }
            for kind in [ListKind.forward, .allow, .block, .reverse] {
                let members = list.contacts.filter { $0.lists.contains(kind.lists) }
                if members.isEmpty {
                    frames.append(Frame(verb: .lst, transactionID: trID, arguments: [kind.rawValue, version, "0", "0"]))
                }
                for (index, entry) in members.enumerated() {
                    var arguments = [kind.rawValue, version, String(index + 1), String(members.count), entry.email,
                                     URLEncoding.encode(entry.displayedName)]
                    if kind == .forward, dialect.supportsGroups { arguments.append(groupNumbers(entry)) }
                    frames.append(Frame(verb: .lst, transactionID: trID, arguments: arguments))
                }
            }
            return frames
        case .compactSYN:
            if clientVersion == settings.version { return [Frame(verb: .syn, transactionID: trID, arguments: [version])] }
            let contacts = list.contacts.filter { !$0.lists.intersection([.forward, .allow, .block, .reverse]).isEmpty }
            var frames = [Frame(verb: .syn, transactionID: trID, arguments: [version, String(contacts.count), String(list.groups.count + 1)]),
                          Frame(verb: .gtc, arguments: [gtc]), Frame(verb: .blp, arguments: [blp]),
                          Frame(verb: .lsg, arguments: ["0", URLEncoding.encode(otherContacts), "0"])]
            frames += list.groups.map { Frame(verb: .lsg, arguments: [String($0.number), URLEncoding.encode($0.name), "0"]) }
            for entry in contacts {
                let bits = entry.lists.intersection([.forward, .allow, .block, .reverse]).rawValue
                var arguments = [entry.email, URLEncoding.encode(entry.displayedName), String(bits)]
                if entry.lists.contains(.forward) { arguments.append(groupNumbers(entry)) }
                frames.append(Frame(verb: .lst, arguments: arguments))
            }
            return frames
        case .timestampedSYN, .addressBookSOAP:
            var frames = [Frame(verb: .syn, transactionID: trID, arguments: [
                timestamp(settings.listsChangedAt), timestamp(settings.settingsChangedAt),
                String(list.contacts.count), String(list.groups.count)]),
                          Frame(verb: .gtc, arguments: [gtc]), Frame(verb: .blp, arguments: [blp]),
                          Frame(verb: .prp, arguments: ["MFN", URLEncoding.encode(settings.friendlyName)])]
            frames += list.groups.map { Frame(verb: .lsg, arguments: [URLEncoding.encode($0.name), $0.guid]) }
            let guids = Dictionary(uniqueKeysWithValues: list.groups.map { ($0.number, $0.guid) })
            for entry in list.contacts {
                var arguments = ["N=\(entry.email)", "F=\(URLEncoding.encode(entry.displayedName))"]
                if entry.lists.contains(.forward) { arguments.append("C=\(entry.guid)") }
                arguments.append(String(entry.lists.rawValue))
                if dialect.lstCarriesNetworkID { arguments.append("1") }
                let groups = entry.groups.compactMap { guids[$0] }
                if !groups.isEmpty { arguments.append(groups.joined(separator: ",")) }
                frames.append(Frame(verb: .lst, arguments: arguments))
            }
            return frames
        }
    }

    /// MSNP10–12 delta sync: when the client's cached timestamps (`SYN 5 <lists> <settings>`)
    /// are the list's own, the arguments of the bare reply (`SYN 5 <lists> <settings>`, no
    /// counts and nothing after it, like MSNP8–9's `SYN 5 <ver>`); `nil` when anything changed.
    public static func unchanged(_ list: ContactList, lists: String, settings: String) -> [String]? {
        let current = [timestamp(list.settings.listsChangedAt), timestamp(list.settings.settingsChangedAt)]
        return current == [lists, settings] ? current : nil
    }

    /// `1,3`, or `0` (Other Contacts) for a contact in no group.
    static func groupNumbers(_ entry: ContactEntry) -> String {
        entry.groups.isEmpty ? "0" : entry.groups.map(String.init).joined(separator: ",")
    }

    /// `2005-04-23T18:57:44.8130000-00:00`, in UTC, as MSNP10–12 `SYN` writes change times.
    static func timestamp(_ date: Date?) -> String {
        guard let date else { return "2000-01-01T00:00:00.0000000-00:00" }
        let seconds = date.timeIntervalSince1970
        let whole = Int(seconds.rounded(.down))
        let fraction = Int(((seconds - Double(whole)) * 10_000_000).rounded(.down))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: Double(whole)))
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))T\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2)).\(pad(fraction, 7))-00:00"
    }
}
