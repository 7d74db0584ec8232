import MSNCore

/// A contact-list request from a signed-in client, whatever its dialect.
///
/// ```
/// ADD 12 FL bob@example.com Bob 1         → add(.forward, .email("bob@example.com"), group: .number(1))
/// ADC 12 FL C=8d4c… 5f2e…                 → add(.forward, .guid("8d4c…"), group: .guid("5f2e…"))
/// ```
public enum ContactListCommand: Sendable, Hashable {
    /// How a request names a contact.
    public enum Contact: Sendable, Hashable {
        /// `bob@example.com` / `N=bob@example.com`.
        case email(String)
        /// `C=8d4c…` / a bare contact GUID (MSNP10+).
        case guid(String)
    }

    /// How a request names a group.
    public enum Group: Sendable, Hashable {
        /// `2` (MSNP7–9).
        case number(Int)
        /// `5f2e0a8c-…` (MSNP10+).
        case guid(String)
    }

    /// `SYN 5 12` / `SYN 5 0 0`.
    case sync(clientVersion: Int)
    /// `SYN 5 2026-12-06T19:20:56.1230000-00:00 2026-…` (MSNP10–12): the client's cached list
    /// and settings timestamps; when both are current the reply is the bare `SYN`.
    case syncSince(lists: String, settings: String)
    /// `ADD` / `ADC`: a list, or a group when `group` is set (FL only).
    case add(ListKind, Contact, group: Group?)
    /// `REM`: from a list, or only from a group when `group` is set.
    case remove(ListKind, Contact, group: Group?)
    /// `ADG 5 Friends 0`.
    case addGroup(name: String)
    /// `RMG 5 2`.
    case removeGroup(Group)
    /// `REG 5 2 Pals 0`.
    case renameGroup(Group, name: String)
    /// `BLP 5 BL`.
    case setPrivacyMode(PrivacyMode)
    /// `GTC 5 N`.
    case setNotifyOnAdd(Bool)
    /// `REA 5 me@… name` (on oneself) / `PRP 5 MFN name`.
    case setFriendlyName(String)
    /// `REA 5 bob@… name` / `SBP 5 guid MFN name`.
    case setNickname(Contact, String)
    /// `PRP 5 PHH 555%20123`: echoed, not kept.
    case setPhone(type: String, value: String)
}
