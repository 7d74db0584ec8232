import MSNCore
import NIOCore

extension MessengerClient {
    /// The contact list as it is now: filled at sign-in, kept current from the server's
    /// notices. Empty before the first sign-in.
    ///
    /// ```swift
    /// let list = await client.contactList
    /// print(list["bob@example.com"]?.status ?? "offline")   // away   (after NLN AWY bob@example.com …)
    /// ```
    public var contactList: ContactListSnapshot {
        contactState?.snapshot ?? ContactListSnapshot()
    }

    /// Applies one pushed line to the list and reports what changed.
    func applyContactFrame(_ frame: Frame) {
        guard var state = contactState else { return emit(.unhandledFrame(frame)) }
        let changes = state.apply(frame)
        contactState = state
        emitContactChanges(changes)
    }

    func emitContactChanges(_ changes: [ContactListChange]) {
        for change in changes {
            if case .dropped = contactContinuation.yield(change) {
                logger.warning("contact-change buffer full; a change was dropped", metadata: ["change": "\(change)"])
            }
        }
    }

    /// Changes the list with `body` and reports what changed.
    func updateContacts(_ body: (inout ContactListState) -> [ContactListChange]) {
        guard var state = contactState else { return }
        let changes = body(&state)
        contactState = state
        emitContactChanges(changes)
    }

    // MARK: - Sign-in

    /// Fills the list right after `USR … OK`, before the session's reader starts.
    ///
    /// ```
    /// MSNP8:  C: SYN 5 0          S: SYN 5 3 1 1 / GTC A / BLP AL / LSG 0 Other%20Contacts 0 / LST bob@… Bob 11 0
    /// MSNP11: C: SYN 5 0 0        S: SYN 5 <ts> <ts> 1 0 / GTC A / BLP AL / PRP MFN Alice / LST N=bob@… F=Bob C=… 11
    /// MSNP15: POST FindMembership, POST ABFindAll, then C: ADL 5 63 <ml l="1">…</ml>  S: ADL 5 OK
    /// ```
    func synchronizeContacts(on connection: MessengerConnection, account: SignedInAccount) async throws(MessengerClientError) {
        var state = ContactListState(dialect: account.dialect, me: account.email)
        if account.dialect.contactListMechanism == .addressBookSOAP {
            let changes: [ContactListChange]
            if account.tickets["contacts.msn.com"] == nil {
                // Passport 1.4 gives no address-book ticket: an empty list, as far as we know.
                logger.warning("no contacts.msn.com ticket: the contact list stays empty")
                changes = state.load(.init(), memberships: [:])
            } else {
                let memberships = AddressBookResponse.memberships(try await addressBook(.findMembership()))
                let book = AddressBookResponse.addressBook(try await addressBook(.findAll()))
                if let name = book.myDisplayName { self.account?.friendlyName = name }
                changes = state.load(book, memberships: memberships)
            }
            contactState = state
            let entries = state.snapshot.contacts.compactMap { contact -> (email: String, lists: ContactLists?)? in
                let lists = contact.lists.intersection([.forward, .allow, .block])
                return lists.isEmpty ? nil : (contact.email, lists)
            }
            var chunks = stride(from: 0, to: entries.count, by: Self.membershipChunk).map {
                Array(entries[$0..<min($0 + Self.membershipChunk, entries.count)])
            }
            if chunks.isEmpty { chunks = [[]] }
            for chunk in chunks {
                _ = try await listRequest(.adl, payload: MembershipXML.xml(chunk, initial: true), on: connection)
            }
            emitContactChanges(changes)
            return
        }
        state.beginSynchronization()
        let id = await connection.allocateTransactionID()
        let arguments = account.dialect.usesADC ? ["0", "0"] : ["0"]
        try await connection.write(Frame(verb: .syn, transactionID: id, arguments: arguments))
        let deadline = ContinuousClock.now + configuration.timeouts.reply
        while !state.isSynchronized {
            let remaining = deadline - .now
            guard remaining > .zero else { throw .timeout("the contact list did not arrive within \(configuration.timeouts.reply)") }
            let frame: Frame
            do {
                frame = try await connection.nextFrame(timeout: remaining)
            } catch {
                throw .wrap(error)
            }
            if frame.verb.isError, frame.transactionID == id { throw .contactList(frame, during: "SYN") }
            if ContactListState.verbs.contains(frame.verb) {
                let changes = state.apply(frame)
                contactState = state
                emitContactChanges(changes)
            } else {
                await handle(frame, on: connection)
            }
        }
    }

    /// Contacts per `ADL`/`RML` (papyon and libpurple stay near 7,500 bytes).
    static let membershipChunk = 150

    // MARK: - Requests

    /// Sends a list command and returns its reply; numeric errors become typed errors.
    func listRequest(_ verb: Verb, _ arguments: [String] = [], payload: String? = nil,
                     on given: MessengerConnection? = nil) async throws(MessengerClientError) -> Frame {
        guard let connection = given ?? self.connection, account != nil || given != nil else {
            throw MessengerClientError(.notSignedIn, "\(verb) needs a signed-in session")
        }
        let reply: Frame
        do {
            reply = try await connection.request(verb, arguments: arguments, payload: payload.map { ByteBuffer(string: $0) },
                                                 timeout: configuration.timeouts.reply)
        } catch {
            throw MessengerClientError.wrap(error)
        }
        if reply.verb.isError { throw .contactList(reply, during: "\(verb)") }
        return reply
    }

    /// Posts one address-book or sharing request with the `contacts.msn.com` ticket and
    /// returns the answer's `soap:Body`.
    func addressBook(_ request: AddressBookRequest) async throws(MessengerClientError) -> XMLNode {
        guard let account else { throw MessengerClientError(.notSignedIn, "\(request.method) needs a signed-in session") }
        guard let ticket = account.tickets["contacts.msn.com"] else {
            throw MessengerClientError(.httpFailure, "no contacts.msn.com ticket from sign-in for \(request.method)")
        }
        guard var base = configuration.addressBookURL ?? configuration.httpBaseURL, !base.isEmpty else {
            throw MessengerClientError(.invalidConfiguration, "\(request.method) needs httpBaseURL or addressBookURL")
        }
        while base.hasSuffix("/") { base.removeLast() }
        let response = try await passportTransport().perform(PassportHTTPRequest(
            method: "POST", url: base + request.service.path,
            headers: ["Content-Type": "text/xml; charset=utf-8", "SOAPAction": request.action],
            body: request.envelope(ticket: ticket)))
        switch AddressBookResponse.body(response.body) {
        case .success(let body):
            guard response.status == 200 else {
                throw MessengerClientError(.httpFailure, "\(request.method) answered HTTP \(response.status)")
            }
            return body
        case .failure(let fault) where fault.code == "NotXML":
            throw MessengerClientError(.httpFailure, "\(request.method) answered HTTP \(response.status) without a SOAP envelope")
        case .failure(let fault):
            throw .soapFault(fault, during: request.method)
        }
    }
}

extension MessengerClientError {
    /// A numeric reply to a list command, mapped to the contact codes.
    ///
    /// ```
    /// ADD 9 FL nobody@example.com nobody@example.com   →  205 9  → .unknownAccount
    /// ```
    static func contactList(_ frame: Frame, during step: String) -> MessengerClientError {
        let code = frame.errorCode ?? ErrorCode(0)
        let mapped: Code
        switch code {
        case .invalidPrincipal, .invalidPrincipalName: mapped = .unknownAccount
        case .listFull, .tooManyGroups: mapped = .listFull
        case .alreadyInList, .groupNameExists: mapped = .alreadyOnList
        case .notInList: mapped = .notOnList
        case .invalidGroup, .principalNotInGroup, .groupDoesNotExist: mapped = .groupMissing
        default: return .server(frame, during: step)
        }
        return MessengerClientError(mapped, "the server answered \(step) with \(code)", serverErrorCode: code, line: frame.line)
    }

    /// A SOAP fault, mapped to the contact codes.
    static func soapFault(_ fault: AddressBookResponse.Fault, during method: String) -> MessengerClientError {
        let mapped: Code
        switch fault.code {
        case "InvalidPassportUser", "BadEmailArgument": mapped = .unknownAccount
        case "ContactAlreadyExists", "MemberAlreadyExists", "GroupAlreadyExists": mapped = .alreadyOnList
        case "ContactDoesNotExist", "MemberDoesNotExist": mapped = .notOnList
        case "GroupDoesNotExist": mapped = .groupMissing
        case "QuotaLimitReached", "MaximumGroupsReached": mapped = .listFull
        default: mapped = .soapFault
        }
        var error = MessengerClientError(mapped, "\(method) failed: \(fault.code): \(fault.message)")
        error.soapFaultCode = fault.code
        return error
    }
}
