import MSNCore

/// Something the server pushed, or something the client did on its own, after sign-in.
///
/// Read them from ``MessengerClient/events``. Contacts, presence and conversations will add
/// cases; switch with a `default:` branch.
///
/// ```
/// OUT OTH                  → .signedOutElsewhere
/// OUT SSD                  → .serverShuttingDown
/// CHL 0 15570131571988941333 → (QRY sent) .challengeAnswered(…)
/// ```
public enum MessengerEvent: Sendable {
    /// The profile message arrived (`MSG Hotmail Hotmail …` with `text/x-msmsgsprofile`).
    case profileReceived(Profile)
    /// A `CHL 0 <challenge>` was answered with `QRY`; `accepted` once the server echoed `QRY n`.
    case challengeAnswered(challenge: String, productID: String, accepted: Bool)
    /// The server answered `PNG` with `QNG[ seconds]`.
    case keepalive(nextPingInSeconds: Int?)
    /// `OUT OTH`: the account signed in from another place; the connection is closed.
    case signedOutElsewhere
    /// `OUT SSD`: the server is shutting down; the connection is closed.
    case serverShuttingDown
    /// Another `OUT` (`OUT`, `OUT MIG`, `OUT TOU`, `OUT RCT 6`): the arguments after `OUT`.
    case signedOutByServer(reason: [String])
    /// A line the client does not handle (yet): `SBS 0 null`, `GCF 0 …`, `UBX …`, `MSG` other than the profile.
    case unhandledFrame(Frame)
    /// The connection is gone. `nil` after ``MessengerClient/signOut()``; otherwise why.
    case disconnected(MessengerClientError?)
    /// `RNG`: someone invites the client to a conversation. Accept with
    /// ``MessengerClient/accept(_:)``, or ignore it to decline.
    case conversationInvitation(ConversationInvitation)
}
