import MSNCore

extension Frame {
    /// A numeric error reply: `Frame.error(.authenticationFailed, 4)` is `911 4`.
    public static func error(_ code: ErrorCode, _ transactionID: TransactionID) -> Frame {
        // Every ErrorCode constant is in 100…999; anything else is a programming error.
        guard let verb = code.verb else { preconditionFailure("error code \(code.rawValue) has no verb") }
        return Frame(verb: verb, transactionID: transactionID)
    }
}
