/// A presence status as `CHG`, `ILN` and `NLN` carry it.
///
/// ```
/// CHG 9 AWY 1073741824
/// NLN BRB bob@example.com Bob 1073741824
/// ```
public enum PresenceStatus: String, Sendable, Hashable, CaseIterable {
    case online = "NLN"
    case busy = "BSY"
    case idle = "IDL"
    case beRightBack = "BRB"
    case away = "AWY"
    case onThePhone = "PHN"
    case outToLunch = "LUN"
    /// Appear offline: others see `FLN`.
    case hidden = "HDN"

    /// Whether others see this status (everything but `HDN`).
    public var isVisible: Bool { self != .hidden }
}
