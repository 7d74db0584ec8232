/// A product id and product key pair used to answer `CHL` challenges (challenges.md §4).
///
/// The client names the id in its answer, `QRY <trid> <id> 32`, and hashes with the key.
/// A server looks the id up, refuses it above its highest dialect, and verifies with its key.
///
/// ```
/// C: QRY 12 PROD0090YUAUV{2B 32
/// 85ecb0db8f32113df79ce0892b9a102c
/// ```
///
/// The ranges follow Escargot's table: what matters to a server is the upper bound; the
/// lower bound is the first dialect of the pair's ``algorithm``.
public struct ChallengeProduct: Hashable, Sendable, CustomStringConvertible {
    /// The product id, sent in the `QRY` line (for example `PROD0090YUAUV{2B`).
    public var id: String
    /// The product key, never sent; it is hashed with the challenge.
    public var key: String
    /// The challenge algorithm this pair is used with.
    public var algorithm: ChallengeAlgorithm
    /// The MSNP version numbers this pair may answer challenges for, for example `11...12`.
    public var protocolVersions: ClosedRange<Int>

    /// Creates a pair, for a product not in ``known``.
    ///
    /// - Parameters:
    ///   - id: The product id (16 characters for the `PROD…` ids).
    ///   - key: The product key.
    ///   - algorithm: The algorithm the pair is used with.
    ///   - protocolVersions: The MSNP versions it is valid for.
    public init(id: String, key: String, algorithm: ChallengeAlgorithm, protocolVersions: ClosedRange<Int>) {
        self.id = id
        self.key = key
        self.algorithm = algorithm
        self.protocolVersions = protocolVersions
    }

    /// The product id; the key is left out so that logs never show it.
    public var description: String { id }

    // MARK: - Basic (MD5) pairs, MSNP6–MSNP10

    /// `msmsgs@msnmsgr.com`: MSN Messenger 3.6 to 6.x.
    public static let msmsgs = ChallengeProduct(
        id: "msmsgs@msnmsgr.com", key: "Q1P7W2E4J9R8U3S5", algorithm: .basic, protocolVersions: 6...10)
    /// `PROD0038W!61ZTF9`: the MSNP10 pair libpurple used.
    public static let prod0038 = ChallengeProduct(
        id: "PROD0038W!61ZTF9", key: "VT6PX?UQTM4WM%YR", algorithm: .basic, protocolVersions: 6...10)
    /// `PROD0058#7IL2{QD`.
    public static let prod0058 = ChallengeProduct(
        id: "PROD0058#7IL2{QD", key: "QHDCY@7R1TB6W?5B", algorithm: .basic, protocolVersions: 6...10)
    /// `PROD0061VRRZH@4F`.
    public static let prod0061 = ChallengeProduct(
        id: "PROD0061VRRZH@4F", key: "JXQ6J@TUOGYV@N0M", algorithm: .basic, protocolVersions: 6...10)
    /// `PROD00504RLUG%WL`.
    public static let prod0050 = ChallengeProduct(
        id: "PROD00504RLUG%WL", key: "I2EBK%PYNLZL5_J4", algorithm: .basic, protocolVersions: 6...10)
    /// `PROD0076ENE8*@AW`.
    public static let prod0076 = ChallengeProduct(
        id: "PROD0076ENE8*@AW", key: "CEQJ8}OE0!WTSWII", algorithm: .basic, protocolVersions: 6...10)

    // MARK: - MSNP11 algorithm pairs

    /// `PROD0090YUAUV{2B`: MSN Messenger 7.0 (MSNP11–12).
    public static let prod0090 = ChallengeProduct(
        id: "PROD0090YUAUV{2B", key: "YMM8C_H7KCQ2S_KL", algorithm: .msnp11, protocolVersions: 11...12)
    /// `PROD0101{0RM?UBW`: MSN Messenger 7.0.0813 (MSNP11–12).
    public static let prod0101 = ChallengeProduct(
        id: "PROD0101{0RM?UBW", key: "CFHUR$52U_{VIX5T", algorithm: .msnp11, protocolVersions: 11...12)
    /// `PROD0104U6VVM{UJ`: MSN Messenger 7.5 (from a wiki list; not verified against a client).
    public static let prod0104 = ChallengeProduct(
        id: "PROD0104U6VVM{UJ", key: "VK67B}379XYM5}$T", algorithm: .msnp11, protocolVersions: 11...21)
    /// `PROD01065C%ZFN6F`: Windows Live Messenger 8.0 (MSNP13–14).
    public static let prod0106 = ChallengeProduct(
        id: "PROD01065C%ZFN6F", key: "O4BG@C7BWLYQX?5G", algorithm: .msnp11, protocolVersions: 11...14)
    /// `PROD0112J1LW7%NB`: MSNP13–14 (Escargot's table).
    public static let prod0112 = ChallengeProduct(
        id: "PROD0112J1LW7%NB", key: "RH96F{PHI8PPX_TJ", algorithm: .msnp11, protocolVersions: 11...14)
    /// `PROD0113H11T8$X_`: Windows Live Messenger 8.1.0168 (MSNP15).
    public static let prod0113 = ChallengeProduct(
        id: "PROD0113H11T8$X_", key: "RG@XY*28Q5QHS%Q5", algorithm: .msnp11, protocolVersions: 11...21)
    /// `PROD0114ES4Z%Q5W`: Windows Live Messenger 8.1.0178 (MSNP15; papyon's default).
    public static let prod0114 = ChallengeProduct(
        id: "PROD0114ES4Z%Q5W", key: "PK}_A_0N_K%O?A9S", algorithm: .msnp11, protocolVersions: 11...21)
    /// `PROD0118R6%2WYOS`: Windows Live Messenger 8.5 beta 1235.
    public static let prod0118 = ChallengeProduct(
        id: "PROD0118R6%2WYOS", key: "YIXPX@5I2P0UT*LK", algorithm: .msnp11, protocolVersions: 11...21)
    /// `PROD0119GSJUC$18`: Windows Live Messenger 8.5.1288/1302 (MSNP15; libpurple's MSNP15 pair).
    public static let prod0119 = ChallengeProduct(
        id: "PROD0119GSJUC$18", key: "ILTXC!4IXB5FB*PX", algorithm: .msnp11, protocolVersions: 11...21)
    /// `PROD0120PW!CCV9@`: Windows Live Messenger 2009, 14.0.8050 and later (MSNP18, also 21).
    public static let prod0120 = ChallengeProduct(
        id: "PROD0120PW!CCV9@", key: "C1BX{V4W}Q3*10SM", algorithm: .msnp11, protocolVersions: 11...21)

    /// Every pair of challenges.md §4, basic pairs first.
    public static let known: [ChallengeProduct] = [
        .msmsgs, .prod0038, .prod0058, .prod0061, .prod0050, .prod0076,
        .prod0090, .prod0101, .prod0104, .prod0106, .prod0112, .prod0113,
        .prod0114, .prod0118, .prod0119, .prod0120,
    ]

    /// The known pair with this product id (compared exactly), or `nil`.
    ///
    /// - Parameter id: The id from a `QRY <trid> <id> 32` line.
    public static func known(id: String) -> ChallengeProduct? {
        known.first { $0.id == id }
    }

    /// The pair a client speaking `protocolVersion` sends by default, as the client it
    /// imitates did: `msmsgs@msnmsgr.com` up to MSNP9, `PROD0038…` for 10, `PROD0090…` for
    /// 11–12, `PROD01065…` for 13–14, `PROD0119…` for 15–17, `PROD0120…` from 18.
    /// `nil` before MSNP6.
    ///
    /// - Parameter protocolVersion: The number of the negotiated dialect.
    public static func preferred(forProtocolVersion protocolVersion: Int) -> ChallengeProduct? {
        switch protocolVersion {
        case 6...9: .msmsgs
        case 10: .prod0038
        case 11...12: .prod0090
        case 13...14: .prod0106
        case 15...17: .prod0119
        case 18...: .prod0120
        default: nil
        }
    }
}
