import Foundation
import NIOCore

/// A sending and a receiving connection that carry one stream of ``RelayMessage``s: the two
/// switchboard connections of a conversation, or two connections through the ``ByteRelay``.
struct RelayPair: Sendable {
    var sender: RelayConnection
    var receiver: RelayConnection

    /// Pair number `index` through the ``ByteRelay`` on `port`: both connections announce the
    /// number (8 bytes) so the relay joins them; the receiver echoes one byte per message,
    /// which the sender counts as its acknowledgement.
    static func throughByteRelay(port: Int, index: Int) async throws -> RelayPair {
        let sender = try await RelayConnection.connect(host: "127.0.0.1", port: port, dialect: nil)
        let receiver = try await RelayConnection.connect(host: "127.0.0.1", port: port, dialect: nil)
        try await receiver.becomeReceiver(echo: true)
        try await sender.becomeSender(echoAcknowledges: true)
        var number = ByteBuffer()
        number.writeInteger(UInt64(index))
        let prefix = Array(number.readableBytesView)
        try await sender.send(bytes: prefix)
        try await receiver.send(bytes: prefix)
        return RelayPair(sender: sender, receiver: receiver)
    }
}

/// What one timed relay phase measured, over all pairs.
struct RelayPhaseResult: Sendable {
    /// Messages received while the phase was timed.
    var delivered: Int
    /// The timed part (senders running).
    var elapsed: Duration
    /// Messages sent, acknowledged and received, including the drain after the timed part.
    var sent: Int
    var acknowledged: Int
    var received: Int
    /// `NAK`s, unexpected lines, misframed messages.
    var refused: Int
    /// Connections closed by the other side.
    var disconnects: Int

    /// Messages sent and never received.
    var lost: Int { max(0, sent - received) }
    /// Messages never acknowledged (lost messages aside).
    var unacknowledged: Int { max(0, sent - acknowledged) }
    var errors: Int { refused + disconnects + lost + (lost == 0 ? unacknowledged : 0) }
    /// Delivered messages per second.
    var rate: Double { elapsed > .zero ? Double(delivered) / elapsed.seconds : 0 }

    /// What went wrong, for the report.
    var errorDescriptions: [String] {
        var lines: [String] = []
        if refused > 0 { lines.append("\(refused) NAK(s), unexpected line(s) or misframed message(s)") }
        if disconnects > 0 { lines.append("\(disconnects) connection(s) closed by the other side") }
        if lost > 0 { lines.append("\(lost) of \(sent) message(s) sent were never received") }
        if lost == 0, unacknowledged > 0 { lines.append("\(unacknowledged) message(s) received but never acknowledged") }
        return lines
    }

    /// The result as a ``LoadResult`` row, with `latency`.
    func loadResult(latency: LatencySummary) -> LoadResult {
        LoadResult(succeeded: delivered, failed: errors, sampleErrors: errorDescriptions, elapsed: elapsed,
                   latency: latency)
    }
}

/// Drives ``RelayPair``s for one timed phase: starts the senders, lets them run for
/// `duration`, stops them, then waits (at most `drainTimeout`) until every message sent is
/// acknowledged and received.
///
/// ```swift
/// let peak = try await RelayLoad(label: "peak", duration: .seconds(10)).run(pairs) { senders in
///     for sender in senders { sender.startWindow(32) }
/// }
/// ```
struct RelayLoad: Sendable {
    var label: String
    var duration: Duration
    var showsProgress = true
    var drainTimeout: Duration = .seconds(10)

    private struct Totals {
        var sent = 0, acknowledged = 0, received = 0, refused = 0, disconnects = 0

        init(_ pairs: [RelayPair]) {
            for pair in pairs {
                sent += pair.sender.counters.sent.load(ordering: .relaxed)
                acknowledged += pair.sender.counters.acknowledged.load(ordering: .relaxed)
                received += pair.receiver.counters.received.load(ordering: .relaxed)
                refused += pair.sender.counters.errors.load(ordering: .relaxed)
                    + pair.receiver.counters.errors.load(ordering: .relaxed)
                for connection in [pair.sender, pair.receiver]
                where connection.counters.disconnected.load(ordering: .relaxed) { disconnects += 1 }
            }
        }

        var settled: Bool { acknowledged >= sent && received >= sent }
    }

    /// `start` gets every pair's sender and starts them (without waiting).
    func run(_ pairs: [RelayPair], start: ([RelayConnection]) -> Void) async throws -> RelayPhaseResult {
        let clock = ContinuousClock()
        let before = Totals(pairs)
        let began = clock.now
        start(pairs.map(\.sender))
        let deadline = began + duration
        while clock.now < deadline {
            try await Task.sleep(until: min(deadline, clock.now + .seconds(1)), clock: clock)
            if showsProgress {
                let now = Totals(pairs)
                let seconds = (clock.now - began).seconds
                let delivered = now.received - before.received
                let line = "\r\(label): \(delivered) delivered, \(String(format: "%.0f", Double(delivered) / max(seconds, 0.001)))/s, "
                    + "\(now.refused - before.refused + now.disconnects - before.disconnects) errors, "
                    + "\(String(format: "%.0f", seconds)) s   "
                FileHandle.standardError.write(Data(line.utf8))
            }
        }
        // The phase lasts until every sender has really stopped: a busy event loop still
        // writes what was due (a paced sender catches up) until its stop runs, and those
        // messages count in `sent`.
        for pair in pairs { await pair.sender.stopSendingAndWait() }
        let elapsed = clock.now - began
        let atStop = Totals(pairs)
        let drainDeadline = clock.now + drainTimeout
        var after = atStop
        while !after.settled, after.disconnects == before.disconnects, clock.now < drainDeadline {
            try await Task.sleep(for: .milliseconds(10))
            after = Totals(pairs)
        }
        if showsProgress { FileHandle.standardError.write(Data("\n".utf8)) }
        return RelayPhaseResult(delivered: atStop.received - before.received, elapsed: elapsed,
                                sent: after.sent - before.sent, acknowledged: after.acknowledged - before.acknowledged,
                                received: after.received - before.received, refused: after.refused - before.refused,
                                disconnects: after.disconnects - before.disconnects)
    }
}
