/// How one verb is framed: whether it has a transaction id and whether it carries a payload.
///
/// This is the table that tells a decoder how to cut a byte stream into frames. It is keyed by
/// the verb, the sender's ``Role`` and the ``Dialect``, because the same verb is framed
/// differently in each direction and era:
///
/// ```
/// C: QRY 11 PROD0090YUAUV{2B 32      (payload: 32 hex characters)
/// S: QRY 11                          (no payload)
/// S: ADL 7 OK                        (no length: a reply)
/// S: ADL 0 86                        (length: someone added you)
/// S: LST 8 FL 12 1 2 bob@hotmail.com Bob    (MSNP2–7: transaction id)
/// S: LST N=bob@hotmail.com F=Bob C=… 3      (MSNP8+: none)
/// ```
public struct FramingRule: Sendable, Hashable {
    /// Whether the token after the verb is a transaction id.
    public enum TransactionIDRule: Sendable, Hashable {
        /// The verb has a transaction id, read when the token is a decimal number.
        case expected
        /// The verb never has one: `NLN NLN bob@hotmail.com …`, `MSG Hotmail Hotmail 470`.
        case none
    }

    /// Whether the last token is a payload length.
    public enum PayloadRule: Sendable, Hashable {
        /// No payload.
        case none
        /// Always a payload: the last token must be its length in bytes.
        case always
        /// A payload when the last token is a number: `ADL 0 86` has one, `ADL 7 OK` has not.
        case whenLastArgumentIsLength
    }

    public var transactionID: TransactionIDRule
    public var payload: PayloadRule

    public init(transactionID: TransactionIDRule, payload: PayloadRule) {
        self.transactionID = transactionID
        self.payload = payload
    }

    /// The rule of a verb absent from the table: a transaction id, no payload.
    public static let plain = FramingRule(transactionID: .expected, payload: .none)
}

/// The framing table of MSNP2–MSNP18 (see `docs/framing.md` and the protocol reference §3).
public enum FramingRules {
    /// The framing of `verb` when sent by `sender` in `dialect`.
    ///
    /// With `dialect == nil` (before `VER` has been answered) the rule of any dialect that has
    /// one applies, so that a stream can be cut before its dialect is known.
    @inlinable
    public static func rule(for verb: Verb, sender: Role, dialect: Dialect?) -> FramingRule {
        if verb.isError {
            // `911 4`; `241 7 120` + an <ml> payload (MSNP13+).
            return FramingRule(transactionID: .expected, payload: .whenLastArgumentIsLength)
        }
        let entries = sender == .client ? clientTable[verb] : serverTable[verb]
        guard let entries else { return .plain }
        if let dialect {
            for entry in entries where entry.versions.contains(dialect.rawValue) { return entry.rule }
            return .plain
        }
        return entries[0].rule
    }

    /// One row of the table: a rule and the versions it holds for.
    public struct Entry: Sendable {
        public var versions: ClosedRange<Int>
        public var rule: FramingRule
        init(_ versions: ClosedRange<Int>, _ transactionID: FramingRule.TransactionIDRule,
             _ payload: FramingRule.PayloadRule) {
            self.versions = versions
            self.rule = FramingRule(transactionID: transactionID, payload: payload)
        }
    }

    /// Verbs written by clients whose framing is not ``FramingRule/plain``.
    public static let clientTable: [Verb: [Entry]] = [
        .png: [Entry(2...18, .none, .none)],                          // PNG
        .out: [Entry(2...18, .none, .none)],                          // OUT
        .msg: [Entry(2...18, .expected, .always)],                    // MSG 4 N 120
        .qry: [Entry(6...18, .expected, .always)],                    // QRY 11 PROD0090YUAUV{2B 32
        .pag: [Entry(5...8, .expected, .always)],                     // PAG 5 handle 60
        .pgd: [Entry(9...18, .expected, .always)],                    // PGD 5 handle 1 60
        .sdc: [Entry(5...18, .expected, .always)],                    // SDC 6 email 0x0409 … 140
        .gcf: [Entry(11...18, .expected, .whenLastArgumentIsLength)], // GCF 9 Shields.xml
        .uux: [Entry(11...18, .expected, .always)],                   // UUX 12 53
        .adl: [Entry(13...18, .expected, .always)],                   // ADL 6 86
        .rml: [Entry(13...18, .expected, .always)],                   // RML 9 86
        .fqy: [Entry(14...18, .expected, .always)],                   // FQY 10 51
        .uun: [Entry(13...18, .expected, .always)],                   // UUN 7 bob@hotmail.com 4 14
        .uum: [Entry(14...18, .expected, .always)],                   // UUM 8 bob@yahoo.com 32 1 120
        .put: [Entry(18...18, .expected, .always)],                   // PUT 9 400
        .sdg: [Entry(18...18, .expected, .always)],                   // SDG 10 300
        .del: [Entry(18...18, .expected, .always)],                   // DEL 11 200
        .vas: [Entry(18...18, .expected, .always)],                   // VAS 12 email 1 0 30
    ]

    /// Verbs written by servers whose framing is not ``FramingRule/plain``.
    public static let serverTable: [Verb: [Entry]] = [
        .qng: [Entry(2...18, .none, .none)],                          // QNG 50
        .out: [Entry(2...18, .none, .none)],                          // OUT OTH
        .nln: [Entry(2...18, .none, .none)],                          // NLN NLN bob@hotmail.com Bob 0
        .fln: [Entry(2...18, .none, .none)],                          // FLN bob@hotmail.com
        .rng: [Entry(2...18, .none, .none)],                          // RNG 11752013 host:port CKI …
        .joi: [Entry(2...18, .none, .none)],                          // JOI bob@hotmail.com Bob
        .bye: [Entry(2...18, .none, .none)],                          // BYE bob@hotmail.com
        .sbs: [Entry(11...18, .none, .none)],                         // SBS 0 null
        .msg: [Entry(2...18, .none, .always)],                        // MSG Hotmail Hotmail 470
        .not: [Entry(5...18, .none, .always)],                        // NOT 120
        .ipg: [Entry(6...18, .none, .always)],                        // IPG 300
        .ubx: [Entry(11...18, .none, .always)],                       // UBX 1:bob@hotmail.com 53
        .ubn: [Entry(13...18, .none, .always)],                       // UBN bob@hotmail.com 4 14
        .ubm: [Entry(14...18, .none, .always)],                       // UBM bob@yahoo.com 32 1 120
        .nfy: [Entry(18...18, .none, .always)],                       // NFY PUT 400
        .gcf: [Entry(11...18, .expected, .always)],                   // GCF 0 1187
        .uux: [Entry(11...18, .expected, .always)],                   // UUX 12 0
        .fqy: [Entry(14...18, .expected, .always)],                   // FQY 10 80
        .adl: [Entry(13...18, .expected, .whenLastArgumentIsLength)], // ADL 6 OK / ADL 0 86
        .rml: [Entry(13...18, .expected, .whenLastArgumentIsLength)], // RML 6 OK / RML 0 86
        .uun: [Entry(13...18, .expected, .whenLastArgumentIsLength)], // UUN 7 OK
        .put: [Entry(18...18, .expected, .whenLastArgumentIsLength)], // PUT 9 OK 0
        .sdg: [Entry(18...18, .expected, .whenLastArgumentIsLength)], // SDG 0 300
        .del: [Entry(18...18, .expected, .whenLastArgumentIsLength)], // DEL 11 OK 0
        // Inside a SYN reply from MSNP8 on, list lines carry no transaction id.
        .lst: [Entry(2...7, .expected, .none), Entry(8...18, .none, .none)],
        .lsg: [Entry(2...7, .expected, .none), Entry(8...18, .none, .none)],
    ]
}
