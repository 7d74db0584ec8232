import Foundation
import MSNCore

/// An invitation to a conversation: the notification server's `RNG`, delivered as
/// ``MessengerEvent/conversationInvitation(_:)``.
///
/// ```
/// S: RNG 11752013 127.0.0.1:1864 CKI 849102291.520491113 alice@example.com Alice
/// ```
/// Accept it with ``MessengerClient/accept(_:)`` (which answers with `ANS`); to decline, do
/// nothing: the switchboard forgets an unanswered invitation (Escargot after 60 s).
public struct ConversationInvitation: Sendable, Hashable {
    /// The `RNG` as read.
    public var invitation: SwitchboardInvitation
    /// When it arrived.
    public var receivedAt: Date

    /// Who invites: `alice@example.com`.
    public var inviter: String { invitation.inviter }
    /// The inviter's friendly name, decoded.
    public var inviterName: String { invitation.inviterName.decoded }
    /// The switchboard session id.
    public var sessionID: String { invitation.sessionID }

    public init(invitation: SwitchboardInvitation, receivedAt: Date = Date()) {
        self.invitation = invitation
        self.receivedAt = receivedAt
    }
}
