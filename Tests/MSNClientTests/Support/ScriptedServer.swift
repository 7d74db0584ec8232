import MSNCore
import NIOCore
import NIOPosix
import Synchronization

/// A tiny server on `127.0.0.1:0` that plays a script on each connection it accepts and
/// records what the client sent (unit tests only; the real server is tested elsewhere).
final class ScriptedServer: Sendable {
    enum Step: Sendable {
        /// Read the client's next frame; stop the script unless its line starts with the text.
        case expect(String)
        /// Send lines (CR LF appended to each); `{PORT}` becomes this server's port.
        case lines([String])
        /// Send bytes as they are.
        case raw(String)
        case sleep(Duration)
        /// Close the connection.
        case close

        /// Send lines (CR LF appended to each).
        static func reply(_ lines: String...) -> Step { .lines(lines) }
    }

    let port: Int
    private let channel: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>
    private let log = Mutex<[String]>([])
    private let acceptTask = Mutex<Task<Void, Never>?>(nil)

    /// Frames the client sent, as `line` or `line|payload`, in order, over all connections.
    var received: [String] { log.withLock { $0 } }

    /// Waits until what the client sent satisfies `condition`, for at most `timeout`; `false`
    /// when it never did. What a client sends last (`OUT`) is read by this server on its own time.
    func waitUntilReceived(within timeout: Duration = .seconds(10), _ condition: ([String]) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !condition(received) {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return true
    }

    /// Starts a server; connection `n` plays `scripts[n]` (the last script repeats).
    static func start(_ scripts: [[Step]]) async throws -> ScriptedServer {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { child in
                child.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: child)
                }
            }
        let server = ScriptedServer(channel: channel, port: channel.channel.localAddress?.port ?? 0)
        server.acceptTask.withLock { $0 = Task { await server.accept(scripts) } }
        return server
    }

    private init(channel: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>, port: Int) {
        self.channel = channel
        self.port = port
    }

    /// Stops accepting and closes the listening socket.
    func stop() async {
        try? await channel.channel.close()
        acceptTask.withLock { $0?.cancel() }
    }

    private func accept(_ scripts: [[Step]]) async {
        try? await channel.executeThenClose { inbound in
            try await withThrowingDiscardingTaskGroup { group in
                var index = 0
                for try await connection in inbound {
                    let script = scripts[min(index, scripts.count - 1)]
                    index += 1
                    group.addTask { await self.play(script, on: connection) }
                }
            }
        }
    }

    private func play(_ script: [Step], on connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async {
        try? await connection.executeThenClose { inbound, outbound in
            var reader = Reader(iterator: inbound.makeAsyncIterator())
            for step in script {
                switch step {
                case .expect(let prefix):
                    guard let frame = try await reader.next() else { return }
                    record(frame)
                    if !frame.line.hasPrefix(prefix) { return }
                case .lines(let lines):
                    let text = lines.map { $0.replacingPort(port) + "\r\n" }.joined()
                    try await outbound.write(ByteBuffer(string: text))
                case .raw(let text):
                    try await outbound.write(ByteBuffer(string: text))
                case .sleep(let duration):
                    try await Task.sleep(for: duration)
                case .close:
                    return
                }
            }
            while let frame = try await reader.next() { record(frame) }
        }
    }

    private func record(_ frame: Frame) {
        let entry = frame.payloadText.map { frame.line + "|" + $0 } ?? frame.line
        log.withLock { $0.append(entry) }
    }

    private struct Reader {
        var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
        var decoder = FrameDecoder(sender: .client)
        var buffer = ByteBuffer()

        mutating func next() async throws -> Frame? {
            while true {
                if let frame = try decoder.decode(buffer: &buffer) { return frame }
                guard var chunk = try await iterator.next() else { return nil }
                buffer.writeBuffer(&chunk)
            }
        }
    }
}

extension String {
    fileprivate func replacingPort(_ port: Int) -> String {
        var result = ""
        var rest = Substring(self)
        while let range = rest.range(of: "{PORT}") {
            result += rest[..<range.lowerBound] + String(port)
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
