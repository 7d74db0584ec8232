import MSNCore
import NIOCore

/// One connection taking part in a conversation: who it is and where its frames go.
///
/// An account may be present several times (MSNP16+ endpoints); each connection is one
/// participant.
public final class SwitchboardParticipant: Sendable, Identifiable {
    /// The connection id.
    public let id: UInt64
    /// The conversation's session id (`CAL 2 RINGING <session-id>`).
    public let sessionID: String
    public let identity: SwitchboardIdentity
    /// Where frames for this connection are queued.
    let outbox: Outbox
    /// `sender-email url-name` of every `MSG` this participant sends, built once.
    let messageArguments: [Substring]
    /// The conversation's members, for relaying this participant's `MSG`s.
    let room: SwitchboardRoom

    init(id: UInt64, conversation: SwitchboardConversation, identity: SwitchboardIdentity, outbox: Outbox) {
        self.id = id
        self.sessionID = conversation.sessionID
        self.room = conversation.room
        self.identity = identity
        self.outbox = outbox
        self.messageArguments = SwitchboardLines.message(from: identity, payload: ByteBuffer()).arguments
    }
}
