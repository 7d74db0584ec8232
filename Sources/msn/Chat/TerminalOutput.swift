import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard output for `msn chat`: whole lines, one writer at a time. On a terminal, each
/// line is written over the prompt and the prompt is shown again below it, so messages that
/// arrive while the user types stay readable.
final class TerminalOutput: Sendable {
    /// What is shown where the user types.
    let prompt: String
    let isTerminal: Bool
    private let lock = Mutex(())

    init(prompt: String = "> ") {
        self.prompt = prompt
        self.isTerminal = isatty(STDOUT_FILENO) == 1
    }

    /// Writes `line` above the prompt.
    func write(_ line: String) {
        lock.withLock { _ in
            let text = isTerminal ? "\r\u{1B}[2K" + line + "\n" + prompt : line + "\n"
            try? FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
        }
    }

    /// Shows the prompt (on a terminal), before the next line is read.
    func showPrompt() {
        guard isTerminal else { return }
        lock.withLock { _ in try? FileHandle.standardOutput.write(contentsOf: Data(("\r\u{1B}[2K" + prompt).utf8)) }
    }
}
