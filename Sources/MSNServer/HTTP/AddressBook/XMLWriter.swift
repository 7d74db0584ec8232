import MSNCore

/// Builds an XML document in order, escaping every text and attribute value.
///
/// ```swift
/// var xml = XMLWriter()
/// xml.open("Contact")
/// xml.element("passportName", "bob@example.com")   // <passportName>bob@example.com</passportName>
/// xml.close()                                      // </Contact>
/// ```
struct XMLWriter {
    private(set) var text = #"<?xml version="1.0" encoding="utf-8"?>"#
    private var open: [String] = []

    init(declaration: Bool = true) {
        if !declaration { text = "" }
    }

    /// `<name a="v">`; attribute values are escaped.
    mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        text += "<\(name)"
        for (key, value) in attributes { text += " \(key)=\"\(value.xmlEscaped)\"" }
        text += ">"
        open.append(name)
    }

    /// Closes the innermost open element.
    mutating func close() {
        guard let name = open.popLast() else { return }
        text += "</\(name)>"
    }

    /// `<name>value</name>` with `value` escaped, or `<name/>` when it is empty.
    mutating func element(_ name: String, _ value: String) {
        text += value.isEmpty ? "<\(name)/>" : "<\(name)>\(value.xmlEscaped)</\(name)>"
    }

    /// `<name>true</name>` / `<name>false</name>`.
    mutating func element(_ name: String, _ value: Bool) {
        element(name, value ? "true" : "false")
    }

    /// `<name/>`.
    mutating func empty(_ name: String) {
        text += "<\(name)/>"
    }

    /// Appends `fragment` as is: only for XML this type (or ``AddressBookWriter``) wrote.
    mutating func raw(_ fragment: String) {
        text += fragment
    }

    /// Closes everything still open and returns the document.
    mutating func finish() -> String {
        while !open.isEmpty { close() }
        return text
    }
}
