import MSNCore
import Testing

@Suite struct FriendlyNameChangeTests {
    @Test func theDialectTablePicksTheCommand() {
        #expect(Dialect.msnp2.friendlyNameCommand == .rea)
        #expect(Dialect.msnp9.friendlyNameCommand == .rea)
        #expect(Dialect.msnp10.friendlyNameCommand == .prp)
        #expect(Dialect.msnp18.friendlyNameCommand == .prp)
    }

    @Test func requests() {
        let rea = FriendlyNameChange(email: "alice@example.com", name: "Alice L ☀", command: .rea)
        #expect(rea.frame(transactionID: 18).line == "REA 18 alice@example.com Alice%20L%20%E2%98%80")
        let prp = FriendlyNameChange(email: "alice@example.com", name: "Alice L", command: .prp)
        #expect(prp.frame(transactionID: 18).line == "PRP 18 MFN Alice%20L")
    }

    @Test(arguments: [
        (FriendlyNameCommand.rea, "REA 18 11 alice@example.com Alice%20L", "Alice L"),
        (.rea, "REA 18 11 Alice@Example.com Alice", "Alice"),
        (.prp, "PRP 18 MFN Alice%20L", "Alice L"),
        (.prp, "PRP 18 11 MFN Alice%20L", "Alice L"),
    ])
    func confirmations(_ command: FriendlyNameCommand, _ line: String, _ name: String) throws {
        let change = FriendlyNameChange(email: "alice@example.com", name: "x", command: command)
        #expect(try change.confirmedName(in: try Decoding.frame(line, sender: .server)) == name)
    }

    @Test(arguments: [
        (FriendlyNameCommand.rea, "REA 18 11 bob@example.com Bob", GrammarError.Code.invalidArgument),
        (.rea, "REA 18 eleven alice@example.com Alice", .invalidArgument),
        (.rea, "REA 18 11 alice@example.com", .missingArgument),
        (.rea, "PRP 18 MFN Alice", .wrongVerb),
        (.prp, "PRP 18 PHH 123", .invalidArgument),
        (.prp, "PRP 18 MFN", .missingArgument),
    ])
    func malformedConfirmations(_ command: FriendlyNameCommand, _ line: String, _ code: GrammarError.Code) throws {
        let change = FriendlyNameChange(email: "alice@example.com", name: "x", command: command)
        let frame = try Decoding.frame(line, sender: .server)
        #expect { try change.confirmedName(in: frame) } throws: { ($0 as? GrammarError)?.code == code }
    }
}
