import MSNCore

/// The `<ml>` payload of MSNP13+ `ADL`, `RML` and `FQY`: writing what the client sends and
/// reading the server's `ADL 0`/`RML 0` notices. Pure.
///
/// ```
/// C: ADL 7 57
/// <ml l="1"><d n="example.com"><c n="bob" l="3" t="1"/></d></ml>
/// S: ADL 0 72
/// <ml><d n="example.com"><c n="alice" t="1" l="8" f="Alice"/></d></ml>
/// ```
enum MembershipXML {
    /// One `<c>` of a notice.
    struct Entry: Sendable, Hashable {
        var email: String
        var lists: ContactLists
        var friendlyName: String?
    }

    /// `<ml [l="1"]><d n="domain"><c n="local" l="bits" t="1"/>…</d>…</ml>`; entries without
    /// bits are written without `l` (as `FQY` wants). Addresses are grouped by domain, in order.
    static func xml(_ entries: [(email: String, lists: ContactLists?)], initial: Bool = false) -> String {
        var domains: [(String, [(String, ContactLists?)])] = []
        for entry in entries {
            let parts = entry.email.lowercased().split(separator: "@", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let domain = String(parts[1])
            if let index = domains.firstIndex(where: { $0.0 == domain }) {
                domains[index].1.append((String(parts[0]), entry.lists))
            } else {
                domains.append((domain, [(String(parts[0]), entry.lists)]))
            }
        }
        var xml = initial ? "<ml l=\"1\">" : "<ml>"
        for (domain, locals) in domains {
            xml += "<d n=\"\(domain.xmlEscaped)\">"
            for (local, lists) in locals {
                xml += "<c n=\"\(local.xmlEscaped)\""
                if let lists { xml += " l=\"\(lists.rawValue)\" t=\"1\"" }
                xml += "/>"
            }
            xml += "</d>"
        }
        return xml + "</ml>"
    }

    /// The entries of a notice; `f=` is URL-decoded. Malformed payloads give no entries.
    static func entries(_ payload: String) -> [Entry] {
        guard let root = XMLNode.parse(payload), root.name == "ml" else { return [] }
        var result: [Entry] = []
        for domain in root.children("d") {
            guard let name = domain.attributes["n"] else { continue }
            for contact in domain.children("c") {
                guard let local = contact.attributes["n"], (contact.attributes["t"] ?? "1") == "1" else { continue }
                let bits = contact.attributes["l"].flatMap { Int($0) } ?? 0
                result.append(Entry(email: "\(local)@\(name)".lowercased(), lists: ContactLists(rawValue: bits),
                                    friendlyName: contact.attributes["f"].map { URLEncoding.decodeLeniently($0) }))
            }
        }
        return result
    }
}

/// The `UUX`/`UBX` payload: `<Data><PSM>…</PSM><CurrentMedia>…</CurrentMedia></Data>`. Pure.
///
/// ```
/// C: UUX 10 75
/// <Data><PSM>example status message</PSM><CurrentMedia></CurrentMedia></Data>
/// ```
enum PersonalMessageXML {
    /// The payload for `text` and `media` (XML-escaped).
    static func xml(_ text: String, media: String?) -> String {
        "<Data><PSM>\(text.xmlEscaped)</PSM><CurrentMedia>\((media ?? "").xmlEscaped)</CurrentMedia></Data>"
    }

    /// The personal message and current media of a `UBX` payload, unescaped (`&amp;` and
    /// `&#x26;` alike); empty values are `nil`. An empty or unreadable payload clears both.
    static func parse(_ payload: String) -> (text: String?, media: String?) {
        guard let root = XMLNode.parse(payload) else { return (nil, nil) }
        let text = root.value("PSM").flatMap { $0.isEmpty ? nil : $0 }
        let media = root.value("CurrentMedia").flatMap { $0.isEmpty ? nil : $0 }
        return (text, media)
    }
}
