import Foundation
import MSNClient
import MSNCore

extension ChatSession {
    /// The `/help` text, one command a line.
    static let help = [
        "/open EMAIL     start a conversation with EMAIL (it becomes the current one)",
        "/invite EMAIL   call EMAIL into the current conversation",
        "/nudge          send a nudge",
        "/status NAME    online, busy, idle, brb, away, phone, lunch or hidden",
        "/psm TEXT       set your personal message (empty to clear)",
        "/name NAME      set the friendly name your contacts see",
        "/contacts       show the contact list with presence",
        "/add EMAIL      add EMAIL to your contact list (or accept their request)",
        "/quit           leave and sign out",
        "anything else is sent as a message to the current conversation",
    ]

    /// Handles one line the user typed.
    func handle(_ line: String) async {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return }
        guard trimmed.hasPrefix("/") else {
            await sendText(line)
            return
        }
        let (command, argument) = Self.split(trimmed)
        switch command {
        case "/quit", "/exit":
            say("bye")
            finished = true
        case "/help":
            for line in Self.help { say(line) }
        case "/open":
            guard let email = argument.split(separator: " ").first.map(String.init) else { return say("usage: /open EMAIL") }
            await open(email)
        case "/invite":
            guard let email = argument.split(separator: " ").first.map(String.init) else { return say("usage: /invite EMAIL") }
            await invite(email)
        case "/nudge":
            await nudge()
        case "/status":
            await setStatus(argument)
        case "/psm":
            await setPersonalMessage(argument)
        case "/name":
            guard !argument.isEmpty else { return say("usage: /name NAME") }
            await setFriendlyName(argument)
        case "/contacts":
            await showContacts()
        case "/add":
            guard let email = argument.split(separator: " ").first.map(String.init) else { return say("usage: /add EMAIL") }
            await addContact(email)
        default:
            say("unknown command \(command); /help lists them")
        }
    }

    /// `/open bob@example.com` → (`/open`, `bob@example.com`).
    static func split(_ line: String) -> (command: String, argument: String) {
        guard let space = line.firstIndex(of: " ") else { return (line.lowercased(), "") }
        return (line[..<space].lowercased(), line[line.index(after: space)...].trimmingCharacters(in: .whitespaces))
    }

    /// Starts a conversation and makes it current.
    func open(_ email: String) async {
        say("calling \(email)…")
        do {
            let conversation = try await client.startConversation(with: [email])
            attach(conversation, makeCurrent: true)
            current = conversation
            say("talking to \(email) now; type to chat")
        } catch {
            say("could not open a conversation with \(email): \(error.detail)")
        }
    }

    func invite(_ email: String) async {
        guard let current else { return say("no conversation open; /open EMAIL first") }
        say("inviting \(email)…")
        do {
            try await current.invite(email)
        } catch {
            say("could not invite \(email): \(error.detail)")
        }
    }

    func nudge() async {
        guard let current else { return say("no conversation open; /open EMAIL first") }
        do {
            switch try await current.sendNudge() {
            case .delivered: stamped("you sent a nudge")
            case .notDelivered(let why): say("nudge not delivered: \(ChatFormat.reason(why))")
            }
        } catch {
            say("nudge not sent: \(error.detail)")
        }
    }

    /// Sends a text line, with a typing notification first when none went out recently.
    func sendText(_ text: String) async {
        guard let current else { return say("no conversation open; /open EMAIL first (or wait for someone to call)") }
        let id = ObjectIdentifier(current)
        let now = ContinuousClock.now
        if lastTyping[id].map({ now - $0 >= typingInterval }) ?? true {
            if await current.sendTyping() { lastTyping[id] = now }
        }
        do {
            switch try await current.send(text: text) {
            case .delivered:
                stamped("you: \(text)")
            case .notDelivered(let why):
                say("not delivered: \(text) — \(ChatFormat.reason(why))")
            }
        } catch {
            say("not sent: \(text) — \(error.detail)")
        }
    }

    func setStatus(_ argument: String) async {
        guard let status = ChatFormat.status(named: argument) else {
            return say("usage: /status " + ChatFormat.statusNames.map(\.name).joined(separator: "|"))
        }
        do {
            try await ClientContactsAdapter.setStatus(status, on: client)
            say("your status is now \(ChatFormat.name(of: status))")
        } catch {
            say("could not set the status: \(error.detail)")
        }
    }

    func setPersonalMessage(_ text: String) async {
        do {
            try await ClientContactsAdapter.setPersonalMessage(text, on: client)
            say(text.isEmpty ? "personal message cleared" : "your personal message is now “\(text)”")
        } catch {
            say("could not set the personal message: \(error.detail)")
        }
    }

    /// `/name Alice L` → `REA n me Alice%20L` or `PRP n MFN Alice%20L`, as the dialect says.
    func setFriendlyName(_ name: String) async {
        do {
            let confirmed = try await client.setFriendlyName(name)
            say("your name is now “\(confirmed)”")
        } catch {
            say("could not set the name: \(error.detail)")
        }
    }

    func addContact(_ email: String) async {
        do {
            try await ClientContactsAdapter.addContact(email, on: client)
            say("added \(email) to your contact list")
        } catch {
            say("could not add \(email): \(error.detail)")
        }
    }

    func showContacts() async {
        let lines = await ClientContactsAdapter.contactListLines(of: client)
        for line in lines { say(line) }
    }
}
