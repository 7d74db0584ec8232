/// Where and how a whole network listens: `msn serve`'s options.
///
/// ```swift
/// var configuration = MessengerNetworkConfiguration()
/// configuration.dispatchPort = 0          // any free port (tests)
/// configuration.notificationPort = 0
/// ```
public struct MessengerNetworkConfiguration: Sendable {
    /// The address every listener binds. Default `127.0.0.1`.
    public var host: String
    /// The dispatch server's port. Default 1863.
    public var dispatchPort: Int
    /// The notification server's port. Default 1866.
    public var notificationPort: Int
    /// The switchboard's port. Default 1864.
    public var switchboardPort: Int
    /// The HTTP services' port (Nexus, Passport, RST). Default 8080.
    public var httpPort: Int
    /// The host written into redirects (`XFR 3 NS <host>:<port> U D`); `nil`: the bound address.
    public var advertisedHost: String?
    /// What Nexus advertises as the Passport sign-in location (`https://login.example.net`);
    /// `nil`: the request's `Host`.
    public var advertisedLoginBase: String?
    /// The directory of the database (`msn serve --data`).
    public var dataDirectory: String
    /// Per-connection limits and timers.
    public var connection: ConnectionSettings
    /// What the notification server says.
    public var notification: NotificationSessionConfiguration
    /// Switchboard cookies, idle conversations and the `MSG` cap.
    public var switchboard: SwitchboardConfiguration = .init()

    public init(host: String = "127.0.0.1", dispatchPort: Int = 1863, notificationPort: Int = 1866,
                switchboardPort: Int = 1864, httpPort: Int = 8080, advertisedHost: String? = nil,
                advertisedLoginBase: String? = nil, dataDirectory: String = "./msn-data", connection: ConnectionSettings = .default,
                notification: NotificationSessionConfiguration = .init()) {
        self.host = host
        self.dispatchPort = dispatchPort
        self.notificationPort = notificationPort
        self.switchboardPort = switchboardPort
        self.httpPort = httpPort
        self.advertisedHost = advertisedHost
        self.advertisedLoginBase = advertisedLoginBase
        self.dataDirectory = dataDirectory
        self.connection = connection
        self.notification = notification
    }

    /// Every listener on an ephemeral port of `127.0.0.1`, as tests want.
    public static var ephemeral: MessengerNetworkConfiguration {
        MessengerNetworkConfiguration(dispatchPort: 0, notificationPort: 0, switchboardPort: 0, httpPort: 0)
    }
}
