// The one table of what differs between MSNP versions. Server and client both look things up
// here; adding a dialect or correcting a difference is a change to this file only.

/// How a client proves who it is on the notification server (`USR TrID <scheme> I email`).
public enum AuthenticationScheme: String, Sendable, Hashable {
    /// `USR 6 MD5 I alice@hotmail.com` → `USR 6 MD5 S <salt>` (MSNP2–7).
    case md5 = "MD5"
    /// `USR 6 TWN I alice@hotmail.com` → `USR 6 TWN S <policy>` (MSNP8–14, Passport tickets).
    case tweener = "TWN"
    /// `USR 3 SSO I alice@hotmail.com` → `USR 3 SSO S MBI_KEY_OLD <nonce>` (MSNP15+).
    case sso = "SSO"
}

/// The `CHL`/`QRY` challenge algorithm of a dialect.
public enum ChallengeKind: Sendable, Hashable {
    /// No challenges (MSNP2–5).
    case none
    /// `MD5(challenge + key)` (MSNP6–10).
    case basic
    /// The MSNP11 algorithm (MSNP11+).
    case msnp11
}

/// The command that sets the owner's own friendly name.
public enum FriendlyNameCommand: Sendable, Hashable {
    /// `REA 18 alice@hotmail.com Alice%20L` → `REA 18 11 alice@hotmail.com Alice%20L`, the
    /// list version before the handle (MSNP2–9).
    case rea
    /// `PRP 18 MFN Alice%20L` → `PRP 18 MFN Alice%20L` (MSNP10+; `REA` is refused there).
    case prp
}

/// How contact handles are written in presence lines.
public enum HandleForm: Sendable, Hashable {
    /// `NLN NLN bob@hotmail.com Bob 0` (MSNP2–13).
    case plain
    /// `NLN NLN bob@hotmail.com 1 Bob 0` — a network id after the e-mail (MSNP14–17).
    case networkIDAfter
    /// `NLN NLN 1:bob@hotmail.com Bob 0:0` — the network id as a prefix (MSNP18).
    case networkIDPrefix
}

/// How a contact list is synchronised.
public enum ContactListMechanism: Sendable, Hashable {
    /// `SYN` with list versions, `LST TrID LIST ver i n email name` (MSNP2–7).
    case versionedSYN
    /// `SYN TrID ver`, bare `LST email name lists` lines (MSNP8–9).
    case compactSYN
    /// `SYN TrID ts1 ts2`, `LST N= F= C=` lines with GUIDs (MSNP10–12).
    case timestampedSYN
    /// The address-book and sharing SOAP services, then `ADL` (MSNP13+).
    case addressBookSOAP
}

/// How client capabilities appear in `CHG`, `ILN`, `NLN`.
public enum CapabilitiesForm: Sendable, Hashable {
    /// No capabilities (MSNP2–7).
    case none
    /// A decimal `uint32` (MSNP8–15).
    case decimal
    /// `caps:extcaps`, two decimals (MSNP16+).
    case decimalPair
}

/// The shape of the dispatch server's `XFR … NS` redirect.
public enum NotificationRedirectForm: Sendable, Hashable {
    /// `XFR 3 NS 10.0.0.5:1863` (MSNP2).
    case addressOnly
    /// `XFR 4 NS 10.0.0.5:1863 0` (MSNP3–6).
    case addressAndZero
    /// `XFR 3 NS 10.0.0.5:1863 0 10.0.0.1:1863` (MSNP7–12).
    case addressZeroAndCurrent
    /// `XFR 3 NS 10.0.0.5:1863 U D` (MSNP13+).
    case addressUD
}

/// The tail of `USR … OK` after the e-mail.
public enum LoginOKForm: Sendable, Hashable {
    /// `USR 7 OK alice@hotmail.com Alice` (MSNP2–5).
    case friendlyName
    /// `USR 7 OK alice@hotmail.com Alice 1` (MSNP6–7).
    case friendlyNameVerified
    /// `USR 7 OK alice@hotmail.com Alice 1 0` (MSNP8–9).
    case friendlyNameVerifiedRestricted
    /// `USR 7 OK alice@hotmail.com 1 0` (MSNP10+).
    case verifiedRestricted
}

/// The tail of `XFR … SB` and `RNG` after the cookie.
public enum SwitchboardReferralForm: Sendable, Hashable {
    /// `XFR 15 SB 10.0.0.9:1864 CKI 1726.105.32` (MSNP2–12).
    case plain
    /// `… CKI cookie U messenger.msn.com` (MSNP13).
    case domain
    /// `… CKI cookie U messenger.msn.com 1` (MSNP14+).
    case domainAndDirectConnect
}

/// Where a client obtains the ticket it sends in `USR … S` (what the official clients of each
/// version did; a client may be configured otherwise for MSNP12–14, which servers accept).
public enum TicketService: Sendable, Hashable {
    /// No ticket: the MD5 login answers the salt itself (MSNP2–7).
    case none
    /// Passport 1.4: Nexus `GET /rdr/pprdr.asp`, then `GET` DALogin with
    /// `Authorization: Passport1.4 …` (MSN 5.0–7.0, MSNP8–11).
    case passport14
    /// SOAP `RequestMultipleSecurityTokens` posted to `RST.srf`, WS-Trust 2004
    /// (MSN 7.5 and WLM 8.x, MSNP12–17).
    case rst
    /// SOAP `RequestMultipleSecurityTokens` posted to `RST2.srf`, WS-Trust 2005 (WLM 2009, MSNP18).
    case rst2
}

extension Dialect {
    /// Where the official client of this dialect got its login ticket.
    public var ticketService: TicketService {
        switch rawValue {
        case ...7: .none
        case ...11: .passport14
        case ...17: .rst
        default: .rst2
        }
    }
    /// Token requests also ask for `contacts.msn.com`, the address-book ticket (MSNP13+).
    public var requestsContactsToken: Bool { rawValue >= 13 }
    /// The profile's `ClientPort` is byte-swapped (MSNP8+, like the field itself):
    /// `ClientPort: 7173` means port `((7173 & 0xff) << 8) | (7173 >> 8)` = 1308.
    public var profileClientPortIsByteSwapped: Bool { rawValue >= 8 }

    /// The `USR` scheme of this dialect.
    public var authenticationScheme: AuthenticationScheme {
        switch rawValue {
        case ...7: .md5
        case ...14: .tweener
        default: .sso
        }
    }

    /// `INF TrID` → `INF TrID MD5` exists (MSNP2–7).
    public var hasINF: Bool { rawValue <= 7 }
    /// `CVR` is sent before `USR` (optional before MSNP8, mandatory from it, with the e-mail).
    public var cvrCarriesEmail: Bool { rawValue >= 8 }
    /// `QNG 50` carries the seconds until the next `PNG` (MSNP9+); before, a bare `QNG`.
    public var qngCarriesSeconds: Bool { rawValue >= 9 }
    /// The challenge algorithm.
    public var challengeKind: ChallengeKind {
        switch rawValue {
        case ...5: .none
        case ...10: .basic
        default: .msnp11
        }
    }
    /// The server sends `SBS 0 null` after `USR … OK` (MSNP11+).
    public var sendsSBS: Bool { rawValue >= 11 }
    /// The server pushes `GCF 0 <len>` policies right after `USR … I` (MSNP13+).
    public var pushesPolicies: Bool { rawValue >= 13 }
    /// `USR … SSO S ticket blob {machine-guid}` carries a machine GUID (MSNP16+).
    public var usrCarriesMachineGUID: Bool { rawValue >= 16 }
    /// Multiple points of presence (MSNP16+): a second sign-in does not kick the first.
    public var supportsMPOP: Bool { rawValue >= 16 }
    /// Personal messages with `UUX`/`UBX` (MSNP11+).
    public var supportsPersonalMessages: Bool { rawValue >= 11 }
    /// MSN objects (display pictures) in `CHG`/`ILN`/`NLN` (MSNP9+).
    public var supportsMSNObjects: Bool { rawValue >= 9 }
    /// Groups with `LSG`/`ADG`/`RMG`/`REG` (MSNP7+).
    public var supportsGroups: Bool { rawValue >= 7 }
    /// `SDC`, `PRP`/`BPR` phone numbers, `NOT` (MSNP5+).
    public var supportsPhoneNumbers: Bool { rawValue >= 5 }
    /// Profile `ClientIP` / `ClientPort` fields (MSNP8+).
    public var profileHasClientAddress: Bool { rawValue >= 8 }
    /// Profile `ABCHMigrated: 1`, GUID contacts, the pending list (MSNP10+).
    public var usesAddressBookIDs: Bool { rawValue >= 10 }
    /// `ADC` instead of `ADD`, `PRP MFN` / `SBP` instead of `REA` (MSNP10+).
    public var usesADC: Bool { rawValue >= 10 }
    /// How the owner sets their friendly name: `REA` (MSNP2–9), `PRP … MFN` (MSNP10+).
    public var friendlyNameCommand: FriendlyNameCommand { rawValue >= 10 ? .prp : .rea }
    /// Capabilities in `IRO` and `JOI` on the switchboard (MSNP12+).
    public var switchboardCarriesCapabilities: Bool { rawValue >= 12 }
    /// Endpoint GUIDs in switchboard handles, `email;{guid}` (MSNP16+).
    public var switchboardUsesEndpoints: Bool { rawValue >= 16 }
    /// `XFR TrID SB` is refused with `913` while the user is hidden (MSNP2–12; WLM's invisible
    /// users may chat).
    public var switchboardRefusedWhileHidden: Bool { rawValue <= 12 }
    /// The switchboard accepts `MSG TrID D` (MSNP9+).
    public var supportsDataMessages: Bool { rawValue >= 9 }

    /// How contact lists are synchronised.
    public var contactListMechanism: ContactListMechanism {
        switch rawValue {
        case ...7: .versionedSYN
        case ...9: .compactSYN
        case ...12: .timestampedSYN
        default: .addressBookSOAP
        }
    }
    /// How handles appear in presence lines.
    public var handleForm: HandleForm {
        switch rawValue {
        case ...13: .plain
        case ...17: .networkIDAfter
        default: .networkIDPrefix
        }
    }
    /// How capabilities are written.
    public var capabilitiesForm: CapabilitiesForm {
        switch rawValue {
        case ...7: .none
        case ...15: .decimal
        default: .decimalPair
        }
    }
    /// The dispatch server's redirect shape.
    public var notificationRedirectForm: NotificationRedirectForm {
        switch rawValue {
        case 2: .addressOnly
        case ...6: .addressAndZero
        case ...12: .addressZeroAndCurrent
        default: .addressUD
        }
    }
    /// The `USR … OK` shape.
    public var loginOKForm: LoginOKForm {
        switch rawValue {
        case ...5: .friendlyName
        case ...7: .friendlyNameVerified
        case ...9: .friendlyNameVerifiedRestricted
        default: .verifiedRestricted
        }
    }
    /// The `XFR SB` / `RNG` tail.
    public var switchboardReferralForm: SwitchboardReferralForm {
        switch rawValue {
        case ...12: .plain
        case 13: .domain
        default: .domainAndDirectConnect
        }
    }
    /// The verb of the presence dump after the first `CHG`: `ILN 7 NLN bob@… …` up to MSNP17;
    /// MSNP18 gets `NLN NLN 1:bob@… …` lines without a TrID.
    public var initialPresenceVerb: Verb { rawValue >= 18 ? .nln : .iln }
    /// `LST N=… F=… C=… 11 1 <groups>`: MSNP12 puts a network id before the group list.
    public var lstCarriesNetworkID: Bool { rawValue >= 12 }
    /// Servers may close with `OUT MIG`: the contact list moved to the address book (MSNP10 only).
    public var signsOutForMigration: Bool { rawValue == 10 }
    /// Servers may close with `OUT TOU`: new terms of use (MSNP10+).
    public var signsOutForTermsOfUse: Bool { rawValue >= 10 }
    /// Servers may close with `OUT RCT <minutes>`: reconnect later (MSNP11+).
    public var signsOutWithReconnectDelay: Bool { rawValue >= 11 }
    /// The code for "unknown account" in list operations: 205 up to MSNP9, 208 from MSNP10.
    public var unknownPrincipalError: ErrorCode { rawValue <= 9 ? .invalidPrincipal : .invalidPrincipalName }
}
