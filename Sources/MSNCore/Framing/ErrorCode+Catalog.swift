// The numeric errors of MSNP2–MSNP18 (the union of the codes the protocol reference lists).

extension ErrorCode {
    public static let syntaxError = ErrorCode(200)
    public static let invalidParameter = ErrorCode(201)
    public static let invalidFederatedUser = ErrorCode(203)
    public static let invalidNetworkID = ErrorCode(204)
    public static let invalidPrincipal = ErrorCode(205)
    public static let domainNameMissing = ErrorCode(206)
    public static let alreadyLoggedIn = ErrorCode(207)
    public static let invalidPrincipalName = ErrorCode(208)
    public static let nicknameChangeIllegal = ErrorCode(209)
    public static let listFull = ErrorCode(210)
    public static let invalidRenameRequest = ErrorCode(213)
    public static let alreadyInList = ErrorCode(215)
    public static let notInList = ErrorCode(216)
    public static let principalNotOnline = ErrorCode(217)
    public static let alreadyInMode = ErrorCode(218)
    public static let inOppositeList = ErrorCode(219)
    public static let notAcceptingPages = ErrorCode(220)
    public static let tooManyGroups = ErrorCode(223)
    public static let invalidGroup = ErrorCode(224)
    public static let principalNotInGroup = ErrorCode(225)
    public static let groupNotEmpty = ErrorCode(227)
    public static let groupNameExists = ErrorCode(228)
    public static let groupNameTooLong = ErrorCode(229)
    public static let cannotRemoveGroupZero = ErrorCode(230)
    public static let groupDoesNotExist = ErrorCode(231)
    public static let invalidMSISDN = ErrorCode(232)
    public static let unknownMSISDN = ErrorCode(233)
    public static let unknownKeitaiDomain = ErrorCode(234)
    public static let emptyDomainElement = ErrorCode(240)
    public static let invalidContactList = ErrorCode(241)
    public static let switchboardFailed = ErrorCode(280)
    public static let transferFailed = ErrorCode(281)
    public static let unknownP2PApplication = ErrorCode(282)
    public static let unknownUUNApplication = ErrorCode(283)
    public static let messageTooLong = ErrorCode(285)
    public static let smsOutOfFunds = ErrorCode(290)
    public static let requiredFieldMissing = ErrorCode(300)
    public static let tooManyHits = ErrorCode(301)
    public static let notLoggedIn = ErrorCode(302)
    public static let contactListError = ErrorCode(402)
    public static let addressBookError = ErrorCode(403)
    public static let invalidAccountPermissions = ErrorCode(420)
    public static let internalServerError = ErrorCode(500)
    public static let databaseServerError = ErrorCode(501)
    public static let commandDisabled = ErrorCode(502)
    public static let upsDown = ErrorCode(504)
    public static let federatedPartnerError = ErrorCode(508)
    public static let pageModeMessageError = ErrorCode(509)
    public static let fileOperationFailed = ErrorCode(510)
    public static let detailedError = ErrorCode(511)
    public static let memoryAllocationFailed = ErrorCode(520)
    public static let challengeResponseFailed = ErrorCode(540)
    public static let serverBusy = ErrorCode(600)
    public static let serverUnavailable = ErrorCode(601)
    public static let peerNotificationServerDown = ErrorCode(602)
    public static let databaseConnectionFailed = ErrorCode(603)
    public static let serverGoingDown = ErrorCode(604)
    public static let serverUnavailable605 = ErrorCode(605)
    public static let pagingUnavailable = ErrorCode(606)
    public static let couldNotCreateConnection = ErrorCode(700)
    public static let couldNotCreateConnection707 = ErrorCode(707)
    public static let badCVRParameters = ErrorCode(710)
    public static let sessionRestricted = ErrorCode(711)
    public static let sessionOverloaded = ErrorCode(712)
    public static let userTooActive = ErrorCode(713)
    public static let tooManySessions = ErrorCode(714)
    public static let notExpected = ErrorCode(715)
    public static let badFriendFile = ErrorCode(717)
    public static let userRestricted = ErrorCode(718)
    public static let sessionFederated = ErrorCode(719)
    public static let userFederated = ErrorCode(726)
    public static let notExpectedCVR = ErrorCode(731)
    public static let roamingLogoff = ErrorCode(733)
    public static let tooManyEndpoints = ErrorCode(734)
    public static let changingTooRapidly = ErrorCode(800)
    public static let serverTooBusy = ErrorCode(910)
    public static let authenticationFailed = ErrorCode(911)
    public static let serverTooBusy912 = ErrorCode(912)
    public static let notAllowedWhenOffline = ErrorCode(913)
    public static let serverUnavailable914 = ErrorCode(914)
    public static let serverUnavailable915 = ErrorCode(915)
    public static let serverUnavailable916 = ErrorCode(916)
    public static let authenticationFailed917 = ErrorCode(917)
    public static let serverTooBusy918 = ErrorCode(918)
    public static let serverTooBusy919 = ErrorCode(919)
    public static let notAcceptingNewUsers = ErrorCode(920)
    public static let serverTimedOut = ErrorCode(921)
    public static let serverTooBusy922 = ErrorCode(922)
    public static let kidsPassportWithoutConsent = ErrorCode(923)
    public static let passportNotVerified = ErrorCode(924)
    public static let managedUserWrongClient = ErrorCode(926)
    public static let managedUserAccessDenied = ErrorCode(927)
    public static let badTicket = ErrorCode(928)
    public static let accountNotOnThisServer = ErrorCode(931)
    public static let invalidCircleMembership = ErrorCode(933)
    public static let invalidSignature = ErrorCode(935)

    /// A short English meaning for each known code.
    static let meanings: [Int: String] = {
        var table: [Int: String] = [
            200: "syntax error", 201: "invalid parameter", 203: "invalid federated user",
            204: "invalid network id", 205: "invalid principal", 206: "domain name missing",
            207: "already logged in", 208: "invalid principal name", 209: "nickname change illegal",
            210: "list full", 213: "invalid rename request", 215: "principal already on list",
            216: "principal not on list", 217: "principal not online", 218: "already in that mode",
            219: "principal is in the opposite list", 220: "not accepting pages",
            223: "too many groups", 224: "invalid group", 225: "principal not in group",
            227: "group not empty", 228: "group name already exists", 229: "group name too long",
            230: "cannot remove group zero", 231: "group does not exist", 232: "invalid MSISDN",
            233: "unknown MSISDN", 234: "unknown Keitai domain",
            240: "domain element without contacts", 241: "invalid contact list",
            280: "switchboard failed", 281: "notify or transfer failed",
            282: "unknown P2P application", 283: "unknown UUN application",
            285: "message too long", 290: "SMS: out of funds", 300: "required field missing",
            301: "too many hits", 302: "not logged in", 402: "error accessing contact list",
            403: "error accessing address book", 420: "invalid account permissions",
            500: "internal server error", 501: "database server error", 502: "command disabled",
            504: "UPS down", 508: "federated partner error", 509: "page-mode message error",
            510: "file operation failed", 511: "detailed error", 520: "memory allocation failed",
            540: "challenge response failed", 600: "server busy", 601: "server unavailable",
            602: "peer notification server down", 603: "database connection failed",
            604: "server going down", 605: "server unavailable", 606: "paging unavailable",
            700: "could not create connection", 707: "could not create connection",
            710: "bad CVR parameters", 711: "session restricted", 712: "session overloaded",
            713: "user too active", 714: "too many sessions", 715: "not expected",
            717: "bad friend file", 718: "user restricted", 719: "session federated",
            726: "user federated", 731: "CVR not expected", 733: "roaming logoff",
            734: "too many endpoints", 800: "changing too rapidly",
            911: "authentication failed", 913: "not allowed when offline",
            917: "authentication failed", 920: "not accepting new users",
            921: "server timed out", 923: "Kids Passport without parental consent",
            924: "Passport account not yet verified", 926: "managed user: wrong client",
            927: "managed user: access denied", 928: "bad ticket",
            931: "account not on this server", 933: "invalid circle membership",
            935: "invalid signature",
        ]
        for code in [910, 912, 918, 919, 922] { table[code] = "server too busy" }
        for code in 914...916 { table[code] = "server unavailable" }
        for code in 413...419 { table[code] = "SMS subscription error" }
        for code in 550...598 { table[code] = "SMS account or carrier error" }
        return table
    }()

    /// A short English meaning, e.g. "authentication failed" for 911; `nil` for unknown codes.
    public var meaning: String? { ErrorCode.meanings[rawValue] }
}
