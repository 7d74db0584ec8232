import Foundation
import MSNCore

/// Something that happened in a ``Conversation``: read them from ``Conversation/events``.
///
/// ```
/// S: MSG bob@example.com Bob 161 … text/plain …      → .message(sender: "bob@example.com", …)
/// S: MSG bob@example.com Bob 90 … text/x-msmsgscontrol → .typing(sender: "bob@example.com")
/// S: JOI carol@example.com Carol                      → .joined("carol@example.com")
/// S: BYE carol@example.com                            → .left("carol@example.com", timedOut: false)
/// ```
/// Senders and participants are account e-mail addresses, without the MSNP16+ `;{guid}`.
public enum ConversationEvent: Sendable, Hashable {
    /// A text message (chunked ones once every part has arrived). `format` is the parsed
    /// `X-MMS-IM-Format`, when the message had a readable one.
    case message(sender: String, text: String, format: TextFormat?, date: Date)
    /// A typing notification (`text/x-msmsgscontrol`); they repeat every few seconds while
    /// the contact types.
    case typing(sender: String)
    /// A nudge (`text/x-msnmsgr-datacast` with `ID: 1`).
    case nudge(sender: String)
    /// A participant is in the conversation: `JOI`, or an `IRO` line after accepting an invitation.
    case joined(String)
    /// A participant left (`BYE`); `timedOut` when the server dropped them for idling (`BYE email 1`).
    case left(String, timedOut: Bool)
    /// The switchboard session is over. Sending again opens a new one and calls the
    /// participants back, unless the program left.
    case ended(ConversationEndReason)
}

/// Why a switchboard session of a ``Conversation`` ended.
public enum ConversationEndReason: Sendable, Hashable {
    /// Every other participant left.
    case everyoneLeft
    /// The server closed the idle switchboard (`BYE … 1`, then the connection closed).
    case idleTimeout
    /// The program called ``Conversation/leave()``.
    case leftByProgram
    /// The connection closed or failed.
    case disconnected(MessengerClientError?)
}
