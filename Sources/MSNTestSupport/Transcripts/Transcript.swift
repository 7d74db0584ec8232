#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MSNCore

/// A captured MSN session, as in `shared/transcripts/escargot/msnpN.txt`: the connections it
/// opened and the bytes each side wrote on them.
///
/// ```
///    0.003 [A-NS] C> VER 1 MSNP2
///    0.004 [A-NS] S< VER 1 MSNP2
///    0.082 [A-NS] S< MSG Hotmail Hotmail 1441
///          [A-NS] S<|MIME-Version: 1.0\r\n
///    2.218 ---- A-SB connection closed by server
/// ```
/// `C>`/`S<` lines are commands (written without their CR LF); `C>|`/`S<|` lines continue the
/// payload of the command before them, with real line ends written as `\r\n` or `\n`.
/// `[HTTP]` traffic and `----` notes are skipped, except that `---- NAME connecting to …`
/// starts a new connection of that name.
public struct Transcript: Hashable, Sendable {
    /// The file's name without extension: `msnp11`, `negative`.
    public var name: String
    /// The dialect: from the name `msnpN`, else the highest any `VER` reply chose.
    public var dialect: Dialect?
    /// The connections, in the order they were opened.
    public var connections: [TranscriptConnection]

    public init(name: String, dialect: Dialect?, connections: [TranscriptConnection]) {
        self.name = name
        self.dialect = dialect
        self.connections = connections
    }

    /// Reads a transcript file.
    public init(contentsOf url: URL) throws(TranscriptError) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw TranscriptError(.unreadable, path: url.path, detail: "\(error)")
        }
        try self.init(parsing: String(decoding: data, as: UTF8.self), name: url.deletingPathExtension().lastPathComponent)
    }

    /// The connection named `name` (the first of that name unless `ordinal` says otherwise).
    public func connection(_ name: String, ordinal: Int = 1) -> TranscriptConnection? {
        connections.first { $0.name == name && $0.ordinal == ordinal }
    }

    /// Every transcript in `shared/transcripts/escargot/`, sorted by name.
    public static func escargot() throws(TranscriptError) -> [Transcript] {
        let folder = try SharedFolder.url("transcripts/escargot")
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder.path) } catch {
            throw TranscriptError(.unreadable, path: folder.path, detail: "\(error)")
        }
        var transcripts: [Transcript] = []
        for name in names.sorted() where name.hasSuffix(".txt") {
            transcripts.append(try Transcript(contentsOf: folder.appendingPathComponent(name)))
        }
        return transcripts
    }

    /// One transcript of `shared/transcripts/escargot/`, e.g. `msnp11`.
    public static func escargot(_ name: String) throws(TranscriptError) -> Transcript {
        try Transcript(contentsOf: try SharedFolder.url("transcripts/escargot/\(name).txt"))
    }
}
