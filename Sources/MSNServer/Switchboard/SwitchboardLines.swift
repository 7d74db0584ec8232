import MSNCore
import NIOCore

/// The switchboard's lines about participants, each written in its recipient's dialect.
///
/// A member signed in with an endpoint (MSNP16+) is named twice to MSNP16+ recipients, first
/// `email;{guid}` then the bare `email` (the bare form once per account); older recipients see
/// only the bare form. Nobody is told about their own account's bare handle.
///
/// ```
/// to MSNP5:   IRO 1 1 1 alice@example.com Alice
/// to MSNP12:  JOI bob@example.com Bob 1342177280
/// to MSNP18:  IRO 1 1 2 alice@example.com;{edabafbb-61ad-51d6-9fd8-e976c892a731} Alice 2789003324:48
///             IRO 1 2 2 alice@example.com Alice 2789003324:48
///             BYE bob@example.com 1                        (the switchboard timed the conversation out)
/// ```
public enum SwitchboardLines {
    /// The handles naming `member` to `recipient`: the endpoint form where the recipient's
    /// dialect has endpoints, and the bare form when `includeBare` and it is someone else.
    static func handles(of member: SwitchboardIdentity, seenBy recipient: SwitchboardIdentity,
                        includeBare: Bool) -> [String] {
        var handles: [String] = []
        if recipient.dialect.switchboardUsesEndpoints, let endpoint = member.wireEndpoint {
            handles.append("\(member.email);\(endpoint)")
        }
        if includeBare && member.accountKey != recipient.accountKey { handles.append(member.email) }
        return handles
    }

    /// The capabilities after a handle in `IRO`/`JOI` (MSNP12+), in the recipient's form.
    static func capabilities(of member: SwitchboardIdentity, seenBy dialect: Dialect) -> String? {
        guard dialect.switchboardCarriesCapabilities else { return nil }
        return dialect.capabilitiesForm == .decimalPair
            ? "\(member.capabilities):\(member.extendedCapabilities)"
            : String(member.capabilities)
    }

    /// The `IRO trID i n handle name [caps]` lines telling `joiner` who is already there
    /// (`present`, in join order, without the joiner's own connection).
    public static func roster(for joiner: SwitchboardIdentity, present: [SwitchboardIdentity],
                              transactionID: TransactionID) -> [Frame] {
        var entries: [(handle: String, member: SwitchboardIdentity)] = []
        var accounts: [String] = []
        for member in present where !accounts.contains(member.accountKey) { accounts.append(member.accountKey) }
        for account in accounts {
            let members = present.filter { $0.accountKey == account }
            for member in members {
                for handle in handles(of: member, seenBy: joiner, includeBare: false) { entries.append((handle, member)) }
            }
            if let first = members.first, account != joiner.accountKey { entries.append((first.email, first)) }
        }
        return entries.enumerated().map { index, entry in
            RosterEntry(transactionID: transactionID, index: index + 1, count: entries.count,
                        handle: EndpointHandle(entry.handle), friendlyName: URLEncodedName(entry.member.friendlyName),
                        capabilities: capabilities(of: entry.member, seenBy: joiner.dialect)).frame
        }
    }

    /// `JOI handle name [caps]` telling `recipient` that `member` joined; the bare form only
    /// when `firstOfAccount` (no other connection of that account was there).
    public static func joined(_ member: SwitchboardIdentity, seenBy recipient: SwitchboardIdentity,
                              firstOfAccount: Bool) -> [Frame] {
        handles(of: member, seenBy: recipient, includeBare: firstOfAccount).map {
            JoinNotice(handle: EndpointHandle($0), friendlyName: URLEncodedName(member.friendlyName),
                       capabilities: capabilities(of: member, seenBy: recipient.dialect)).frame
        }
    }

    /// `BYE handle` (or `BYE handle 1` when the switchboard closed it for idleness) telling
    /// `recipient` that `member` left; the bare form only when `lastOfAccount`.
    public static func left(_ member: SwitchboardIdentity, seenBy recipient: SwitchboardIdentity,
                            lastOfAccount: Bool, timedOut: Bool) -> [Frame] {
        handles(of: member, seenBy: recipient, includeBare: lastOfAccount).map {
            LeaveNotice(handle: EndpointHandle($0), timedOut: timedOut).frame
        }
    }

    /// `MSG sender name length` + the payload exactly as the sender wrote it. The sender is
    /// always the bare e-mail, in every dialect.
    public static func message(from sender: SwitchboardIdentity, payload: ByteBuffer) -> Frame {
        Frame(verb: .msg, arguments: [sender.email, URLEncoding.encode(sender.friendlyName)], payload: payload)
    }
}
