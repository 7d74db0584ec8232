import ArgumentParser

/// How often each operation of `msn bench mixed` starts, per second, across everyone.
struct MixedRates: Sendable, Hashable {
    /// Sign-ins per second; as many sign-outs run, so the number online stays about level.
    var signIn = 20.0
    /// `CHG` status changes per second.
    var status = 100.0
    /// Conversations opened per second.
    var conversation = 20.0
    /// Messages per second, over the open conversations.
    var message = 200.0
    /// How long a conversation stays open before its caller leaves (`OUT`).
    var conversationLength: Duration = .seconds(10)

    /// Defaults scaled to the number of people: per 100 people, 1 sign-in, 5 status changes,
    /// 1 conversation and 10 messages per second (at least one a second each).
    static func defaults(people: Int) -> MixedRates {
        let scale = Double(people) / 100
        return MixedRates(signIn: max(1, scale), status: max(1, 5 * scale), conversation: max(1, scale),
                          message: max(1, 10 * scale))
    }
}

/// The rate options of `msn bench mixed`.
struct MixedRateOptions: ParsableArguments {
    @Option(name: .customLong("sign-in-rate"), help: ArgumentHelp(
        "mixed: sign-ins (and as many sign-outs) per second (default: clients ÷ 100).", valueName: "r"))
    var signInRate: Double?

    @Option(name: .customLong("status-rate"), help: ArgumentHelp(
        "mixed: status changes per second (default: clients ÷ 20).", valueName: "r"))
    var statusRate: Double?

    @Option(name: .customLong("conversation-rate"), help: ArgumentHelp(
        "mixed: conversations opened per second (default: clients ÷ 100).", valueName: "r"))
    var conversationRate: Double?

    @Option(name: .customLong("message-rate"), help: ArgumentHelp(
        "mixed: messages per second (default: clients ÷ 10).", valueName: "r"))
    var messageRate: Double?

    @Option(name: .customLong("conversation-length"), help: ArgumentHelp(
        "mixed: seconds a conversation stays open (default 10).", valueName: "s"))
    var conversationLength: Double?

    func validate() throws {
        for (name, value) in [("sign-in-rate", signInRate), ("status-rate", statusRate),
                              ("conversation-rate", conversationRate), ("message-rate", messageRate)] {
            if let value, !(value >= 0 && value <= 100_000) { throw ValidationError("--\(name) must be 0…100000") }
        }
        if let conversationLength, !(conversationLength > 0 && conversationLength <= 3_600) {
            throw ValidationError("--conversation-length must be 0…3600 s")
        }
    }

    func rates(clients: Int) -> MixedRates {
        var rates = MixedRates.defaults(people: clients)
        if let signInRate { rates.signIn = signInRate }
        if let statusRate { rates.status = statusRate }
        if let conversationRate { rates.conversation = conversationRate }
        if let messageRate { rates.message = messageRate }
        if let conversationLength { rates.conversationLength = .milliseconds(Int64(conversationLength * 1_000)) }
        return rates
    }
}
