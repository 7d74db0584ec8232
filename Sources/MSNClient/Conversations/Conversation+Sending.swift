import Foundation
import MSNCore
import NIOCore

extension Conversation {
    /// A switchboard with someone on it, or why there is none.
    enum Readiness {
        case ready(MessengerConnection)
        case unavailable(NotDeliveredReason)
    }

    /// Sends a text message and returns whether it arrived.
    ///
    /// ```
    /// C: MSG 4 A 161
    /// MIME-Version: 1.0
    /// Content-Type: text/plain; charset=UTF-8
    /// X-MMS-IM-Format: FN=Segoe%20UI; EF=B; CO=ff; CS=0; PF=22
    ///
    /// Hello Bob
    /// S: ACK 4
    /// ```
    /// Line breaks are sent as CR LF. Text longer than one 1664-byte payload goes out in
    /// chunks (`Message-ID`, `Chunks`, `Chunk`), each acknowledged. When the switchboard has
    /// closed, a new one is opened and the participants are called first.
    ///
    /// - Parameter format: font, effects and colour (`X-MMS-IM-Format`); `nil` leaves it out.
    /// - Returns: ``DeliveryResult/delivered`` after `ACK`, else why not.
    /// - Throws: ``MessengerClientError`` when a new switchboard cannot be had:
    ///   ``MessengerClientError/Code/notSignedIn``, ``MessengerClientError/Code/switchboardRefused``,
    ///   ``MessengerClientError/Code/timeout`` (no `ACK`/`NAK` in time too).
    @discardableResult
    public func send(text: String, format: TextFormat? = TextFormat()) async throws(MessengerClientError) -> DeliveryResult {
        try await deliver(MIMEMessage.text(Self.wireLineBreaks(text), format: format))
    }

    /// Sends a nudge (`text/x-msnmsgr-datacast`, `ID: 1`) and returns whether it arrived.
    ///
    /// ```
    /// C: MSG 5 A 69
    /// MIME-Version: 1.0
    /// Content-Type: text/x-msnmsgr-datacast
    ///
    /// ID: 1
    /// S: ACK 5
    /// ```
    @discardableResult
    public func sendNudge() async throws(MessengerClientError) -> DeliveryResult {
        try await deliver(MIMEMessage.nudge)
    }

    /// Tells the others the user is typing. Send it about every 5 s while they type.
    ///
    /// ```
    /// C: MSG 3 U 90
    /// MIME-Version: 1.0
    /// Content-Type: text/x-msmsgscontrol
    /// TypingUser: alice@example.com
    /// ```
    /// Typing notifications use mode `U`, which the switchboard never acknowledges, so there
    /// is no delivery result; nothing is sent (and no switchboard is opened) while nobody
    /// else is on the switchboard.
    ///
    /// - Returns: whether the notification was written to a switchboard with someone on it.
    @discardableResult
    public func sendTyping() async -> Bool {
        guard !hasLeft, let connection, !roster.isEmpty else { return false }
        let message = MIMEMessage.typingNotification(from: handle.account)
        let id = await connection.allocateTransactionID()
        do {
            try await connection.write(Frame(verb: .msg, transactionID: id, arguments: ["U"], payload: message.bytes))
            return true
        } catch {
            return false
        }
    }

    /// Calls another contact into the conversation and waits until they join.
    ///
    /// ```
    /// C: CAL 6 carol@example.com      S: CAL 6 RINGING 11752013
    ///                                 S: JOI carol@example.com Carol
    /// ```
    /// When the switchboard has closed, a new one is opened and everyone is called. A contact
    /// who does not join is not called back by later sends.
    ///
    /// Inviting someone already here returns at once; someone still ringing from an earlier
    /// call (`215`) is waited for.
    ///
    /// - Throws: ``MessengerClientError/Code/contactOffline`` (`217`),
    ///   ``MessengerClientError/Code/conversationFull`` (`712`: the switchboard's limit),
    ///   ``MessengerClientError/Code/timeout`` when the contact does not join within
    ///   ``ConversationSettings/invitationTimeout``, ``MessengerClientError/Code/disconnected``
    ///   after ``leave()``, the errors of opening a switchboard.
    public func invite(_ email: String) async throws(MessengerClientError) {
        let contact = email.lowercased()
        await acquire()
        defer { release() }
        guard !hasLeft else { throw MessengerClientError(.disconnected, "the conversation was left") }
        let wasInvitee = invitees.contains(contact)
        if !wasInvitee { invitees.append(contact) }
        var refusals: CallRefusals
        do {
            if let connection, !roster.isEmpty {
                refusals = try await call([contact], on: connection)
            } else {
                if connection != nil { endSession(.everyoneLeft) }
                refusals = try await openAndCall(invitees)
                if roster.isEmpty { endSession(.everyoneLeft) }
            }
        } catch {
            if !wasInvitee { invitees.removeAll { $0 == contact } }
            throw error
        }
        guard !roster.contains(contact) else { return }
        // Someone who did not join is not called back by later sends (a JOI adds them again).
        if !wasInvitee { invitees.removeAll { $0 == contact } }
        if refusals.offline.contains(contact) {
            throw MessengerClientError(.contactOffline, "\(contact) is offline or does not accept the call",
                                       serverErrorCode: .principalNotOnline)
        }
        if refusals.full.contains(contact) {
            throw MessengerClientError(.conversationFull, "the conversation is full: \(contact) cannot be called in",
                                       serverErrorCode: .sessionOverloaded)
        }
        throw MessengerClientError(.timeout, "\(contact) did not join within \(settings.invitationTimeout)")
    }

    /// Opens the first switchboard of a conversation started by the program.
    func start(with contacts: [String]) async throws(MessengerClientError) {
        for contact in contacts.map({ $0.lowercased() }) where !invitees.contains(contact) && contact != account {
            invitees.append(contact)
        }
        guard !invitees.isEmpty else {
            throw MessengerClientError(.invalidConfiguration, "a conversation needs at least one other contact")
        }
        await acquire()
        defer { release() }
        let offline = try await openAndCall(invitees).offline
        guard roster.isEmpty else { return }
        endSession(.everyoneLeft)
        if offline.count == invitees.count {
            throw MessengerClientError(.contactOffline, "\(invitees.joined(separator: ", ")) offline or not accepting calls",
                                       serverErrorCode: .principalNotOnline)
        }
        throw MessengerClientError(.timeout, "nobody joined within \(settings.invitationTimeout)")
    }

    /// Sends `message` with mode `A`, in chunks when needed, once a switchboard is ready.
    func deliver(_ message: MIMEMessage) async throws(MessengerClientError) -> DeliveryResult {
        await acquire()
        defer { release() }
        let parts = message.chunked(messageID: "{\(UUID().uuidString)}") ?? [message]
        let connection: MessengerConnection
        switch try await readySwitchboard() {
        case .ready(let ready): connection = ready
        case .unavailable(let reason): return .notDelivered(reason)
        }
        for part in parts {
            let reply: Frame
            do {
                reply = try await connection.request(.msg, arguments: ["A"], payload: part.bytes, replies: [.ack, .nak],
                                                     timeout: configuration.timeouts.reply)
            } catch {
                let failure = MessengerClientError.wrap(error)
                if failure.code == .timeout { throw failure }
                return .notDelivered(.switchboardClosed)
            }
            guard reply.verb == .ack else { return .notDelivered(.rejected) }
        }
        return .delivered
    }

    /// The current switchboard if someone else is on it; otherwise a new one with the
    /// participants called back.
    func readySwitchboard() async throws(MessengerClientError) -> Readiness {
        guard !hasLeft else { return .unavailable(.conversationEnded) }
        if let connection, !roster.isEmpty { return .ready(connection) }
        if connection != nil { endSession(.everyoneLeft) }
        guard !invitees.isEmpty else { return .unavailable(.notAnswered) }
        logger.debug("opening a new switchboard", metadata: ["contacts": "\(invitees)"])
        let offline = try await openAndCall(invitees).offline
        if let connection, !roster.isEmpty { return .ready(connection) }
        endSession(.everyoneLeft)
        return .unavailable(offline.count == invitees.count ? .contactOffline : .notAnswered)
    }
}
