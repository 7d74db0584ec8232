/// The owner setting their own friendly name, in the form of ``Dialect/friendlyNameCommand``,
/// and the server's confirmation, which carries the name as stored.
///
/// ```
/// MSNP2–9:  C: REA 18 alice@example.com Alice%20L   S: REA 18 11 alice@example.com Alice%20L
/// MSNP10+:  C: PRP 18 MFN Alice%20L                 S: PRP 18 MFN Alice%20L
/// ```
public struct FriendlyNameChange: Sendable, Hashable {
    /// The owner's account (written in `REA` only).
    public var email: String
    /// The new name, not encoded.
    public var name: String
    /// `REA` or `PRP MFN`.
    public var command: FriendlyNameCommand

    public init(email: String, name: String, command: FriendlyNameCommand) {
        self.email = email
        self.name = name
        self.command = command
    }

    /// `REA` or `PRP`.
    public var verb: Verb { command == .rea ? .rea : .prp }

    /// `alice@example.com Alice%20L` or `MFN Alice%20L`.
    public var arguments: [String] {
        let encoded = URLEncoding.encode(name)
        return command == .rea ? [email, encoded] : ["MFN", encoded]
    }

    /// The request with `transactionID`.
    public func frame(transactionID: TransactionID) -> Frame {
        Frame(verb: verb, transactionID: transactionID, arguments: arguments)
    }

    /// The name the server confirmed (decoded): `REA 18 11 alice@example.com Alice%20L` (the
    /// handle must be the owner's) or `PRP 18 MFN Alice%20L` (also `PRP 18 11 MFN …`).
    public func confirmedName(in reply: Frame) throws(GrammarError) -> String {
        try reply.expect(verb)
        try reply.expectNoPayload()
        _ = try reply.requiredTransactionID()
        switch command {
        case .rea:
            _ = try reply.number(0, "list version")
            let handle = try reply.required(1, "handle")
            guard handle.lowercased() == email.lowercased() else {
                throw reply.invalid("the confirmation names \(handle.prefix(64)), not \(email)")
            }
            return URLEncoding.decodeLeniently(try reply.required(2, "friendly name"))
        case .prp:
            let index = reply.argument(0) == "MFN" ? 0 : 1
            guard try reply.required(index, "property") == "MFN" else { throw reply.invalid("the property is not MFN") }
            return URLEncoding.decodeLeniently(try reply.required(index + 1, "friendly name"))
        }
    }
}
