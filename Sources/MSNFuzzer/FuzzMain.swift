#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MSNCore

#if !MSN_FUZZING
/// Without libFuzzer: replays the files (or folders of files) given as arguments through the
/// same checks, e.g. `swift run MSNFuzzer Tests/MSNCoreTests/FuzzRegressions crash-…`.
@main
struct FuzzMain {
    static func main() {
        var replayed = 0
        var failed = 0
        for path in CommandLine.arguments.dropFirst() {
            for file in files(at: path) {
                guard let bytes = read(file) else {
                    print("cannot read \(file)")
                    failed += 1
                    continue
                }
                replayed += 1
                for problem in RoundTripCheck.violations(in: bytes) {
                    print("\(file): \(problem)")
                    failed += 1
                }
            }
        }
        print("replayed \(replayed) inputs, \(failed) problems")
        exit(failed == 0 ? 0 : 1)
    }

    static func files(at path: String) -> [String] {
        guard let directory = opendir(path) else { return [path] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if !name.hasPrefix(".") { names.append("\(path)/\(name)") }
        }
        return names.sorted()
    }

    static func read(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count <= 0 { break }
            bytes += chunk[0..<count]
        }
        return bytes
    }
}
#endif
