import MSNCore

/// An MSNP13+ `ADL`, `RML` or `FQY` with its `<ml>` payload read. Pure: no sockets, no store.
///
/// ```
/// C: ADL 6 63   <ml l="1"><d n="example.com"><c n="bob" l="3" t="1"/></d></ml>  → .add(…)
/// C: RML 9 57   <ml><d n="example.com"><c n="bob" l="1" t="1"/></d></ml>       → .remove(…)
/// C: FQY 10 46  <ml><d n="example.com"><c n="bob"/></d></ml>                   → .query(…)
/// ```
public enum MembershipCommand: Sendable, Hashable {
    /// `ADL`: put the contacts on the lists their `l` bits name.
    case add(MembershipList)
    /// `RML`: take them off.
    case remove(MembershipList)
    /// `FQY`: which of these addresses are Messenger accounts.
    case query(MembershipList)

    /// The verbs this reader handles (MSNP13+ only).
    public static let verbs: Set<Verb> = [.adl, .rml, .fqy]

    /// What became of a frame.
    public enum Outcome: Sendable, Hashable {
        case command(MembershipCommand)
        /// `code TrID`; `close` when the connection should end after it (malformed XML).
        case error(ErrorCode, close: Bool)
    }

    /// Reads an `ADL`/`RML`/`FQY` frame.
    public static func parse(_ frame: Frame, limits: MembershipList.Limits = .init()) -> Outcome {
        let query = frame.verb == .fqy
        switch MembershipList.parse(frame.payloadText ?? "", requiresLists: !query, limits: limits) {
        case .success(let list):
            if query { return .command(.query(list)) }
            return .command(frame.verb == .adl ? .add(list) : .remove(list))
        case .failure(.emptyDomain):
            return .error(.emptyDomainElement, close: false)
        case .failure(.serverList):
            return .error(.invalidContactList, close: false)
        case .failure(.malformed), .failure(.tooLarge):
            return .error(.invalidContactList, close: true)
        }
    }
}
