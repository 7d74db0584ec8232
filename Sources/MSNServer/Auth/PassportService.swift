/// The service a Passport ticket is good for: the `wsa:Address` of an RST request.
///
/// A ticket issued for one service is refused for every other, so a `contacts.msn.com` ticket
/// (which travels in every address book SOAP call) cannot be replayed to sign in to the
/// notification server. Names compare case-insensitively.
///
/// ```xml
/// <wsp:AppliesTo><wsa:EndpointReference><wsa:Address>messengerclear.live.com</wsa:Address>…
/// ```
public struct PassportService: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The service name, lower-cased.
    public let name: String

    /// A service by name (lower-cased, surrounding white space removed).
    public init(_ name: String) {
        self.name = name.trimmingASCIIWhitespace().lowercasedASCII()
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    public var description: String { name }

    /// The legacy Passport token every RST asks for first (`RST0`); its answer is an opaque
    /// encrypted blob clients ignore.
    public static let passportTB: PassportService = "http://Passport.NET/tb"
    /// The MSNP15+ notification server sign-in ticket; comes with the proof key the `MBI_KEY`
    /// blob is made with.
    public static let messengerClear: PassportService = "messengerclear.live.com"
    /// The MSNP8–14 notification server sign-in ticket (Passport 1.4 `login2.srf`, RST).
    public static let messenger: PassportService = "messenger.msn.com"
    /// Offline messages (sending).
    public static let messengerSecure: PassportService = "messengersecure.live.com"
    /// The address book and sharing SOAP services (`TicketToken`).
    public static let contacts: PassportService = "contacts.msn.com"
    /// Windows Live Spaces.
    public static let spaces: PassportService = "spaces.live.com"
    /// Roaming profile and display pictures.
    public static let storage: PassportService = "storage.msn.com"
}
