import Benchmark
import MSNCore
import NIOCore

// Each benchmark handles `Workload.frameCount` (1000) frames per iteration, so
// frames per second = 1000 × the reported throughput, and allocations per frame =
// mallocCountTotal / 1000. Only malloc counts are checked against committed thresholds
// (Thresholds/6.3); times vary with the machine. Names are kept free of spaces: the threshold
// files are named after them, and `thresholds check` looks them up unsanitized.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .cpuTotal],
        warmupIterations: 10,
        maxDuration: .seconds(3),
        maxIterations: 100_000,
        thresholds: [.mallocCountTotal: .init(absolute: [.p90: 10])]
    )
    let workload = Workload.shared

    Benchmark("decode_1000_server_frames") { benchmark in
        for _ in benchmark.scaledIterations {
            var decoder = FrameDecoder(sender: .server)
            var buffer = workload.serverStream
            benchmark.startMeasurement()
            while let frame = try decoder.decode(buffer: &buffer) { blackHole(frame) }
            benchmark.stopMeasurement()
        }
    }

    Benchmark("decode_1000_client_frames") { benchmark in
        for _ in benchmark.scaledIterations {
            var decoder = FrameDecoder(sender: .client)
            var buffer = workload.clientStream
            benchmark.startMeasurement()
            while let frame = try decoder.decode(buffer: &buffer) { blackHole(frame) }
            benchmark.stopMeasurement()
        }
    }

    Benchmark("encode_1000_server_frames") { benchmark in
        var buffer = ByteBuffer()
        buffer.reserveCapacity(workload.serverStream.readableBytes)
        for _ in benchmark.scaledIterations {
            buffer.clear()
            benchmark.startMeasurement()
            for frame in workload.serverFrames { buffer.writeFrame(frame) }
            benchmark.stopMeasurement()
            blackHole(buffer)
        }
    }

    Benchmark("parse_MSG_payloads_of_1000_server_frames") { benchmark in
        for _ in benchmark.scaledIterations {
            for payload in workload.messagePayloads { blackHole(try MIMEMessage(parsing: payload)) }
        }
    }
}
