import MSNCore
import NIOCore

extension MessengerNetwork {
    /// The `host:port` a referral names for a listener: the advertised host if there is one,
    /// else the bound address, an IPv6 one in brackets.
    ///
    /// ```
    /// XFR 3 NS [::1]:1866 0 [::1]:1863     (bound to ::1)
    /// XFR 8 SB chat.example.net:1864 CKI … (--advertise chat.example.net)
    /// ```
    static func referralAddress(_ advertised: String?, _ bound: SocketAddress, port: Int) -> String {
        var host = advertised ?? bound.ipAddress ?? "127.0.0.1"
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return HostAndPort.format(host: host, port: port)
    }
}
