import Logging
import MSNCore
import NIOCore
import Synchronization
import Testing

@testable import MSNServer

/// The bounded outbox: a reader that never drains gets its connection closed, not more memory.
@Suite struct OutboxTests {
    final class CloseCounter: Sendable {
        let count = Atomic<Int>(0)
    }

    @Test func overflowClosesTheConnection() async throws {
        let closes = CloseCounter()
        let (outbox, stream) = Outbox.make(allocator: ByteBufferAllocator(), capacity: 2,
                                           logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), trace: false) {
            closes.count.add(1, ordering: .relaxed)
        }
        #expect(outbox.send(Frame(verb: .qng, arguments: ["60"])))
        #expect(outbox.send(Frame(verb: .qng, arguments: ["60"])))
        #expect(!outbox.send(Frame(verb: .qng, arguments: ["60"])))
        #expect(outbox.didOverflow && outbox.isFinished)
        #expect(closes.count.load(ordering: .relaxed) == 1)
        #expect(!outbox.send(Frame(verb: .qng)))
        var drained = ""
        for await buffer in stream { drained += String(buffer: buffer) }
        #expect(drained == "QNG 60\r\nQNG 60\r\n")
    }

    @Test func finishKeepsWhatIsQueued() async throws {
        let closes = CloseCounter()
        let (outbox, stream) = Outbox.make(allocator: ByteBufferAllocator(), capacity: 4,
                                           logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), trace: false) {
            closes.count.add(1, ordering: .relaxed)
        }
        outbox.send([Frame(verb: .out, arguments: ["OTH"])])
        outbox.finish()
        #expect(!outbox.send(Frame(verb: .qng)))
        var lines: [String] = []
        for await buffer in stream { lines.append(String(buffer: buffer)) }
        #expect(lines == ["OUT OTH\r\n"])
        #expect(closes.count.load(ordering: .relaxed) == 0)
    }
}
