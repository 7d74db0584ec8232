import NIOCore

// Checked reads of a frame's parts, shared by the grammar types.
extension Frame {
    func expect(_ expected: Verb) throws(GrammarError) {
        guard verb == expected else {
            throw GrammarError(.wrongVerb, verb: verb, detail: "expected \(expected)")
        }
    }

    func requiredTransactionID() throws(GrammarError) -> TransactionID {
        guard let transactionID else {
            throw GrammarError(.missingTransactionID, verb: verb, detail: "the line has no transaction id")
        }
        return transactionID
    }

    func required(_ index: Int, _ name: String) throws(GrammarError) -> String {
        guard let value = argument(index) else {
            throw GrammarError(.missingArgument, verb: verb, detail: "parameter \(index + 1) (\(name)) is missing")
        }
        return String(value)
    }

    func optional(_ index: Int) -> String? { argument(index).map(String.init) }

    func requiredPayload() throws(GrammarError) -> ByteBuffer {
        guard let payload else {
            throw GrammarError(.missingPayload, verb: verb, detail: "the line has no payload length")
        }
        return payload
    }

    func expectNoPayload() throws(GrammarError) {
        if payload != nil {
            throw GrammarError(.unexpectedPayload, verb: verb, detail: "this command carries no payload")
        }
    }

    func invalid(_ detail: String) -> GrammarError {
        GrammarError(.invalidArgument, verb: verb, detail: detail)
    }

    /// A `0`/`1` flag parameter.
    func flag(_ index: Int, _ name: String) throws(GrammarError) -> Bool {
        switch try required(index, name) {
        case "1": return true
        case "0": return false
        case let other: throw invalid("\(name) must be 0 or 1, not \(other.prefix(16))")
        }
    }

    /// A non-negative decimal parameter.
    func number(_ index: Int, _ name: String) throws(GrammarError) -> Int {
        let text = try required(index, name)
        guard text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), text.utf8.count <= 18, let value = Int(text) else {
            throw invalid("\(name) must be a decimal number, not \(text.prefix(24))")
        }
        return value
    }

    /// A URL-encoded name parameter.
    func encodedName(_ index: Int, _ name: String) throws(GrammarError) -> URLEncodedName {
        let text = try required(index, name)
        do {
            return try URLEncodedName(encoded: text)
        } catch {
            throw invalid("\(name): \(error)")
        }
    }
}

extension Bool {
    /// `1` or `0`, as flags are written.
    var wireFlag: String { self ? "1" : "0" }
}
