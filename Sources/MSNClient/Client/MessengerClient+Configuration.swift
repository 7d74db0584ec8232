import MSNCore

extension MessengerClient {
    /// Everything a ``MessengerClient`` needs to know before it signs in.
    ///
    /// Only the server is required. Passport logins (MSNP8+) also need HTTP URLs: give
    /// ``httpBaseURL`` (`http://127.0.0.1:8080`) and the Nexus, `RST.srf` and `RST2.srf` URLs
    /// are derived from it, or set each one.
    ///
    /// ```swift
    /// var configuration = MessengerClient.Configuration(server: ServerAddress(host: "127.0.0.1"))
    /// configuration.httpBaseURL = "http://127.0.0.1:8080"
    /// configuration.dialects = [.msnp8]
    /// ```
    public struct Configuration: Sendable {
        /// The first server to connect to: a dispatch server (which redirects with `XFR … NS`)
        /// or a notification server.
        public var server: ServerAddress
        /// The dialects offered in `VER`, any order (sent highest first). Default: MSNP2–MSNP18.
        public var dialects: [Dialect] = Dialect.allCases
        /// Offer `CVR0` in `VER` (`VER 1 MSNP8 CVR0`). Default `true`, as the official clients.
        public var offerCVR0 = true
        /// Send `CVR` before MSNP8 too, where it was optional. Default `true`.
        public var sendCVRBeforeMSNP8 = true

        /// The scheme, host and port every Passport URL is sent to, e.g. `http://127.0.0.1:8080`.
        /// Also replaces the scheme, host and port of the `DALogin` URL that Nexus advertises:
        /// revival servers advertise `https://…` but speak plain HTTP locally.
        public var httpBaseURL: String?
        /// The Passport Nexus URL (`GET`, answered with `PassportURLs:`). Default:
        /// ``httpBaseURL`` + `/rdr/pprdr.asp`.
        public var nexusURL: String?
        /// The Passport 1.4 login URL to use instead of Nexus' `DALogin` (Nexus is then skipped).
        public var passportLoginURL: String?
        /// The WS-Trust 2004 token URL. Default: ``httpBaseURL`` + `/RST.srf`.
        public var rstURL: String?
        /// The WS-Trust 2005 token URL. Default: ``httpBaseURL`` + `/RST2.srf`.
        public var rst2URL: String?
        /// Where Tweener (MSNP8–14) tickets come from. Default ``TweenerTicketSource/automatic``:
        /// what the official client of the dialect did (Passport 1.4 up to MSNP11, `RST.srf` from
        /// MSNP12).
        public var tweenerTicketSource: TweenerTicketSource = .automatic

        /// Time limits.
        public var timeouts = Timeouts()
        /// The most `XFR … NS` redirects followed during one sign-in. Default 5.
        public var maximumRedirects = 5
        /// The fields of `CVR`.
        public var clientVersion = ClientVersion()
        /// The machine GUID sent with `USR … SSO S` from MSNP16 on, with braces, upper case.
        public var machineGUID: String = MessengerClient.Configuration.makeMachineGUID()
        /// How often to send `PNG` when the server does not ask for less (`QNG 50`). Default 45 s.
        public var keepaliveInterval: Duration = .seconds(45)
        /// The most events buffered for ``MessengerClient/events`` before new ones are dropped.
        public var eventBufferSize = 1024
        /// The most contact-list changes buffered for ``MessengerClient/contactChanges`` before
        /// new ones are dropped. Default 1024.
        public var contactChangeBufferSize = 1024
        /// Fill the contact list at sign-in (`SYN`, or the address book and `ADL`). Default `true`.
        public var synchronizesContactList = true
        /// The status sent with the first `CHG` after sign-in (`CHG 9 NLN 0`); `nil` sends no
        /// `CHG`, so the account stays offline to others and gets no presence. Default `.online`.
        public var initialStatus: PresenceStatus? = .online
        /// The scheme, host and port of the address-book and sharing services (MSNP13+), e.g.
        /// `http://127.0.0.1:8080`. Default: ``httpBaseURL``.
        public var addressBookURL: String?
        /// How conversations (switchboard sessions) behave.
        public var conversations = ConversationSettings()
        /// Bounds applied when decoding the server's bytes.
        public var frameLimits: FrameLimits = .default
        /// Receives every line sent and received, in order (payloads included), for debugging.
        /// Called from the connection's event loop: return quickly.
        public var trace: (@Sendable (TraceRecord) -> Void)?

        /// Creates a configuration for a server.
        public init(server: ServerAddress) {
            self.server = server
        }

        /// A fresh `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}` GUID.
        public static func makeMachineGUID() -> String {
            var generator = SystemRandomNumberGenerator()
            let hex = (0..<16).map { _ -> String in
                let byte = UInt8.random(in: 0...255, using: &generator)
                let text = String(byte, radix: 16, uppercase: true)
                return byte < 16 ? "0" + text : text
            }.joined()
            let c = Array(hex)
            let groups = [c[0..<8], c[8..<12], c[12..<16], c[16..<20], c[20..<32]].map { String($0) }
            return "{" + groups.joined(separator: "-") + "}"
        }
    }

    /// Where Tweener tickets come from (MSNP8–14).
    public enum TweenerTicketSource: Sendable, Hashable {
        /// What the official client of the dialect did: see `Dialect.ticketService`.
        case automatic
        /// Passport 1.4: Nexus, then `login2.srf` with `Authorization: Passport1.4 …`.
        case passport14
        /// SOAP `RST.srf`, taking the `messenger.msn.com` token.
        case rst
    }

    /// Time limits of a ``MessengerClient``.
    public struct Timeouts: Sendable, Hashable {
        /// Opening a TCP connection. Default 10 s.
        public var connect: Duration = .seconds(10)
        /// Waiting for the reply to one command. Default 30 s.
        public var reply: Duration = .seconds(30)
        /// One HTTP exchange (Nexus, Passport, RST). Default 30 s.
        public var http: Duration = .seconds(30)
        /// Waiting for `QNG` after `PNG` before the connection is declared dead. Default 30 s.
        public var keepaliveReply: Duration = .seconds(30)
        /// How long sign-in waits after `USR … OK` for the profile message. Default 1 s.
        public var profile: Duration = .seconds(1)

        /// The defaults above.
        public init() {}
    }

    /// The fields of `CVR TrID locale os-type os-version arch client-name client-version brand [email]`.
    ///
    /// ```
    /// CVR 2 0x0409 winnt 5.1 i386 MSNMSGR 7.0.0816 msmsgs alice@example.com
    /// ```
    public struct ClientVersion: Sendable, Hashable {
        /// The locale, hexadecimal (`0x0409`: US English).
        public var localeID = "0x0409"
        /// The operating system (`winnt`).
        public var osType = "winnt"
        /// The operating system's version (`5.1`: Windows XP).
        public var osVersion = "5.1"
        /// The processor (`i386`).
        public var architecture = "i386"
        /// The client's name (`MSNMSGR`).
        public var clientName = "MSNMSGR"
        /// The version sent; `nil` picks the official client's version for the dialect.
        public var version: String?
        /// The brand (`msmsgs`).
        public var brand = "msmsgs"

        /// The fields of MSN Messenger on Windows XP, US English.
        public init() {}

        /// The version sent in `dialect`.
        public func version(for dialect: Dialect) -> String {
            if let version { return version }
            switch dialect.version {
            case ...7: return "2.0.0085"
            case 8: return "5.0.0537"
            case 9: return "6.0.0602"
            case 10: return "6.2.0208"
            case 11: return "7.0.0816"
            case 12: return "7.5.0324"
            case 13, 14: return "8.0.0812"
            case 15...17: return "8.5.1302"
            default: return "14.0.8117.0416"
            }
        }
    }
}
