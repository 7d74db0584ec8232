import Foundation
import MSNClient
import MSNCore

/// How `msn chat` writes times, statuses and reasons.
enum ChatFormat {
    /// `21:04:09`, local time.
    static func time(_ date: Date) -> String {
        let parts = Calendar.current.dateComponents([.hour, .minute, .second], from: date)
        return [parts.hour, parts.minute, parts.second]
            .map { value in
                let text = String(value ?? 0)
                return text.count < 2 ? "0" + text : text
            }
            .joined(separator: ":")
    }

    /// The status names `/status` takes, with the protocol codes: `away` → `AWY`.
    static let statusNames: [(name: String, status: PresenceStatus)] = [
        ("online", .online), ("busy", .busy), ("idle", .idle), ("brb", .beRightBack), ("away", .away),
        ("phone", .onThePhone), ("lunch", .outToLunch), ("hidden", .hidden),
    ]

    /// `away`, `AWY` or `Away` → ``PresenceStatus/away``.
    static func status(named name: String) -> PresenceStatus? {
        let lowered = name.lowercased()
        if let match = statusNames.first(where: { $0.name == lowered }) { return match.status }
        return PresenceStatus(rawValue: name.uppercased())
    }

    /// `away`; `offline` for `nil`.
    static func name(of status: PresenceStatus?) -> String {
        guard let status else { return "offline" }
        return statusNames.first(where: { $0.status == status })?.name ?? status.rawValue
    }

    /// A sentence for a message that did not arrive.
    static func reason(_ why: NotDeliveredReason) -> String {
        switch why {
        case .rejected: "the switchboard could not deliver it (NAK)"
        case .contactOffline: "the contact is offline, hidden or blocking you"
        case .notAnswered: "nobody answered the invitation"
        case .conversationEnded: "the conversation has ended"
        case .switchboardClosed: "the switchboard closed before acknowledging it"
        }
    }
}
