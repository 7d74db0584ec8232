import MSNCore
import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The `<ml>` payload of MSNP13+ `ADL`, `RML` and `FQY`, read with `XMLParser` under limits.
/// Pure: no sockets, no store.
///
/// ```
/// C: ADL 6 63
/// <ml l="1"><d n="example.com"><c n="bob" l="3" t="1"/></d></ml>
/// → MembershipList(isInitial: true, entries: [bob@example.com: FL+AL, network 1])
/// ```
///
/// Only Messenger contacts (`t="1"`, or no `t`) become entries; other networks and phone
/// contacts (`<t>`) are read and skipped. Hostile input is bounded: a DTD is refused, nesting
/// deeper than ``Limits/maximumDepth`` or more than ``Limits/maximumContacts`` `<c>` elements
/// abort the parse, so a 100,000-contact document costs at most one partial pass.
public struct MembershipList: Sendable, Hashable {
    /// One contact of the payload.
    public struct Entry: Sendable, Hashable {
        /// `local@domain`, lower-cased and validated.
        public var email: String
        /// The `l` bits (FL, AL, BL); empty for `FQY`, which has none.
        public var lists: ContactLists
    }

    /// Bounds on a payload.
    public struct Limits: Sendable, Hashable {
        /// Deepest nesting (`ml` 1, `d` 2, `c` 3). Default 4.
        public var maximumDepth = 4
        /// Most `<c>` elements per command. Default 1000.
        public var maximumContacts = 1000
        /// Largest payload in bytes; the frame limit bounds it anyway. Default 128 KiB.
        public var maximumBytes = 131_072

        public init() {}
    }

    /// Why a payload is refused, with the error a client gets.
    public enum Failure: Error, Sendable, Hashable {
        /// Not well-formed, a DTD, unexpected elements or text, a bad address or `l` value:
        /// `241`, then close.
        case malformed
        /// RL or PL bits from a client: `241`.
        case serverList
        /// A `<d>` without `<c>`: `240`.
        case emptyDomain
        /// More contacts, deeper nesting or more bytes than the limits: `241`, then close.
        case tooLarge
    }

    /// `<ml l="1">`: the list sent right after sign-in.
    public var isInitial: Bool
    /// The Messenger contacts, in document order.
    public var entries: [Entry]

    public init(isInitial: Bool = false, entries: [Entry]) {
        self.isInitial = isInitial
        self.entries = entries
    }

    /// Reads `text`; `requiresLists` is `true` for `ADL`/`RML` (each `<c>` needs `l`) and
    /// `false` for `FQY`.
    public static func parse(_ text: String, requiresLists: Bool = true,
                             limits: Limits = Limits()) -> Result<MembershipList, Failure> {
        let bytes = Array(text.utf8)
        guard bytes.count <= limits.maximumBytes else { return .failure(.tooLarge) }
        guard !bytes.isEmpty, !containsDeclaration(bytes) else { return .failure(.malformed) }
        let reader = MembershipListReader(limits: limits, requiresLists: requiresLists)
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        let succeeded = parser.parse()
        if let failure = reader.failure { return .failure(failure) }
        guard succeeded, reader.sawRoot else { return .failure(.malformed) }
        return .success(MembershipList(isInitial: reader.isInitial, entries: reader.entries))
    }

    /// Whether the bytes hold `<!` (a DTD or comment/CDATA, none of which `<ml>` uses).
    static func containsDeclaration(_ bytes: [UInt8]) -> Bool {
        zip(bytes, bytes.dropFirst()).contains { $0 == UInt8(ascii: "<") && $1 == UInt8(ascii: "!") }
    }

    /// `<ml><d n="example.com"><c n="bob" t="1"/></d></ml>`: the `FQY` answer (and any `<ml>`
    /// the server writes), one `<d>` per domain in first-seen order, values escaped.
    public static func xml(_ emails: [String], lists: ContactLists? = nil, friendlyName: String? = nil) -> String {
        var domains: [(String, [String])] = []
        for email in emails {
            let parts = email.split(separator: "@", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            if let index = domains.firstIndex(where: { $0.0 == parts[1] }) {
                domains[index].1.append(parts[0])
            } else {
                domains.append((parts[1], [parts[0]]))
            }
        }
        var xml = "<ml>"
        for (domain, locals) in domains {
            xml += "<d n=\"\(domain.xmlEscaped)\">"
            for local in locals {
                xml += "<c n=\"\(local.xmlEscaped)\""
                if let lists { xml += " l=\"\(lists.rawValue)\"" }
                xml += " t=\"1\""
                if let friendlyName { xml += " f=\"\(friendlyName.xmlEscaped)\"" }
                xml += "/>"
            }
            xml += "</d>"
        }
        return xml + "</ml>"
    }
}

/// The `XMLParserDelegate` behind ``MembershipList/parse(_:requiresLists:limits:)``.
private final class MembershipListReader: NSObject, XMLParserDelegate {
    let limits: MembershipList.Limits
    let requiresLists: Bool
    var failure: MembershipList.Failure?
    var isInitial = false
    var sawRoot = false
    var entries: [MembershipList.Entry] = []
    private var path: [String] = []
    private var domain: String?
    private var contactsInElement = 0
    private var contactCount = 0

    init(limits: MembershipList.Limits, requiresLists: Bool) {
        self.limits = limits
        self.requiresLists = requiresLists
    }

    private func fail(_ failure: MembershipList.Failure, _ parser: XMLParser) {
        if self.failure == nil { self.failure = failure }
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        guard failure == nil else { return }
        guard path.count < limits.maximumDepth else { return fail(.tooLarge, parser) }
        switch (path.last, name) {
        case (nil, "ml") where !sawRoot:
            sawRoot = true
            isInitial = attributes["l"] == "1"
        case ("ml", "d"):
            guard let domain = attributes["n"], !domain.isEmpty else { return fail(.malformed, parser) }
            self.domain = domain
            contactsInElement = 0
        case ("ml", "t"):
            domain = nil
            contactsInElement = 0
        case ("d", "c"), ("t", "c"):
            contactCount += 1
            contactsInElement += 1
            guard contactCount <= limits.maximumContacts else { return fail(.tooLarge, parser) }
            readContact(attributes, parser)
        default:
            return fail(.malformed, parser)
        }
        path.append(name)
    }

    private func readContact(_ attributes: [String: String], _ parser: XMLParser) {
        var lists: ContactLists = []
        if let l = attributes["l"] {
            guard let bits = Int(l), bits > 0, bits & ~ContactLists.all.rawValue == 0 else { return fail(.malformed, parser) }
            lists = ContactLists(rawValue: bits)
            guard lists.isDisjoint(with: [.reverse, .pending]) else { return fail(.serverList, parser) }
        } else if requiresLists {
            return fail(.malformed, parser)
        }
        guard let domain else { return }  // a phone contact under <t>
        let network = attributes["t"] ?? "1"
        guard Int(network) != nil else { return fail(.malformed, parser) }
        guard network == "1" else { return }  // another network: nothing of ours
        guard let local = attributes["n"], !local.isEmpty,
              let email = try? AccountValidation.normalisedEmail("\(local)@\(domain)") else {
            return fail(.malformed, parser)
        }
        entries.append(MembershipList.Entry(email: email, lists: lists))
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard failure == nil else { return }
        if (name == "d" || name == "t"), contactsInElement == 0 { return fail(.emptyDomain, parser) }
        if name == "d" { domain = nil }
        _ = path.popLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard failure == nil else { return }
        if string.contains(where: { !$0.isWhitespace }) { fail(.malformed, parser) }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if failure == nil { failure = .malformed }
    }
}
