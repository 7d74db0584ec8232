import MSNCore

extension LoginStateMachine {
    /// What the machine needs to know about the login.
    struct Settings: Sendable {
        var email: String
        var password: String
        var server: ServerAddress
        var dialects: [Dialect]
        var offerCVR0 = true
        var sendCVRBeforeMSNP8 = true
        var clientVersion = MessengerClient.ClientVersion()
        var machineGUID = "{00000000-0000-0000-0000-000000000000}"
        var maximumRedirects = 5
    }

    /// What the driver must do next.
    enum Action: Sendable, Equatable {
        /// Open a connection (closing any previous one), then call ``connected()``.
        case connect(ServerAddress)
        /// Write the frame, then read the next frame and call ``received(_:)``.
        case send(Frame)
        /// Read the next frame and call ``received(_:)``.
        case readNext
        /// Get a Tweener ticket for the policy, then call ``ticketReceived(_:blob:tickets:)``.
        case fetchTweenerTicket(policy: String)
        /// Get SSO tokens, make the MBI blob from the nonce and the `messengerclear.live.com`
        /// proof key, then call ``ticketReceived(_:blob:tickets:)``.
        case fetchSSOTicket(policy: String, nonce: String)
        /// Done.
        case signedIn(SignedInAccount)
        /// Give up with this error (close the connection).
        case fail(MessengerClientError)
    }
}
