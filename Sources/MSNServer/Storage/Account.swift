import Foundation

/// A Messenger account as the rest of the server sees it.
///
/// The password hash and the legacy MD5 secret never leave the store; ask the store to
/// authenticate instead (``MessengerStore/authenticate(email:password:)``).
///
/// Each account carries two stable 64-bit identifiers that real profiles expose:
///
/// - ``puid``, the Passport unique id. The `MSG Hotmail Hotmail` profile splits it into
///   `MemberIdHigh`/`MemberIdLow`, RST answers put it in `<psf:PUID>` as 16 upper-case hex digits:
///   ```
///   MemberIdHigh: 1624891901
///   MemberIdLow: 582261780
///   ```
/// - ``cid``, the contact id used by the address book and by RST's `credProperty Name="CID"`
///   (16 lower-case hex digits, `9d11fd8d22b49c14`).
public struct Account: Sendable, Hashable, Identifiable {
    /// The row id; stable for the life of the account, never reused while it exists.
    public typealias ID = Int64

    /// The row id.
    public var id: ID
    /// The sign-in name, normalised to lower case (`alice@example.com`).
    public var email: String
    /// The friendly name shown to contacts.
    public var displayName: String
    /// The Passport unique id (64 bits, never zero).
    public var puid: UInt64
    /// The contact id (64 bits, never zero).
    public var cid: UInt64
    /// Whether the account can sign in with MSNP2–7's MD5 scheme (created with `--legacy-md5`).
    public var hasLegacyMD5: Bool
    /// When the account was created.
    public var createdAt: Date

    /// Creates an account value (the store does this; tests may too).
    public init(id: ID, email: String, displayName: String, puid: UInt64, cid: UInt64, hasLegacyMD5: Bool, createdAt: Date) {
        self.id = id
        self.email = email
        self.displayName = displayName
        self.puid = puid
        self.cid = cid
        self.hasLegacyMD5 = hasLegacyMD5
        self.createdAt = createdAt
    }

    /// The high 32 bits of ``puid``, as sent in the profile's `MemberIdHigh:` header.
    public var memberIDHigh: UInt32 { UInt32(truncatingIfNeeded: puid >> 32) }

    /// The low 32 bits of ``puid``, as sent in the profile's `MemberIdLow:` header.
    public var memberIDLow: UInt32 { UInt32(truncatingIfNeeded: puid) }

    /// ``puid`` as 16 upper-case hex digits, the form of RST's `<psf:PUID>`.
    public var puidHex: String { Self.hex(puid, uppercase: true) }

    /// ``cid`` as 16 lower-case hex digits, the form of RST's `CID` credential property.
    public var cidHex: String { Self.hex(cid, uppercase: false) }

    /// ``cid`` as the signed decimal number the address book SOAP service uses (`<CID>`).
    public var cidDecimal: String { String(Int64(bitPattern: cid)) }

    private static func hex(_ value: UInt64, uppercase: Bool) -> String {
        let digits = String(value, radix: 16, uppercase: uppercase)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
