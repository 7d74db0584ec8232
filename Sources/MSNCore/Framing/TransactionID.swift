/// The transaction id that ties a reply to its request.
///
/// The client numbers its commands on each connection from 1; the server echoes the number in
/// every line of its reply (`USR 3 TWN I alice@example.com` → `USR 3 TWN S …`) and uses `0` for
/// pushes that have a transaction-id slot (`CHL 0 15570131571988941333`).
public struct TransactionID: RawRepresentable, Hashable, Comparable, Sendable,
    ExpressibleByIntegerLiteral, CustomStringConvertible
{
    public var rawValue: UInt32

    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public init(_ value: UInt32) { self.rawValue = value }
    public init(integerLiteral value: UInt32) { self.rawValue = value }

    /// `0`, the id of asynchronous server pushes (`ADL 0 …`, `CHL 0 …`, `GCF 0 …`).
    public static let asynchronous: TransactionID = 0

    /// The id that follows this one (wrapping past `UInt32.max` to 1).
    public var next: TransactionID { rawValue == .max ? 1 : TransactionID(rawValue &+ 1) }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { String(rawValue) }
}
