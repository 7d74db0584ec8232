import Logging
import MSNCore
import NIOCore
import NIOEmbedded
import Testing

@testable import MSNServer

/// The bounded outbox, drained on the channel's event loop: batches become one write, a
/// finished outbox closes its channel after the last byte, and a reader that never drains
/// gets its connection closed, not more memory.
@Suite struct OutboxTests {
    /// An active embedded channel with the writability handler installed, and its outbox.
    static func connected(capacity: Int) async throws -> (Outbox, EmbeddedChannel) {
        let channel = EmbeddedChannel()
        let outbox = Outbox(channel: channel, capacity: capacity,
                            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), trace: false)
        try channel.pipeline.syncOperations.addHandler(OutboxWritabilityHandler(outbox: outbox))
        try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1863)).get()
        return (outbox, channel)
    }

    /// Every buffer the channel was asked to write, as text, one element per write.
    static func writes(_ channel: EmbeddedChannel) throws -> [String] {
        var writes: [String] = []
        while let buffer = try channel.readOutbound(as: ByteBuffer.self) { writes.append(String(buffer: buffer)) }
        return writes
    }

    @Test func sendsBeforeADrainBecomeOneWrite() async throws {
        let (outbox, channel) = try await Self.connected(capacity: 8)
        #expect(outbox.send(Frame(verb: .qng, arguments: ["60"])))
        #expect(outbox.send([Frame(verb: .chg, transactionID: 2, arguments: ["NLN", "0"])]))
        #expect(outbox.send(encoded: ByteBuffer(string: "NLN NLN bob@example.com Bob\r\n"), frames: []))
        #expect(try Self.writes(channel).isEmpty, "nothing is written before the event loop runs")
        channel.embeddedEventLoop.run()
        #expect(try Self.writes(channel) == ["QNG 60\r\nCHG 2 NLN 0\r\nNLN NLN bob@example.com Bob\r\n"])
        #expect(outbox.send(Frame(verb: .qng, arguments: ["50"])))
        channel.embeddedEventLoop.run()
        #expect(try Self.writes(channel) == ["QNG 50\r\n"])
        // Shared bytes first (taken as they are), then a frame appended after them.
        let shared = ByteBuffer(string: "FLN bob@example.com\r\n")
        #expect(outbox.send(encoded: shared, frames: []))
        #expect(outbox.send(Frame(verb: .qng, arguments: ["40"])))
        channel.embeddedEventLoop.run()
        #expect(try Self.writes(channel) == ["FLN bob@example.com\r\nQNG 40\r\n"])
        #expect(String(buffer: shared) == "FLN bob@example.com\r\n", "the shared buffer is not changed")
        #expect(channel.isActive && !outbox.isFinished)
    }

    @Test("A batch queues in every outbox; each is written once its event loop runs, in one write")
    func batchSendsDrainPerLoop() async throws {
        let loop = EmbeddedEventLoop()
        var outboxes: [(Outbox, EmbeddedChannel)] = []
        for _ in 0..<5 {
            let channel = EmbeddedChannel(loop: loop)
            let outbox = Outbox(channel: channel, capacity: 8,
                                logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), trace: false)
            try channel.pipeline.syncOperations.addHandler(OutboxWritabilityHandler(outbox: outbox))
            try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1863)).get()
            outboxes.append((outbox, channel))
        }
        outboxes[4].0.finish()
        loop.run()
        let nln = ByteBuffer(string: "NLN NLN bob@example.com Bob\r\n")
        let ubx = ByteBuffer(string: "UBX bob@example.com 0\r\n")
        var accepted: [Bool] = []
        OutboxBatch.sending { batch in
            for (outbox, _) in outboxes { accepted.append(batch.send(encoded: nln, frames: [], to: outbox)) }
            accepted.append(batch.send(encoded: ubx, frames: [], to: outboxes[0].0))
        }
        #expect(accepted == [true, true, true, true, false, true], "a finished outbox refuses")
        for (_, channel) in outboxes.prefix(4) { #expect(try Self.writes(channel).isEmpty, "written only by the loop") }
        loop.run()
        #expect(try Self.writes(outboxes[0].1) == ["NLN NLN bob@example.com Bob\r\nUBX bob@example.com 0\r\n"])
        for (_, channel) in outboxes[1..<4] { #expect(try Self.writes(channel) == ["NLN NLN bob@example.com Bob\r\n"]) }
        #expect(String(buffer: nln) == "NLN NLN bob@example.com Bob\r\n", "the shared buffer is not changed")
        // A send after the batch schedules its own drain, as before.
        #expect(outboxes[2].0.send(encoded: ubx, frames: []))
        loop.run()
        #expect(try Self.writes(outboxes[2].1) == ["UBX bob@example.com 0\r\n"])
    }

    @Test func finishWritesWhatIsQueuedThenCloses() async throws {
        let (outbox, channel) = try await Self.connected(capacity: 4)
        outbox.send(Frame(verb: .out, arguments: ["OTH"]))
        outbox.finish()
        #expect(!outbox.send(Frame(verb: .qng)), "a finished outbox takes nothing more")
        channel.embeddedEventLoop.run()
        #expect(try Self.writes(channel) == ["OUT OTH\r\n"])
        #expect(!channel.isActive)
        #expect(!outbox.didOverflow)
    }

    @Test func nothingIsHandedOverWhileTheChannelIsNotWritable() async throws {
        let (outbox, channel) = try await Self.connected(capacity: 4)
        channel.isWritable = false
        #expect(outbox.send(Frame(verb: .qng, arguments: ["60"])))
        #expect(outbox.send(Frame(verb: .qng, arguments: ["61"])))
        channel.embeddedEventLoop.run()
        #expect(try Self.writes(channel).isEmpty)
        channel.isWritable = true
        channel.pipeline.fireChannelWritabilityChanged()
        channel.embeddedEventLoop.run()
        #expect(try Self.writes(channel) == ["QNG 60\r\nQNG 61\r\n"])
    }

    @Test func aBurstWhileWritableIsNotAnOverflow() async throws {
        let (outbox, channel) = try await Self.connected(capacity: 2)
        for _ in 0..<8 { #expect(outbox.send(Frame(verb: .qng, arguments: ["60"]))) }
        #expect(!outbox.send(Frame(verb: .qng, arguments: ["60"])), "four times the capacity is the hard bound")
        #expect(outbox.didOverflow)
        channel.embeddedEventLoop.run()
        #expect(!channel.isActive)
    }

    @Test func overflowClosesTheConnectionAndDropsWhatWaits() async throws {
        let (outbox, channel) = try await Self.connected(capacity: 2)
        channel.isWritable = false
        #expect(outbox.send(Frame(verb: .qng, arguments: ["60"])))
        #expect(outbox.send(Frame(verb: .qng, arguments: ["60"])))
        #expect(!outbox.send(Frame(verb: .qng, arguments: ["60"])))
        #expect(outbox.didOverflow && outbox.isFinished)
        #expect(!outbox.send(Frame(verb: .qng)))
        channel.embeddedEventLoop.run()
        #expect(!channel.isActive)
        #expect(try Self.writes(channel).isEmpty)
    }

    @Test func abortClosesAtOnce() async throws {
        let (outbox, channel) = try await Self.connected(capacity: 4)
        outbox.send(Frame(verb: .qng, arguments: ["60"]))
        outbox.abort()
        channel.embeddedEventLoop.run()
        #expect(!channel.isActive)
        #expect(try Self.writes(channel).isEmpty)
        #expect(outbox.isFinished && !outbox.didOverflow)
    }
}
