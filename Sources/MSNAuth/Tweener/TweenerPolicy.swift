/// The policy string a notification server sends in `USR <trid> TWN S <policy>` (auth.md §2.1).
///
/// ```
/// S: USR 6 TWN S lc=1033,id=507,tw=40,fs=1,ru=http%3A%2F%2Fmessenger%2Emsn%2Ecom,ct=1062764229,kpp=1,kv=5,ver=2.1.0173.1,tpf=43f8a4c8ed940c04e3740be46c4d1619
/// ```
///
/// To the client it is opaque: it appends the string unchanged to its `Authorization` header
/// (see ``PassportAuthorization``). A server may send anything reasonable; ``server(issuedAt:)``
/// builds the shape the real servers used.
public struct TweenerPolicy: Hashable, Sendable, CustomStringConvertible {
    /// The items of the policy, in order.
    public var parameters: [PassportParameter]

    /// Creates a policy from its items.
    ///
    /// - Parameter parameters: The items, for example `lc=1033` and `id=507`.
    public init(parameters: [PassportParameter]) {
        self.parameters = parameters
    }

    /// Splits a policy string on commas (no percent-decoding: values stay as sent).
    ///
    /// Never fails: empty items are dropped, an item without `=` becomes a flag, and input too
    /// long for a header (over 16 KiB) gives an empty policy.
    ///
    /// - Parameter text: The argument of `USR … TWN S`.
    public init(parsing text: String) {
        let items = (try? PassportHeaderParser.parseList(text[...])) ?? []
        self.init(parameters: items.map(\.parameter))
    }

    /// The policy of a server in the style of MSN's own (hypothetic.org's MSNP8 session):
    /// `lc=1033,id=507,tw=40,fs=1,ru=http%3A%2F%2Fmessenger%2Emsn%2Ecom,ct=<time>,kpp=1,kv=5,ver=2.1.0173.1`.
    ///
    /// ```swift
    /// TweenerPolicy.server(issuedAt: 1062764229).description
    /// // "lc=1033,id=507,tw=40,fs=1,ru=http%3A%2F%2Fmessenger%2Emsn%2Ecom,ct=1062764229,kpp=1,kv=5,ver=2.1.0173.1"
    /// ```
    ///
    /// The real servers also sent `tpf=<32 hex>`, whose meaning is unknown; it is left out,
    /// since clients pass the string through without reading it.
    ///
    /// - Parameters:
    ///   - issuedAt: The `ct` value, seconds since 1970.
    ///   - locale: The `lc` value (Windows locale id); defaults to 1033 (en-US).
    ///   - siteID: The `id` value; defaults to 507 (Messenger).
    public static func server(issuedAt: Int, locale: Int = 1033, siteID: Int = 507) -> TweenerPolicy {
        TweenerPolicy(parameters: [
            PassportParameter(name: "lc", value: String(locale)),
            PassportParameter(name: "id", value: String(siteID)),
            PassportParameter(name: "tw", value: "40"),
            PassportParameter(name: "fs", value: "1"),
            PassportParameter(name: "ru", value: PassportAuthorization.messengerOrgURL),
            PassportParameter(name: "ct", value: String(issuedAt)),
            PassportParameter(name: "kpp", value: "1"),
            PassportParameter(name: "kv", value: "5"),
            PassportParameter(name: "ver", value: "2.1.0173.1"),
        ])
    }

    /// The value of the first item called `name` (any case), or `nil`.
    ///
    /// - Parameter name: For example `ct`.
    public func value(of name: String) -> String? {
        parameters.first { PassportHeaderParser.equalsIgnoringCase($0.name, name) }?.value
    }

    /// The wire form, the items joined by commas: the argument of `USR … TWN S`.
    public var description: String {
        parameters.map(\.headerText).joined(separator: ",")
    }
}
