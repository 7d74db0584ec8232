/// Parses the `Passport1.4 a=b,c='d',e` lists of the Tweener headers (auth.md §2.2).
enum PassportHeaderParser {
    /// The scheme word of every Passport 1.4 header.
    static let scheme = "Passport1.4"
    /// The longest header value parsed, in bytes.
    static let maximumLength = 16 * 1024
    /// The most items in one list.
    static let maximumParameterCount = 64

    /// One item, with its raw text kept so that a policy can be passed on unchanged.
    struct Item {
        var parameter: PassportParameter
        var raw: Substring
    }

    /// Parses `Passport1.4 <list>`. The scheme word is matched without regard to case and may
    /// be repeated (`Passport1.4 Passport1.4 …` appears in some wiki revisions).
    static func parseSchemeList(_ header: String) throws(AuthError) -> [Item] {
        guard header.utf8.count <= maximumLength else {
            throw AuthError(.malformedPassportHeader, "the header is longer than \(maximumLength) bytes")
        }
        var rest = header[...].drop(while: \.isWhitespace)
        var sawScheme = false
        while let space = rest.firstIndex(where: \.isWhitespace),
            equalsIgnoringCase(rest[..<space], scheme)
        {
            sawScheme = true
            rest = rest[space...].drop(while: \.isWhitespace)
        }
        if equalsIgnoringCase(rest, scheme) {
            sawScheme = true
            rest = rest.dropFirst(rest.count)
        }
        guard sawScheme else {
            throw AuthError(.malformedPassportHeader, "the header does not start with \(scheme)")
        }
        return try parseList(rest)
    }

    /// Parses a bare comma-separated list (as in `PassportURLs:`).
    static func parseList(_ list: Substring) throws(AuthError) -> [Item] {
        guard list.utf8.count <= maximumLength else {
            throw AuthError(.malformedPassportHeader, "the header is longer than \(maximumLength) bytes")
        }
        var items: [Item] = []
        var index = list.startIndex
        while index < list.endIndex {
            let start = index
            // A value is quoted only when `'` comes right after `=` (`from-PP='t=…&p=…'`);
            // a stray apostrophe elsewhere (an unencoded password) is an ordinary character.
            var inQuotes = false
            var previous: Character?
            while index < list.endIndex, inQuotes || list[index] != "," {
                let character = list[index]
                if inQuotes, character == "'" {
                    inQuotes = false
                } else if !inQuotes, character == "'", previous == "=" {
                    inQuotes = true
                }
                previous = character
                index = list.index(after: index)
            }
            guard !inQuotes else {
                throw AuthError(.malformedPassportHeader, "a quoted value is not closed")
            }
            let raw = trimmed(list[start..<index])
            if index < list.endIndex { index = list.index(after: index) }
            guard !raw.isEmpty else { continue }
            guard items.count < maximumParameterCount else {
                throw AuthError(.malformedPassportHeader, "more than \(maximumParameterCount) parameters")
            }
            items.append(Item(parameter: parameter(from: raw), raw: raw))
        }
        return items
    }

    private static func parameter(from raw: Substring) -> PassportParameter {
        guard let equals = raw.firstIndex(of: "=") else {
            return PassportParameter(name: String(raw), value: nil)
        }
        var value = trimmed(raw[raw.index(after: equals)...])
        if value.count >= 2, value.first == "'", value.last == "'" {
            value = value.dropFirst().dropLast()
        }
        return PassportParameter(name: String(trimmed(raw[..<equals])), value: String(value))
    }

    private static func trimmed(_ text: Substring) -> Substring {
        let start = text.firstIndex { !$0.isWhitespace } ?? text.endIndex
        let end = text.lastIndex { !$0.isWhitespace }.map(text.index(after:)) ?? start
        return text[start..<end]
    }

    /// ASCII case-insensitive comparison, for header words like `Passport1.4` and `DALogin`.
    static func equalsIgnoringCase(_ text: some StringProtocol, _ other: String) -> Bool {
        text.lowercased() == other.lowercased()
    }
}
