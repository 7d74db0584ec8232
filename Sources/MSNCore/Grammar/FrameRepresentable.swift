/// A typed command that reads from and writes to a ``Frame``.
///
/// ```swift
/// let request = try LoginRequest(frame: frame, dialect: .msnp15)   // USR 3 SSO I alice@example.com
/// channel.write(request.frame)
/// ```
/// Reading is lenient about parameters past the ones the command knows (they are ignored);
/// writing is canonical. A command read from a canonical line writes the same line back.
/// Where the dialect changes a command's shape, the value records the shape it has, so
/// writing needs no dialect; building one for a dialect goes through an initializer that
/// takes a ``Dialect`` and consults the traits in `Dialect+Traits.swift`.
public protocol FrameRepresentable: Sendable, Hashable {
    /// Reads the command from `frame`.
    ///
    /// - Parameter dialect: the negotiated dialect, used where the line alone is ambiguous;
    ///   `nil` makes the reader guess from the line's shape.
    /// - Throws: ``GrammarError`` when the frame does not have the command's shape.
    init(frame: Frame, dialect: Dialect?) throws(GrammarError)

    /// The frame that writes this command.
    var frame: Frame { get }
}
