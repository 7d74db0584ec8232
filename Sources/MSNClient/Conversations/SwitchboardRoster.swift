import MSNCore

/// Who else is on a switchboard, from `IRO`, `JOI` and `BYE` (a pure state machine).
///
/// ```
/// S: JOI bob@example.com;{1bbc064c-…} bob@example.com 2789003324:48   → bob joins (endpoint)
/// S: JOI bob@example.com bob@example.com 2789003324:48                → bob (bare form, no change)
/// S: BYE bob@example.com;{1bbc064c-…}                                 → endpoint gone, bob stays
/// S: BYE bob@example.com                                              → bob left
/// ```
/// From MSNP16 the server names each endpoint and then the bare account; the roster counts
/// accounts. The client's own account (its other endpoints) is never a participant. Bounded:
/// joins past ``maximumParticipants`` accounts or ``maximumEndpoints`` endpoints of one account
/// are ignored.
struct SwitchboardRoster: Sendable {
    static let maximumParticipants = 256
    static let maximumEndpoints = 16

    /// The account of the client, lower-cased.
    let me: String
    /// Other participants' accounts, lower-cased, in order of arrival.
    private(set) var participants: [String] = []
    private var endpoints: [String: Set<String>] = [:]
    private var joinedBare: Set<String> = []

    init(me: String) {
        self.me = me.lowercased()
    }

    var isEmpty: Bool { participants.isEmpty }

    func contains(_ account: String) -> Bool { participants.contains(account.lowercased()) }

    /// Records a `JOI` or `IRO` handle. Returns the account when it is new here.
    mutating func join(_ handle: EndpointHandle) -> String? {
        let account = handle.account.lowercased()
        guard account != me, !account.isEmpty else { return nil }
        let known = participants.contains(account)
        guard known || participants.count < Self.maximumParticipants else { return nil }
        if let endpoint = handle.endpoint {
            if endpoints[account, default: []].count < Self.maximumEndpoints {
                endpoints[account, default: []].insert(endpoint.lowercased())
            }
        } else {
            joinedBare.insert(account)
        }
        guard !known else { return nil }
        participants.append(account)
        return account
    }

    /// Records a `BYE`. Returns the account when it has left: a bare `BYE email`, or the
    /// last endpoint of an account only ever named with endpoints.
    mutating func leave(_ handle: EndpointHandle) -> String? {
        let account = handle.account.lowercased()
        guard participants.contains(account) else { return nil }
        if let endpoint = handle.endpoint {
            endpoints[account]?.remove(endpoint.lowercased())
            guard endpoints[account]?.isEmpty ?? true, !joinedBare.contains(account) else { return nil }
        }
        participants.removeAll { $0 == account }
        endpoints[account] = nil
        joinedBare.remove(account)
        return account
    }

    /// Forgets everyone (the switchboard closed).
    mutating func reset() {
        participants.removeAll()
        endpoints.removeAll()
        joinedBare.removeAll()
    }
}
