import MSNCore

/// The contact-list operations. Each picks the signed-in dialect's mechanism: `ADD`/`REM`
/// (MSNP2–9), `ADC`/`REM` with GUIDs (MSNP10–12), or the address-book and sharing services
/// followed by `ADL`/`RML` (MSNP13–18). The list (``MessengerClient/contactList``) and
/// ``MessengerClient/contactChanges`` follow each acknowledged change.
extension MessengerClient {
    /// The signed-in dialect, or `notSignedIn`.
    private func signedInDialect() throws(MessengerClientError) -> Dialect {
        guard let account, connection != nil, contactState != nil else {
            throw MessengerClientError(.notSignedIn, "the contact list needs a signed-in session")
        }
        return account.dialect
    }

    private func known(_ email: String) -> Contact? { contactState?.contact(email) }

    /// Applies the reply of a list command (`ADD 9 FL 6 bob@… Bob`) to the list.
    private func applyReply(_ frame: Frame) { applyContactFrame(frame) }

    /// The `<ml>` for one contact: `<ml><d n="example.com"><c n="bob" l="3" t="1"/></d></ml>`.
    private func membership(_ email: String, _ lists: ContactLists) -> String {
        MembershipXML.xml([(email.lowercased(), lists)])
    }

    /// Puts `email` on FL or AL/BL with the dialect's command (MSNP2–12).
    private func addOnNotification(_ email: String, to kind: ListKind, name: String?, dialect: Dialect) async throws(MessengerClientError) {
        let encoded = URLEncoding.encode(name ?? email)
        let reply: Frame
        if dialect.usesADC {
            reply = try await listRequest(.adc, kind == .forward ? [kind.rawValue, "N=\(email)", "F=\(encoded)"]
                                                                 : [kind.rawValue, "N=\(email)"])
        } else {
            reply = try await listRequest(.add, [kind.rawValue, email, encoded])
        }
        applyReply(reply)
    }

    /// Takes `email` off FL, AL or BL with the dialect's command (MSNP2–12).
    private func removeOnNotification(_ email: String, from kind: ListKind, dialect: Dialect) async throws(MessengerClientError) {
        var handle = email
        if dialect.usesADC, kind == .forward {
            guard let guid = known(email)?.guid else {
                throw MessengerClientError(.notOnList, "\(email) is not on the forward list")
            }
            handle = guid
        }
        applyReply(try await listRequest(.rem, [kind.rawValue, handle]))
    }

    // MARK: - Contacts

    /// Adds a contact to the forward list (and the allow list, as the official clients do).
    ///
    /// ```
    /// MSNP8:  C: ADD 9 FL bob@example.com bob@example.com      S: ADD 9 FL 6 bob@example.com Bob
    /// MSNP11: C: ADC 9 FL N=bob@example.com F=bob@example.com  S: ADC 9 FL N=bob@example.com F=Bob C=<guid>
    /// MSNP15: POST ABContactAdd, AddMember Allow; C: ADL 9 57 <ml><d n="example.com"><c n="bob" l="3" t="1"/></d></ml>
    /// ```
    ///
    /// - Throws: `unknownAccount` (`205`/`208`/`InvalidPassportUser`), `alreadyOnList`,
    ///   `listFull`, `groupMissing`, `soapFault`, `notSignedIn`.
    public func addContact(_ email: String, displayName: String? = nil, group: String? = nil) async throws(MessengerClientError) {
        let dialect = try signedInDialect()
        let email = email.lowercased()
        if known(email)?.lists.contains(.forward) == true {
            throw MessengerClientError(.alreadyOnList, "\(email) is already on the forward list")
        }
        if dialect.contactListMechanism == .addressBookSOAP {
            try await addWithAddressBook(email, allow: known(email)?.isBlocked != true, invitation: displayName)
        } else {
            try await addOnNotification(email, to: .forward, name: displayName, dialect: dialect)
            if let contact = known(email), contact.lists.isDisjoint(with: [.allow, .block]) {
                try await addOnNotification(email, to: .allow, name: displayName, dialect: dialect)
            }
        }
        if let group { try await moveContact(email, from: nil, to: group) }
    }

    /// `ABContactAdd` (when not on FL), `AddMember Allow` (when asked), then one `ADL`.
    private func addWithAddressBook(_ email: String, allow: Bool, invitation: String?) async throws(MessengerClientError) {
        var lists: ContactLists = []
        if known(email)?.lists.contains(.forward) != true {
            let body = try await addressBook(.contactAdd(email, invitation: invitation))
            let guid = AddressBookResponse.guid(body)
            updateContacts { $0.insert(email, lists: .forward, guid: guid) }
            lists.insert(.forward)
        }
        if allow, known(email)?.lists.contains(.allow) != true {
            if known(email)?.isBlocked == true {
                _ = try await addressBook(.member(email, role: "Block", add: false))
                _ = try await listRequest(.rml, payload: membership(email, .block))
                updateContacts { $0.remove(email, lists: .block) }
            }
            _ = try await addressBook(.member(email, role: "Allow", add: true))
            lists.insert(.allow)
        }
        guard !lists.isEmpty else { return }
        _ = try await listRequest(.adl, payload: membership(email, lists))
        updateContacts { $0.insert(email, lists: lists) }
    }

    /// Takes a contact off the forward list (they stay on AL or BL).
    ///
    /// ```
    /// MSNP8:  C: REM 10 FL bob@example.com   S: REM 10 FL 7 bob@example.com
    /// MSNP11: C: REM 10 FL <contact-guid>    S: REM 10 FL <contact-guid>
    /// MSNP15: POST ABContactDelete; C: RML 10 57 <ml><d n="example.com"><c n="bob" l="1" t="1"/></d></ml>
    /// ```
    public func removeContact(_ email: String) async throws(MessengerClientError) {
        let dialect = try signedInDialect()
        let email = email.lowercased()
        guard let contact = known(email), contact.lists.contains(.forward) else {
            throw MessengerClientError(.notOnList, "\(email) is not on the forward list")
        }
        if dialect.contactListMechanism == .addressBookSOAP {
            guard let guid = contact.guid else { throw MessengerClientError(.notOnList, "\(email) has no contact id") }
            _ = try await addressBook(.contactDelete(guid))
            _ = try await listRequest(.rml, payload: membership(email, .forward))
            updateContacts { $0.remove(email, lists: .forward) }
        } else {
            try await removeOnNotification(email, from: .forward, dialect: dialect)
        }
    }

    /// Blocks a contact: off AL, onto BL. They see the owner offline and cannot start
    /// conversations with them.
    ///
    /// ```
    /// MSNP8:  C: REM 11 AL bob@example.com  C: ADD 12 BL bob@example.com bob@example.com
    /// MSNP15: DeleteMember Allow, AddMember Block; C: RML 11 … l="2" …  C: ADL 12 … l="4" …
    /// ```
    public func block(_ email: String) async throws(MessengerClientError) {
        try await move(email.lowercased(), from: .allow, to: .block)
    }

    /// Unblocks a contact: off BL, onto AL.
    public func unblock(_ email: String) async throws(MessengerClientError) {
        try await move(email.lowercased(), from: .block, to: .allow)
    }

    /// Accepts someone who added the owner: they go on FL and AL.
    ///
    /// ```
    /// S: ADD 0 RL 5 alice@example.com Alice        (pending request)
    /// C: ADD 9 FL alice@example.com Alice  C: ADD 10 AL alice@example.com Alice
    /// ```
    public func acceptRequest(from email: String) async throws(MessengerClientError) {
        let dialect = try signedInDialect()
        let email = email.lowercased()
        let name = known(email)?.displayName
        if dialect.contactListMechanism == .addressBookSOAP {
            try await addWithAddressBook(email, allow: true, invitation: nil)
            return
        }
        if known(email)?.lists.contains(.forward) != true {
            try await addOnNotification(email, to: .forward, name: name, dialect: dialect)
        }
        if known(email)?.lists.contains(.allow) != true {
            if known(email)?.isBlocked == true { try await removeOnNotification(email, from: .block, dialect: dialect) }
            try await addOnNotification(email, to: .allow, name: name, dialect: dialect)
        }
    }

    /// Declines someone who added the owner: they go on BL.
    public func declineRequest(from email: String) async throws(MessengerClientError) {
        try await block(email)
    }

    /// Moves `email` from AL to BL or back, in the dialect's way.
    private func move(_ email: String, from old: ListKind, to new: ListKind) async throws(MessengerClientError) {
        let dialect = try signedInDialect()
        let lists = known(email)?.lists ?? []
        guard !lists.contains(new.lists) || lists.contains(old.lists) else { return }
        let role = { (kind: ListKind) in kind == .allow ? "Allow" : "Block" }
        if dialect.contactListMechanism == .addressBookSOAP {
            if lists.contains(old.lists) {
                _ = try await addressBook(.member(email, role: role(old), add: false))
                _ = try await listRequest(.rml, payload: membership(email, old.lists))
                updateContacts { $0.remove(email, lists: old.lists) }
            }
            if !lists.contains(new.lists) {
                _ = try await addressBook(.member(email, role: role(new), add: true))
                _ = try await listRequest(.adl, payload: membership(email, new.lists))
                updateContacts { $0.insert(email, lists: new.lists) }
            }
            return
        }
        if lists.contains(old.lists) { try await removeOnNotification(email, from: old, dialect: dialect) }
        if !lists.contains(new.lists) {
            try await addOnNotification(email, to: new, name: known(email)?.displayName, dialect: dialect)
        }
    }

    // MARK: - Groups

    private func requireGroups(_ dialect: Dialect) throws(MessengerClientError) {
        guard dialect.supportsGroups else {
            throw MessengerClientError(.notSupportedInDialect, "\(dialect) has no groups (MSNP7+)")
        }
    }

    /// Creates a group.
    ///
    /// ```
    /// MSNP8:  C: ADG 13 Friends 0   S: ADG 13 8 Friends 1 0
    /// MSNP11: C: ADG 13 Friends     S: ADG 13 Friends <guid> 0
    /// MSNP15: POST ABGroupAdd → <guid>
    /// ```
    public func addGroup(_ name: String) async throws(MessengerClientError) -> ContactGroup {
        let dialect = try signedInDialect()
        try requireGroups(dialect)
        if dialect.contactListMechanism == .addressBookSOAP {
            let body = try await addressBook(.groupAdd(name))
            guard let guid = AddressBookResponse.guid(body) else {
                throw MessengerClientError(.httpFailure, "ABGroupAdd answered without a group id")
            }
            let group = ContactGroup(id: guid, name: name)
            updateContacts { $0.setGroup(group) }
            return group
        }
        let encoded = URLEncoding.encode(name)
        let reply = try await listRequest(.adg, dialect.usesADC ? [encoded] : [encoded, "0"])
        guard var state = contactState else { throw MessengerClientError(.notSignedIn, "signed out") }
        let changes = state.apply(reply)
        contactState = state
        emitContactChanges(changes)
        for change in changes { if case .groupAdded(let group) = change { return group } }
        throw MessengerClientError(.protocolViolation, "ADG answered without a group", line: reply.line)
    }

    /// Renames a group.
    ///
    /// ```
    /// MSNP8:  C: REG 14 1 Family 0     S: REG 14 9 1 Family 0
    /// MSNP11: C: REG 14 <guid> Family  S: REG 14 1 Family <guid> 0
    /// ```
    public func renameGroup(_ id: String, to name: String) async throws(MessengerClientError) {
        let dialect = try signedInDialect()
        try requireGroups(dialect)
        if dialect.contactListMechanism == .addressBookSOAP {
            _ = try await addressBook(.groupUpdate(id, name: name))
            updateContacts { $0.setGroup(ContactGroup(id: id.lowercased(), name: name)) }
            return
        }
        let encoded = URLEncoding.encode(name)
        applyReply(try await listRequest(.reg, dialect.usesADC ? [id, encoded] : [id, encoded, "0"]))
    }

    /// Deletes a group; its contacts stay on the forward list.
    ///
    /// ```
    /// MSNP8: C: RMG 15 1   S: RMG 15 10 1
    /// ```
    public func removeGroup(_ id: String) async throws(MessengerClientError) {
        let dialect = try signedInDialect()
        try requireGroups(dialect)
        if dialect.contactListMechanism == .addressBookSOAP {
            _ = try await addressBook(.groupDelete(id))
            updateContacts { $0.removeGroup(id.lowercased()) }
            return
        }
        applyReply(try await listRequest(.rmg, [id]))
    }

    /// Puts a contact into group `to` and takes them out of group `from` (either may be `nil`).
    ///
    /// ```
    /// MSNP8:  C: ADD 16 FL bob@example.com Bob 2        C: REM 17 FL bob@example.com 1
    /// MSNP11: C: ADC 16 FL C=<contact-guid> <group-guid> C: REM 17 FL <contact-guid> <group-guid>
    /// MSNP15: POST ABGroupContactAdd, ABGroupContactDelete
    /// ```
    public func moveContact(_ email: String, from: String?, to: String?) async throws(MessengerClientError) {
        let dialect = try signedInDialect()
        try requireGroups(dialect)
        let email = email.lowercased()
        guard let contact = known(email), contact.lists.contains(.forward) else {
            throw MessengerClientError(.notOnList, "\(email) is not on the forward list")
        }
        if let to {
            switch dialect.contactListMechanism {
            case .addressBookSOAP:
                guard let guid = contact.guid else { throw MessengerClientError(.notOnList, "\(email) has no contact id") }
                _ = try await addressBook(.groupContact(guid, group: to, add: true))
                updateContacts { $0.insert(email, lists: [], group: to) }
            case .timestampedSYN:
                guard let guid = contact.guid else { throw MessengerClientError(.notOnList, "\(email) has no contact id") }
                applyReply(try await listRequest(.adc, ["FL", "C=\(guid)", to]))
            default:
                applyReply(try await listRequest(.add, ["FL", email, URLEncoding.encode(contact.displayName), to]))
            }
        }
        if let from {
            switch dialect.contactListMechanism {
            case .addressBookSOAP:
                guard let guid = contact.guid else { throw MessengerClientError(.notOnList, "\(email) has no contact id") }
                _ = try await addressBook(.groupContact(guid, group: from, add: false))
                updateContacts { $0.remove(email, lists: [], group: from) }
            case .timestampedSYN:
                guard let guid = contact.guid else { throw MessengerClientError(.notOnList, "\(email) has no contact id") }
                applyReply(try await listRequest(.rem, ["FL", guid, from]))
            default:
                applyReply(try await listRequest(.rem, ["FL", email, from]))
            }
        }
    }

    // MARK: - Own presence

    /// Sets the owner's status; `PresenceStatus/hidden` appears offline to everyone.
    ///
    /// ```
    /// MSNP2–7: C: CHG 9 AWY      MSNP8–15: C: CHG 9 AWY 0      MSNP16+: C: CHG 9 AWY 0:0
    /// S: CHG 9 AWY …
    /// ```
    public func setStatus(_ status: PresenceStatus) async throws(MessengerClientError) {
        guard let account, connection != nil else {
            throw MessengerClientError(.notSignedIn, "CHG needs a signed-in session")
        }
        var arguments = [status.rawValue]
        switch account.dialect.capabilitiesForm {
        case .none: break
        case .decimal: arguments.append("0")
        case .decimalPair: arguments.append("0:0")
        }
        _ = try await listRequest(.chg, arguments)
    }

    /// Sets the personal message and current media (MSNP11+).
    ///
    /// ```
    /// C: UUX 10 75
    /// <Data><PSM>example status message</PSM><CurrentMedia></CurrentMedia></Data>
    /// S: UUX 10 0
    /// ```
    ///
    /// - Throws: `notSupportedInDialect` before MSNP11.
    public func setPersonalMessage(_ text: String, currentMedia: String? = nil) async throws(MessengerClientError) {
        guard let account, connection != nil else {
            throw MessengerClientError(.notSignedIn, "UUX needs a signed-in session")
        }
        guard account.dialect.supportsPersonalMessages else {
            throw MessengerClientError(.notSupportedInDialect,
                                       "\(account.dialect) has no personal messages (MSNP11+ only)")
        }
        _ = try await listRequest(.uux, payload: PersonalMessageXML.xml(text, media: currentMedia))
    }

    /// Sets the owner's friendly name, seen by contacts in `NLN` and on the switchboard, and
    /// returns it as the server confirmed it; ``signedInAccount``'s `friendlyName` becomes that.
    /// The command comes from the dialect table (`Dialect/friendlyNameCommand`):
    ///
    /// ```
    /// MSNP2–9:  C: REA 18 alice@example.com Alice%20L   S: REA 18 11 alice@example.com Alice%20L
    /// MSNP10+:  C: PRP 18 MFN Alice%20L                 S: PRP 18 MFN Alice%20L
    /// MSNP13+:  POST ABContactUpdate (the Me contact's displayName) first
    /// ```
    ///
    /// - Throws: ``MessengerClientError/Code/notSignedIn``,
    ///   ``MessengerClientError/Code/serverError`` when the server refuses the name (`201`,
    ///   `209`), ``MessengerClientError/Code/protocolViolation`` for a confirmation of another
    ///   shape.
    @discardableResult
    public func setFriendlyName(_ name: String) async throws(MessengerClientError) -> String {
        guard let account, connection != nil else {
            throw MessengerClientError(.notSignedIn, "the friendly name needs a signed-in session")
        }
        let change = FriendlyNameChange(email: account.email, name: name, command: account.dialect.friendlyNameCommand)
        if account.dialect.contactListMechanism == .addressBookSOAP {
            _ = try await addressBook(.updateMyName(name))
        }
        let reply = try await listRequest(change.verb, change.arguments)
        let confirmed: String
        do {
            confirmed = try change.confirmedName(in: reply)
        } catch {
            throw MessengerClientError(.protocolViolation, "unexpected confirmation of the friendly name: \(error)",
                                       line: reply.line)
        }
        self.account?.friendlyName = confirmed
        return confirmed
    }

    /// The former name of ``setFriendlyName(_:)``.
    @available(*, deprecated, renamed: "setFriendlyName(_:)")
    public func setDisplayName(_ name: String) async throws(MessengerClientError) {
        try await setFriendlyName(name)
    }
}
