#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The project's `shared/` folder of reference material (protocol notes, captured
/// transcripts, the seed tutorial), which sits beside the repository: CI clones the repository
/// with `shared/` next to it.
///
/// It is found from this source file's path: up to the directory holding `Package.swift`,
/// then `../shared`. The environment variable `MSN_SHARED_DIR` overrides that.
public enum SharedFolder {
    /// The `shared/` directory.
    ///
    /// - Throws: ``TranscriptError`` naming the path tried when the folder is missing.
    public static func root() throws(TranscriptError) -> URL {
        if let override = ProcessInfo.processInfo.environment["MSN_SHARED_DIR"], !override.isEmpty {
            return try existing(URL(fileURLWithPath: override, isDirectory: true))
        }
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return try existing(directory.deletingLastPathComponent().appendingPathComponent("shared", isDirectory: true))
            }
            directory = directory.deletingLastPathComponent()
        }
        throw TranscriptError(.sharedFolderMissing, path: #filePath,
                              detail: "no Package.swift above this source file, so shared/ cannot be located")
    }

    /// A file or folder inside `shared/`, e.g. `transcripts/escargot`.
    public static func url(_ relativePath: String) throws(TranscriptError) -> URL {
        try existing(root().appendingPathComponent(relativePath))
    }

    /// The bytes of a file inside `shared/`.
    public static func bytes(_ relativePath: String) throws(TranscriptError) -> [UInt8] {
        let file = try url(relativePath)
        do {
            return [UInt8](try Data(contentsOf: file))
        } catch {
            throw TranscriptError(.unreadable, path: file.path, detail: "\(error)")
        }
    }

    /// The text of a UTF-8 file inside `shared/`.
    public static func text(_ relativePath: String) throws(TranscriptError) -> String {
        String(decoding: try bytes(relativePath), as: UTF8.self)
    }

    private static func existing(_ url: URL) throws(TranscriptError) -> URL {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw TranscriptError(.sharedFolderMissing, path: url.path,
                                  detail: "the shared/ folder is expected beside the repository (or set MSN_SHARED_DIR)")
        }
        return url
    }
}
