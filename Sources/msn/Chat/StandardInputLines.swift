import Foundation

/// The lines of standard input as an `AsyncStream`, read on a thread of their own so a
/// blocked `readLine` never holds up the tasks that print incoming messages.
enum StandardInputLines {
    /// Starts reading; the stream finishes at the end of input. `beforeEachLine` runs before
    /// each read (to show a prompt).
    static func stream(beforeEachLine: @escaping @Sendable () -> Void = {}) -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingOldest(256))
        let thread = Thread {
            while true {
                beforeEachLine()
                guard let line = readLine(strippingNewline: true) else { break }
                continuation.yield(line)
            }
            continuation.finish()
        }
        thread.name = "msn-chat-stdin"
        thread.start()
        return stream
    }
}
