import MSNCore

extension MessengerClient {
    /// A Passport ticket obtained without signing in: what `USR … S` would carry.
    ///
    /// For Tweener dialects (MSNP8–14) ``ticket`` is the `messenger.msn.com` ticket; for SSO
    /// dialects (MSNP15–18) it is the `messengerclear.live.com` ticket and ``proofKey`` is the
    /// key that makes the MBI blob for each notification server's nonce.
    public struct PassportTicket: Sendable, Hashable {
        /// The compact ticket (`t=…&p=…`).
        public var ticket: String
        /// The SSO proof key (base64); `nil` for Tweener tickets.
        public var proofKey: String?
        /// Every token the service returned, by address.
        public var tickets: [String: String]

        /// Creates a ticket.
        public init(ticket: String, proofKey: String? = nil, tickets: [String: String] = [:]) {
            self.ticket = ticket
            self.proofKey = proofKey
            self.tickets = tickets
        }
    }

    /// Asks the Passport services for the ticket a sign-in in `dialect` would present, without
    /// connecting to any Messenger server (load tools, ticket caches).
    ///
    /// ```swift
    /// let ticket = try await client.passportTicket(email: "alice@example.com", password: "secret",
    ///                                              policy: "MBI_KEY_OLD", dialect: .msnp15)
    /// ```
    ///
    /// - Parameters:
    ///   - policy: the policy the notification server sends in `USR n TWN S <policy>` or
    ///     `USR n SSO S <policy> <nonce>`.
    ///   - dialect: decides the service (Passport 1.4, `RST.srf`, `RST2.srf`) as in a sign-in.
    /// - Throws: `authenticationUnavailable` for MD5 dialects (MSNP2–7, no tickets);
    ///   `wrongPassword`, `httpFailure`, `timeout` as a sign-in would.
    public func passportTicket(email: String, password: String, policy: String, dialect: Dialect)
        async throws(MessengerClientError) -> PassportTicket
    {
        let passport = PassportAuthenticator(transport: passportTransport(), configuration: configuration, logger: logger)
        switch dialect.authenticationScheme {
        case .md5:
            throw MessengerClientError(.authenticationUnavailable, "\(dialect) signs in with MD5, without a ticket")
        case .tweener:
            let result = try await passport.tweenerTicket(email: email, password: password, policy: policy, dialect: dialect)
            return PassportTicket(ticket: result.ticket, tickets: result.tickets)
        case .sso:
            let result = try await passport.ssoTokens(email: email, password: password, policy: policy, dialect: dialect)
            return PassportTicket(ticket: result.ticket, proofKey: result.proofKey, tickets: result.tickets)
        }
    }
}
