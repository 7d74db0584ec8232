import MSNCore

/// MSNP13+ `ADL`/`RML`/`FQY`: the same store rows, notices and presence refreshes as the
/// older list commands (``ContactListService/added(_:to:change:owner:friendlyName:)``).
///
/// ```
/// [alice, MSNP15] C: ADL 7 57  <ml><d n="example.com"><c n="bob" l="1" t="1"/></d></ml>
/// [alice]         S: ADL 7 OK
/// [bob, MSNP8]    S: ADD 0 RL 4 alice@example.com Alice
/// ```
extension ContactListService {
    /// The client-editable lists, in the order changes are applied.
    static let membershipLists: [ListKind] = [.forward, .allow, .block]

    /// Runs `command` for `handle`; returns the frames for that client.
    func perform(_ command: MembershipCommand, transactionID trID: TransactionID,
                 handle: NotificationSessionHandle) async -> [Frame] {
        do throws(StoreError) {
            switch command {
            case .add(let list): return try await add(list, trID: trID, handle: handle)
            case .remove(let list): return try await remove(list, trID: trID, handle: handle)
            case .query(let list): return try await query(list, trID: trID)
            }
        } catch {
            return [.error(Self.errorCode(error.code, dialect: handle.session.dialect), trID)]
        }
    }

    /// Puts every entry on the lists its bits name (bits already set are left alone, so the
    /// initial list that mirrors the address book changes nothing); BL moves a contact off AL
    /// and AL off BL. Unknown accounts → `208` before anything changes.
    private func add(_ list: MembershipList, trID: TransactionID,
                     handle: NotificationSessionHandle) async throws(StoreError) -> [Frame] {
        let me = handle.accountKey
        for entry in list.entries {
            guard try await store.account(email: entry.email) != nil else {
                return [.error(handle.session.dialect.unknownPrincipalError, trID)]
            }
        }
        let current = try await store.contactList(owner: me)
        var done: [(String, ListKind, ListChangeResult)] = []
        var undone: [(String, ListKind, ListChangeResult)] = []
        for entry in list.entries where entry.email != me {
            var lists = current.entry(for: entry.email)?.lists ?? []
            for kind in Self.membershipLists where entry.lists.contains(kind.lists) && !lists.contains(kind.lists) {
                let opposite: ListKind? = kind == .allow ? .block : kind == .block ? .allow : nil
                if let opposite, lists.contains(opposite.lists), !entry.lists.contains(opposite.lists) {
                    let change = try await store.removeContact(owner: me, contact: entry.email, from: opposite)
                    undone.append((entry.email, opposite, change))
                    lists.remove(opposite.lists)
                }
                let change = try await store.addContact(owner: me, contact: entry.email, to: kind)
                done.append((entry.email, kind, change))
                lists.insert(kind.lists)
            }
        }
        handle.outbox.send(Frame(verb: .adl, transactionID: trID, arguments: ["OK"]))
        let name = Self.friendlyName(of: handle)
        for (email, kind, change) in undone { try await removed(email, from: kind, change: change, owner: me) }
        for (email, kind, change) in done { try await added(email, to: kind, change: change, owner: me, friendlyName: name) }
        // No presence dump here: the store is the one truth, so the first CHG's ILN dump
        // already covers every contact the initial list names, whether it comes before the
        // ADL (already sent) or after it (as WLM does: ADL, UUX, CHG → ILN).
        return []
    }

    /// Takes every entry off the lists its bits name; lists it is not on are skipped.
    private func remove(_ list: MembershipList, trID: TransactionID,
                        handle: NotificationSessionHandle) async throws(StoreError) -> [Frame] {
        let me = handle.accountKey
        let current = try await store.contactList(owner: me)
        var done: [(String, ListKind, ListChangeResult)] = []
        for entry in list.entries {
            guard let lists = current.entry(for: entry.email)?.lists else { continue }
            for kind in Self.membershipLists where entry.lists.contains(kind.lists) && lists.contains(kind.lists) {
                let change = try await store.removeContact(owner: me, contact: entry.email, from: kind)
                done.append((entry.email, kind, change))
            }
        }
        handle.outbox.send(Frame(verb: .rml, transactionID: trID, arguments: ["OK"]))
        for (email, kind, change) in done { try await removed(email, from: kind, change: change, owner: me) }
        return []
    }

    /// `FQY 10 L` + the known addresses, each with `t="1"`.
    private func query(_ list: MembershipList, trID: TransactionID) async throws(StoreError) -> [Frame] {
        var known: [String] = []
        for entry in list.entries {
            if try await store.account(email: entry.email) != nil { known.append(entry.email) }
        }
        return [Frame(verb: .fqy, transactionID: trID, arguments: [], payloadText: MembershipList.xml(known))]
    }
}
