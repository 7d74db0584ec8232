import Foundation
import MSNClient
import MSNCore

extension ChatSession {
    /// The `/help` text, one command a line.
    static let help = [
        "/open EMAIL     start a conversation with EMAIL (it becomes the current one)",
        "/invite EMAIL   call EMAIL into the current conversation",
        "/list           show the conversations, the current one marked *",
        "/switch N|EMAIL make conversation N of /list (or the one with EMAIL) the current one",
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
        case "/list":
            await listConversations()
        case "/switch":
            guard !argument.isEmpty else { return say("usage: /switch N|EMAIL") }
            await switchConversation(to: argument)
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

    /// Runs one command's action: says the line it returns, or `could not <what>: <why>` when
    /// it throws (`could not add bob@example.com: server error 205 …`).
    func attempt(_ what: String, _ action: () async throws -> String?) async {
        do {
            if let line = try await action() { say(line) }
        } catch {
            say("could not \(what): \((error as? MessengerClientError)?.detail ?? String(describing: error))")
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
        await attempt("open a conversation with \(email)") {
            let conversation = try await client.startConversation(with: [email])
            attach(conversation, makeCurrent: true)
            current = conversation
            return "talking to \(email) now; type to chat"
        }
    }

    /// `/list`: one line a conversation, `* 2  bob@example.com, carol@example.com`.
    func listConversations() async {
        guard !conversations.isEmpty else { return say("no conversations; /open EMAIL to start one") }
        for (index, conversation) in conversations.enumerated() {
            let mark = conversation === current ? "*" : " "
            say("\(mark) \(index + 1)  \(await Self.describe(conversation))")
        }
    }

    /// `/switch 2` or `/switch bob@example.com`: text goes to that conversation from now on.
    func switchConversation(to argument: String) async {
        var chosen: Conversation?
        if let number = Int(argument) {
            guard conversations.indices.contains(number - 1) else {
                return say("no conversation \(number); /list shows \(conversations.count)")
            }
            chosen = conversations[number - 1]
        } else {
            let email = argument.lowercased()
            for conversation in conversations.reversed() where chosen == nil {
                let people = await conversation.participants + conversation.contacts
                if people.contains(where: { $0.lowercased() == email }) { chosen = conversation }
            }
        }
        guard let chosen else { return say("no conversation with \(argument); /list shows them") }
        current = chosen
        say("talking to \(await Self.describe(chosen)) now")
    }

    /// Who is in `conversation` (or who it calls back), for `/list` and `/switch`.
    static func describe(_ conversation: Conversation) async -> String {
        let participants = await conversation.participants
        let people = participants.isEmpty ? await conversation.contacts : participants
        let names = people.isEmpty ? "nobody yet" : people.joined(separator: ", ")
        return await conversation.isSwitchboardOpen ? names : names + " (idle)"
    }

    func invite(_ email: String) async {
        guard let current else { return say("no conversation open; /open EMAIL first") }
        say("inviting \(email)…")
        await attempt("invite \(email)") {
            try await current.invite(email)
            return nil
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
        await attempt("set the status") {
            try await ClientContactsAdapter.setStatus(status, on: client)
            return "your status is now \(ChatFormat.name(of: status))"
        }
    }

    func setPersonalMessage(_ text: String) async {
        await attempt("set the personal message") {
            try await ClientContactsAdapter.setPersonalMessage(text, on: client)
            return text.isEmpty ? "personal message cleared" : "your personal message is now “\(text)”"
        }
    }

    /// `/name Alice L` → `REA n me Alice%20L` or `PRP n MFN Alice%20L`, as the dialect says.
    func setFriendlyName(_ name: String) async {
        await attempt("set the name") {
            "your name is now “\(try await client.setFriendlyName(name))”"
        }
    }

    func addContact(_ email: String) async {
        await attempt("add \(email)") {
            try await ClientContactsAdapter.addContact(email, on: client)
            return "added \(email) to your contact list"
        }
    }

    func showContacts() async {
        let lines = await ClientContactsAdapter.contactListLines(of: client)
        for line in lines { say(line) }
    }
}
