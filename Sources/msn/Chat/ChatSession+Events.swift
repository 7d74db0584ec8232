import Foundation
import MSNClient
import MSNCore

extension ChatSession {
    /// Reads the client's events: accepts invitations, reports presence, notices a lost connection.
    func startReadingClient() {
        let client = client
        clientReader = Task { [weak self] in
            for await event in client.events {
                guard let self else { return }
                await self.show(event)
            }
        }
        contactsReader = ClientContactsAdapter.watchContacts(of: client) { [weak self] line in
            await self?.showPresence(line)
        }
    }

    func show(_ event: MessengerEvent) async {
        switch event {
        case .conversationInvitation(let invitation):
            do {
                let conversation = try await client.accept(invitation)
                let wasChatting = current != nil
                attach(conversation, makeCurrent: true)
                stamped("\(invitation.inviter) invited you; accepted" + (wasChatting ? " (your messages now go to this conversation)" : ""))
            } catch {
                say("could not accept the invitation from \(invitation.inviter): \(error.detail)")
            }
        case .disconnected(let reason?):
            say("disconnected: \(reason.detail); press Enter to quit")
            finished = true
        case .signedOutElsewhere:
            say("signed in elsewhere; this session is over")
        case .serverShuttingDown:
            say("the server is shutting down")
        default:
            break
        }
    }

    /// Prints one conversation event.
    func show(_ event: ConversationEvent, in conversation: Conversation) {
        switch event {
        case .message(let sender, let text, _, let date):
            typingShown[sender] = nil
            var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            let first = lines.isEmpty ? "" : String(lines.removeFirst())
            stamped("\(sender): \(first)", at: date)
            for line in lines { say("           " + line) }
        case .typing(let sender):
            let now = ContinuousClock.now
            if let shown = typingShown[sender], now - shown < typingInterval { return }
            typingShown[sender] = now
            stamped("\(sender) is typing…")
        case .nudge(let sender):
            stamped("\(sender) sent you a nudge!")
        case .joined(let email):
            endings[ObjectIdentifier(conversation)] = nil
            stamped("\(email) joined the conversation")
        case .left(let email, let timedOut):
            stamped("\(email) left the conversation" + (timedOut ? " (idle)" : ""))
        case .ended(let reason):
            // A failed attempt to call the others back ends again: say it once.
            guard endings[ObjectIdentifier(conversation)] != reason else { return }
            endings[ObjectIdentifier(conversation)] = reason
            switch reason {
            case .leftByProgram:
                break
            case .idleTimeout:
                stamped("the idle conversation was closed by the server; your next message reopens it")
            case .everyoneLeft:
                stamped("everyone left; your next message calls them back")
            case .disconnected:
                stamped("the conversation's connection closed; your next message reopens it")
            }
        }
    }

    /// Prints a contact's presence change (from the contacts adapter).
    func showPresence(_ line: String) {
        stamped(line)
    }
}
