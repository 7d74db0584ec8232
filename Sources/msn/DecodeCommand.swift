import ArgumentParser
import Foundation
import MSNCore
import NIOCore

/// `msn decode`: reads a raw MSNP byte stream on standard input and prints its frames.
///
/// ```
/// $ printf 'VER 1 MSNP8 CVR0\r\n' | msn decode --from client
/// VER  trid=1  MSNP8 CVR0
/// ```
/// The logic lives in ``StreamInspector`` (MSNCore), where it is tested; this command only
/// moves bytes and sets the exit status.
struct DecodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode a raw MSNP byte stream from standard input, one frame per line.",
        discussion: """
            The stream is what one side of a connection wrote. Without --dialect the dialect is \
            taken from the stream's VER (client: the highest offered; server: the highest answered). \
            A malformed stream stops with a message naming the byte offset and the rule broken, \
            and exit status 1.
            """
    )

    enum Sender: String, ExpressibleByArgument, CaseIterable {
        case client, server
        var role: Role { self == .client ? .client : .server }
    }

    @Option(name: .long, help: "Who wrote the bytes: client or server.")
    var from: Sender

    @Option(name: .long, help: "The dialect, e.g. MSNP15 (default: follow the stream's VER).",
            transform: DecodeCommand.parseDialect)
    var dialect: Dialect?

    @Flag(name: .long, help: "Re-encode every frame and fail at the first byte that differs.")
    var check = false

    static func parseDialect(_ text: String) throws -> Dialect {
        let number = text.uppercased().hasPrefix("MSNP") ? String(text.dropFirst(4)) : text
        guard let version = Int(number), let dialect = Dialect(version: version) else {
            throw ValidationError("\(text) is not a dialect between MSNP2 and MSNP18")
        }
        return dialect
    }

    func run() async throws {
        var inspector = StreamInspector(sender: from.role, dialect: dialect, check: check)
        let input = FileHandle.standardInput
        var output = ""
        do {
            while let data = try input.read(upToCount: 64 * 1024), !data.isEmpty {
                try inspector.feed(ByteBuffer(bytes: data), into: &output)
                print(output, terminator: "")
                output = ""
            }
            try inspector.finish(into: &output)
            print(output, terminator: "")
        } catch let error as StreamInspectionError {
            print(output, terminator: "")
            FileHandle.standardError.write(Data("msn decode: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
