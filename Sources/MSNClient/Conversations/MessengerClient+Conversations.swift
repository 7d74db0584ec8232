import Foundation
import MSNCore

extension MessengerClient {
    /// Starts a conversation: asks for a switchboard, calls each contact, and returns once
    /// they have joined (those who do not join within
    /// ``ConversationSettings/invitationTimeout`` are left out).
    ///
    /// ```
    /// NS C: XFR 8 SB          NS S: XFR 8 SB 127.0.0.1:1864 CKI 930e8325d57c0967e0a4
    /// SB C: USR 1 alice@example.com 930e8325d57c0967e0a4   SB S: USR 1 OK alice@example.com Alice
    /// SB C: CAL 2 bob@example.com                         SB S: CAL 2 RINGING 5be71a94f5ca750e94fcd8a0e96bd75
    ///                                                     SB S: JOI bob@example.com Bob
    /// ```
    ///
    /// - Throws: ``MessengerClientError/Code/notSignedIn``,
    ///   ``MessengerClientError/Code/switchboardRefused`` (`XFR` or `USR` refused),
    ///   ``MessengerClientError/Code/contactOffline`` (every contact answered `217`),
    ///   ``MessengerClientError/Code/timeout`` (nobody joined in time), or another error.
    public func startConversation(with contacts: [String]) async throws(MessengerClientError) -> Conversation {
        guard let account else { throw MessengerClientError(.notSignedIn, "a conversation needs a signed-in session") }
        let conversation = Conversation(client: self, account: account, configuration: configuration, logger: logger)
        try await conversation.start(with: contacts)
        remember(conversation)
        return conversation
    }

    /// Accepts an invitation (``MessengerEvent/conversationInvitation(_:)``): joins the
    /// switchboard with `ANS` and returns the conversation, whose ``Conversation/participants``
    /// are the `IRO` list.
    ///
    /// ```
    /// SB C: ANS 1 bob@example.com 250068911be19f1e6a5b 5be71a94f5ca750e94fcd8a0e96bd75
    /// SB S: IRO 1 1 1 alice@example.com alice@example.com
    /// SB S: ANS 1 OK
    /// ```
    ///
    /// - Throws: ``MessengerClientError/Code/notSignedIn``,
    ///   ``MessengerClientError/Code/switchboardRefused`` (the invitation expired or was
    ///   already used), ``MessengerClientError/Code/timeout``.
    public func accept(_ invitation: ConversationInvitation) async throws(MessengerClientError) -> Conversation {
        guard let account else { throw MessengerClientError(.notSignedIn, "answering an invitation needs a signed-in session") }
        let conversation = Conversation(client: self, account: account, configuration: configuration, logger: logger)
        try await conversation.answer(invitation.invitation)
        remember(conversation)
        return conversation
    }

    /// Keeps a weak reference to `conversation` so that ``signOut()`` can end it.
    private func remember(_ conversation: Conversation) {
        conversations = conversations.filter { $0.value.conversation != nil }
        conversations[ObjectIdentifier(conversation)] = WeakConversation(conversation: conversation)
    }

    /// `XFR TrID SB` → the switchboard's address and cookie.
    func requestSwitchboard() async throws(MessengerClientError) -> SwitchboardReferral {
        let reply: Frame
        do {
            reply = try await send(.xfr, arguments: [ReferralRequest.Target.switchboard.rawValue])
        } catch where error.code == .serverError || error.code == .serverUnavailable {
            throw MessengerClientError(.switchboardRefused, "the server gave no switchboard (\(error.detail))",
                                       serverErrorCode: error.serverErrorCode, line: error.line)
        }
        guard case .switchboard(let referral)? = try? Referral(frame: reply) else {
            throw .violation("XFR SB was not answered with a switchboard", frame: reply)
        }
        return referral
    }

    /// `RNG` on the notification connection: reported as ``MessengerEvent/conversationInvitation(_:)``.
    func handleInvitation(_ frame: Frame) {
        guard let invitation = try? SwitchboardInvitation(frame: frame, dialect: account?.dialect) else {
            emit(.unhandledFrame(frame))
            return
        }
        emit(.conversationInvitation(ConversationInvitation(invitation: invitation)))
    }
}
