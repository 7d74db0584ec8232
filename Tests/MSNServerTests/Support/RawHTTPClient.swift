import NIOCore
import NIOPosix

/// A deliberately small HTTP/1.1 client over a NIO socket, so tests can send exactly the
/// bytes they mean (bad headers, oversized bodies) and see exactly what the server wrote.
enum RawHTTPClient {
    struct Response {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: String

        /// The first header with this name (case-insensitive).
        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Sends one request with `Connection: close` and reads the response.
    static func request(
        port: Int,
        method: String,
        path: String,
        headers: [(String, String)] = [],
        body: [UInt8] = []
    ) async throws -> Response {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers {
            head += "\(name): \(value)\r\n"
        }
        if !body.isEmpty || method == "POST" {
            head += "Content-Length: \(body.count)\r\n"
        }
        head += "\r\n"
        return try await send(port: port, Array(head.utf8) + body)
    }

    /// Sends raw bytes and reads one response (until it is complete or the server closes),
    /// giving up after `timeout`.
    static func send(port: Int, _ bytes: [UInt8], timeout: Duration = .seconds(20)) async throws -> Response {
        try await withThrowingTaskGroup(of: Response.self) { group in
            group.addTask { try await exchange(port: port, bytes) }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw Failure(description: "no response within \(timeout)")
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }

    private static func exchange(port: Int, _ bytes: [UInt8]) async throws -> Response {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            // The server may answer (and close) before reading everything; a failed write is
            // not the test's verdict, the response is.
            try? await outbound.write(ByteBuffer(bytes: bytes))
            var received: [UInt8] = []
            do {
                for try await chunk in inbound {
                    received += Array(buffer: chunk)
                    if let response = parse(received, complete: false) {
                        return response
                    }
                }
            } catch {
                if let response = parse(received, complete: true) {
                    return response
                }
                throw error
            }
            guard let response = parse(received, complete: true) else {
                throw Failure(description: "incomplete response: \(String(decoding: received, as: UTF8.self))")
            }
            return response
        }
    }

    /// Parses a response once its head and `Content-Length` bytes of body are there (or, when
    /// `complete`, whatever arrived before the close).
    private static func parse(_ bytes: [UInt8], complete: Bool) -> Response? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = bytes.indices.first(where: { bytes[$0...].starts(with: separator) }) else { return nil }
        let headText = String(decoding: bytes[..<end], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
        let headers = lines.compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
        }
        let bodyBytes = Array(bytes[(end + separator.count)...])
        let response = Response(status: status, headers: headers, body: String(decoding: bodyBytes, as: UTF8.self))
        if let length = response.header("Content-Length").flatMap(Int.init) {
            guard bodyBytes.count >= length else { return nil }
            return Response(status: status, headers: headers, body: String(decoding: bodyBytes.prefix(length), as: UTF8.self))
        }
        return complete ? response : nil
    }
}
