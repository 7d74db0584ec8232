import MSNCore

extension Transcript {
    /// Parses the text of a transcript file.
    ///
    /// - Throws: ``TranscriptError`` for a payload line with no command before it.
    public init(parsing text: String, name: String) throws(TranscriptError) {
        var connections: [TranscriptConnection] = []
        var current: [String: Int] = [:]  // connection name → index in `connections`

        func index(of connection: String) -> Int {
            if let index = current[connection] { return index }
            connections.append(TranscriptConnection(name: connection))
            current[connection] = connections.count - 1
            return connections.count - 1
        }

        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(rawLine)
            while line.first == " " { line.removeFirst() }
            while let first = line.first, first.isNumber || first == "." { line.removeFirst() }
            while line.first == " " { line.removeFirst() }
            if line.hasPrefix("----") {
                let words = line.dropFirst(4).split(separator: " ")
                if words.count >= 2, words[1] == "connecting" {
                    let connection = String(words[0])
                    let ordinal = connections.filter { $0.name == connection }.count + 1
                    connections.append(TranscriptConnection(name: connection, ordinal: ordinal))
                    current[connection] = connections.count - 1
                }
                continue
            }
            guard line.hasPrefix("["), let close = line.firstIndex(of: "]") else { continue }
            let connection = String(line[line.index(after: line.startIndex)..<close])
            guard connection != "HTTP" else { continue }
            let traffic = line[line.index(after: close)...].dropFirst()  // the space after ]
            let sender: Role
            if traffic.hasPrefix("C>") {
                sender = .client
            } else if traffic.hasPrefix("S<") {
                sender = .server
            } else {
                continue
            }
            let marker = traffic.dropFirst(2).first
            let rest = traffic.dropFirst(3)
            let slot = index(of: connection)
            switch marker {
            case " ":
                connections[slot].events.append(TranscriptEvent(sender: sender, line: String(rest)))
            case "|":
                guard let last = connections[slot].events.lastIndex(where: { $0.sender == sender }) else {
                    throw TranscriptError(.malformedLine, path: "\(name):\(number + 1)",
                                          detail: "a payload line with no command before it")
                }
                connections[slot].events[last].payload += Transcript.unescape(rest)
            default:
                continue
            }
        }
        let fromName = name.hasPrefix("msnp") ? Int(name.dropFirst(4)).flatMap { Dialect(version: $0) } : nil
        let dialect = fromName ?? connections.compactMap(\.negotiatedDialect).max()
        for slot in connections.indices {
            connections[slot].dialect = connections[slot].negotiatedDialect ?? dialect
        }
        self.init(name: name, dialect: dialect, connections: connections)
    }

    /// Writes out the escapes of a payload line: `\r`, `\n`, `\t`, `\\`.
    static func unescape(_ text: Substring) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "\\") else {
                bytes.append(byte)
                continue
            }
            switch iterator.next() {
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
            case let other?: bytes += [byte, other]
            case nil: bytes.append(byte)
            }
        }
        return bytes
    }
}
