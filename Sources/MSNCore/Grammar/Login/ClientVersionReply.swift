/// The server's client-version advice, the answer to ``ClientVersionRequest``.
///
/// ```
/// S: CVR 2 8.1.0178 8.1.0178 8.1.0178 http://msgruser.dlservice.microsoft.com/…/Install_WLMessenger.exe http://get.live.com/es
/// ```
public struct ClientVersionReply: FrameRepresentable {
    public static let verb = Verb.cvr

    public var transactionID: TransactionID
    public var recommendedVersion: String
    /// The recommended version once more (servers repeat it).
    public var secondRecommendedVersion: String
    public var minimumVersion: String
    /// Where to download the recommended client.
    public var downloadURL: String?
    /// Where to read about it.
    public var infoURL: String?

    public init(transactionID: TransactionID, recommendedVersion: String, secondRecommendedVersion: String? = nil,
                minimumVersion: String? = nil, downloadURL: String?, infoURL: String?) {
        self.transactionID = transactionID
        self.recommendedVersion = recommendedVersion
        self.secondRecommendedVersion = secondRecommendedVersion ?? recommendedVersion
        self.minimumVersion = minimumVersion ?? recommendedVersion
        self.downloadURL = downloadURL
        self.infoURL = infoURL
    }

    // CVR trid recommended recommended minimum [download-url [info-url]]
    public init(frame: Frame, dialect: Dialect? = nil) throws(GrammarError) {
        try frame.expect(Self.verb)
        try frame.expectNoPayload()
        transactionID = try frame.requiredTransactionID()
        recommendedVersion = try frame.required(0, "recommended version")
        secondRecommendedVersion = try frame.required(1, "recommended version")
        minimumVersion = try frame.required(2, "minimum version")
        downloadURL = frame.optional(3)
        infoURL = downloadURL == nil ? nil : frame.optional(4)
    }

    public var frame: Frame {
        var arguments = [recommendedVersion, secondRecommendedVersion, minimumVersion]
        if let downloadURL {
            arguments.append(downloadURL)
            if let infoURL { arguments.append(infoURL) }
        }
        return Frame(verb: Self.verb, transactionID: transactionID, arguments: arguments)
    }
}
