import MSNCore
import NIOCore

/// What ``SwitchboardSessionState`` asks its runner to do.
public enum SwitchboardAction: Sendable, Hashable {
    /// Queue a frame for the client: `ACK 4`.
    case send(Frame)
    /// Write what is queued, then close the connection.
    case close
    /// Redeem the referral cookie of `USR` and open a conversation, then report with
    /// ``SwitchboardSessionState/loginFinished(_:handle:)``.
    case start(SwitchboardLoginRequest)
    /// Redeem the invitation cookie of `ANS` and join, then report with
    /// ``SwitchboardSessionState/answerFinished(_:)``.
    case answer(SwitchboardAnswer)
    /// Invite `email` (`CAL trID email`), then report with ``SwitchboardSessionState/callFinished(_:refusal:)``.
    case call(TransactionID, email: String)
    /// Relay the payload of `MSG trID mode length` to the others, then report with
    /// ``SwitchboardSessionState/relayFinished(_:mode:delivered:)``.
    case relay(TransactionID, mode: AcknowledgementMode, payload: ByteBuffer)
}
