import MSNCore

/// What others see of one signed-in user: status, capabilities, display picture, names.
///
/// ```
/// NLN AWY bob@example.com Bob 1073741824 %3Cmsnobj%2F%3E
/// ```
public struct PresenceState: Sendable, Hashable {
    public var status: PresenceStatus
    /// The client capability flags (`CHG 9 NLN 1073741824`).
    public var capabilities: UInt32
    /// The extended capabilities of MSNP16+ (`CHG 9 NLN 2789003324:48`).
    public var extendedCapabilities: UInt32
    /// The display picture's `<msnobj …/>`, not URL-encoded (MSNP9+).
    public var msnObject: String?
    /// The friendly name, not URL-encoded.
    public var friendlyName: String
    /// The `<PSM>` text as sent in `UUX` (XML-escaped).
    public var personalMessage: String
    /// The `<CurrentMedia>` text as sent in `UUX` (XML-escaped).
    public var currentMedia: String

    public init(status: PresenceStatus, capabilities: UInt32 = 0, extendedCapabilities: UInt32 = 0,
                msnObject: String? = nil, friendlyName: String, personalMessage: String = "",
                currentMedia: String = "") {
        self.status = status
        self.capabilities = capabilities
        self.extendedCapabilities = extendedCapabilities
        self.msnObject = msnObject
        self.friendlyName = friendlyName
        self.personalMessage = personalMessage
        self.currentMedia = currentMedia
    }

    /// The `UBX` payload: `<Data><PSM>…</PSM><CurrentMedia>…</CurrentMedia></Data>`.
    public var personalMessageXML: String {
        "<Data><PSM>\(personalMessage)</PSM><CurrentMedia>\(currentMedia)</CurrentMedia></Data>"
    }
}
