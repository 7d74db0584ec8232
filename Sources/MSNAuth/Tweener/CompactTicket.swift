/// A Passport compact ticket, `t=<MSPAuth>&p=<MSPProf>` (auth.md §2.1, §3.1).
///
/// ```
/// C: USR 7 TWN S t=53*1hAu8ADuD3TEwdXoOMi08sD*2!cMrntTwVMTjoB3p6...$$&p=5eKBBC!yBH6ex5mftp!a9D...
/// ```
///
/// The same text comes back in `from-PP='…'`, in the RST `BinarySecurityToken` (after XML
/// unescaping `&amp;`), and later as `MSPAuth` and `TicketToken`. It is a bearer secret, so
/// ``description`` shows only its lengths; ``text`` is the wire form.
public struct CompactTicket: Hashable, Sendable, CustomStringConvertible {
    /// The longest ticket accepted by ``init(parsing:)``, in bytes.
    public static let maximumLength = 8 * 1024

    /// The `t=` part (the `MSPAuth` cookie).
    public var mspAuth: String
    /// The `p=` part (the `MSPProf` cookie); often empty.
    public var mspProf: String

    /// Creates a ticket from its two parts.
    ///
    /// - Parameters:
    ///   - mspAuth: The value after `t=`.
    ///   - mspProf: The value after `p=`.
    public init(mspAuth: String, mspProf: String) {
        self.mspAuth = mspAuth
        self.mspProf = mspProf
    }

    /// Splits `t=…&p=…`.
    ///
    /// The `t` part runs up to the first `&p=`; a ticket without `&p=` is accepted with an
    /// empty ``mspProf``.
    ///
    /// - Parameter text: The ticket as sent, for example `t=EwCoAZ…&p=`.
    /// - Throws: ``AuthError/Code/malformedCompactTicket`` when it does not start with `t=`,
    ///   its `t` part is empty, it contains spaces or control characters, or it is longer
    ///   than ``maximumLength``.
    public init(parsing text: String) throws(AuthError) {
        guard text.utf8.count <= Self.maximumLength else {
            throw AuthError(.malformedCompactTicket, "the ticket is longer than \(Self.maximumLength) bytes")
        }
        guard text.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw AuthError(.malformedCompactTicket, "the ticket contains spaces, control or non-ASCII characters")
        }
        guard text.hasPrefix("t=") else {
            throw AuthError(.malformedCompactTicket, "the ticket does not start with t=")
        }
        let body = text.dropFirst(2)
        let auth: Substring
        let prof: Substring
        if let separator = body.firstRange(of: "&p=") {
            auth = body[..<separator.lowerBound]
            prof = body[separator.upperBound...]
        } else {
            auth = body
            prof = ""
        }
        guard !auth.isEmpty else {
            throw AuthError(.malformedCompactTicket, "the t= part is empty")
        }
        self.init(mspAuth: String(auth), mspProf: String(prof))
    }

    /// The wire form, `t=<mspAuth>&p=<mspProf>`.
    public var text: String {
        "t=\(mspAuth)&p=\(mspProf)"
    }

    /// A redacted form for logs: `t=<N chars>&p=<M chars>`.
    public var description: String {
        "t=<\(mspAuth.utf8.count) chars>&p=<\(mspProf.utf8.count) chars>"
    }
}
