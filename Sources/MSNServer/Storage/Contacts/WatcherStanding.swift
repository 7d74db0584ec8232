/// Where a viewer stands toward an account's presence, from one snapshot of the store
/// (``ContactListStore/watcherStanding(of:toward:)``): what `NLN` or `FLN` the viewer should
/// believe after the account changed its lists.
///
/// ```
/// bob has alice on FL, alice allows bob   → allowed: NLN alice@example.com (if she is online)
/// bob has alice on FL, alice blocks bob   → not allowed: FLN alice@example.com
/// ```
public struct WatcherStanding: Sendable, Hashable {
    /// The viewer has the account on its forward list (the account's reverse list holds it).
    public var hasOwnerOnForwardList: Bool
    /// The account lets the viewer see its presence.
    public var allowed: Bool

    public init(hasOwnerOnForwardList: Bool, allowed: Bool) {
        self.hasOwnerOnForwardList = hasOwnerOnForwardList
        self.allowed = allowed
    }
}
