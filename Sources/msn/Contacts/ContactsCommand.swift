import ArgumentParser
import MSNClient
import MSNCore

/// `msn contacts EMAIL`: signs in (appearing offline), prints the contact list with groups,
/// presence and personal messages, signs out.
///
/// ```
/// $ msn contacts alice@example.com --password-stdin <<< secret
/// alice@example.com (MSNP15): 2 contacts, 1 group, privacy AL
/// Friends
///   bob@example.com  Bob  busy  "at work"
/// Not on your list
///   carol@example.com  Carol  offline  [pending]
/// ```
struct ContactsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contacts",
        abstract: "Sign in, list the contacts with groups, presence and personal messages, sign out."
    )

    @Argument(help: "The account's e-mail address.")
    var email: String

    @Option(help: "Milliseconds to wait for the presence lines after sign-in.")
    var settle: Int = 300

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        await runPrinting { () async throws(CommandFailure) in
            try await perform(password: try connection.readPassword())
        }
    }

    /// Signs in, reads the list, signs out; the lines to print.
    func perform(password: String) async throws(CommandFailure) -> [String] {
        let wait = Duration.milliseconds(max(0, settle))
        return try await connection.withSession(email: email, password: password, initialStatus: .hidden,
                                                action: "contacts") { client, account in
            try? await Task.sleep(for: wait)
            return Self.render(await client.contactList, account: account)
        }
    }

    /// The listing: a heading, the forward list by group, then everyone else.
    static func render(_ list: ContactListSnapshot, account: SignedInAccount) -> [String] {
        let forward = list.forwardList
        var lines = ["\(account.email) (\(account.dialect)): \(count(forward.count, "contact")), "
                     + "\(count(list.groups.count, "group"))" + (list.privacyMode.map { ", privacy \($0.rawValue)" } ?? "")]
        var shown = Set<String>()
        for group in list.groups {
            let members = forward.filter { $0.groupIDs.contains(group.id) }
            guard !members.isEmpty else { continue }
            lines.append(group.name)
            lines += members.map(line)
            shown.formUnion(members.map(\.email))
        }
        let ungrouped = forward.filter { !shown.contains($0.email) }
        if !ungrouped.isEmpty {
            if !list.groups.isEmpty { lines.append("(no group)") }
            lines += ungrouped.map(line)
        }
        let others = list.contacts.filter { !$0.lists.contains(.forward) }
        if !others.isEmpty {
            lines.append("Not on your list")
            lines += others.map(line)
        }
        return lines
    }

    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// `  bob@example.com  Bob  busy  "at work"  [blocked]`.
    static func line(_ contact: Contact) -> String {
        var text = "  \(contact.email)"
        if contact.displayName != contact.email { text += "  \(contact.displayName)" }
        if let nickname = contact.nickname { text += "  (\(nickname))" }
        text += "  " + (contact.status.map(StatusName.name(of:)) ?? "offline")
        if let message = contact.personalMessage { text += "  \"\(message)\"" }
        var flags: [String] = []
        if contact.isBlocked { flags.append("blocked") }
        if contact.isPending { flags.append("pending") }
        if contact.lists.contains(.reverse) && !contact.isPending { flags.append("has you") }
        if !flags.isEmpty { text += "  [" + flags.joined(separator: ", ") + "]" }
        return text
    }
}

/// The CLI's names for statuses: `busy` ↔ `BSY`.
enum StatusName: String, CaseIterable, ExpressibleByArgument {
    case online, busy, away, idle, brb, phone, lunch, hidden

    var status: PresenceStatus {
        switch self {
        case .online: .online
        case .busy: .busy
        case .away: .away
        case .idle: .idle
        case .brb: .beRightBack
        case .phone: .onThePhone
        case .lunch: .outToLunch
        case .hidden: .hidden
        }
    }

    static func name(of status: PresenceStatus) -> String {
        allCases.first { $0.status == status }?.rawValue ?? status.rawValue
    }
}
