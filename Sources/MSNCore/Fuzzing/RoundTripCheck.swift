import NIOCore

/// The properties the fuzzer (and the fuzz regression tests) check on arbitrary bytes:
///
/// - decoding never crashes, and gives the same frames (and the same error) however the
///   bytes are split across reads;
/// - the decoder never holds more than its limits allow;
/// - decode → encode → decode gives the same frames, and encoding those again gives the same
///   bytes;
/// - a typed command read from a decoded frame reads back equal from the frame it writes;
/// - a MIME payload that parses serializes to exactly the bytes it came from;
/// - a URL-encoded parameter that decodes re-encodes to text that decodes to the same.
///
/// `package` so that `MSNFuzzer` and `MSNCoreTests` share it; it is not API.
package enum RoundTripCheck {
    /// Small limits, so that short inputs reach every limit.
    package static let limits = FrameLimits(maximumLineLength: 512, maximumPayloadLength: 2048,
                                            maximumArgumentCount: 16)

    /// Runs every check on `bytes`; returns a description of each property that failed.
    package static func violations(in bytes: [UInt8]) -> [String] {
        var problems: [String] = []
        let dialects: [Dialect?] = [nil, bytes.first.flatMap { Dialect(rawValue: 2 + Int($0) % 17) }]
        for role in [Role.client, .server] {
            for dialect in dialects {
                problems += framing(bytes, sender: role, dialect: dialect)
            }
        }
        problems += mime(bytes)
        problems += urlEncoding(bytes)
        return problems
    }

    /// The frames of `bytes` fed in `chunk`-byte reads, and the error that stopped them.
    package static func decode(_ bytes: [UInt8], sender: Role, dialect: Dialect?, chunk: Int,
                               limits: FrameLimits = limits) -> (frames: [Frame], error: FramingError?, overLimit: Bool) {
        var decoder = FrameDecoder(sender: sender, dialect: dialect, limits: limits)
        var buffer = ByteBuffer()
        var frames: [Frame] = []
        var overLimit = false
        let bound = limits.maximumLineLength + 2 + limits.maximumPayloadLength
        var index = 0
        do {
            repeat {
                let end = min(bytes.count, index + max(chunk, 1))
                buffer.writeBytes(bytes[index..<end])
                index = end
                while let frame = try decoder.decode(buffer: &buffer) { frames.append(frame) }
                if buffer.readableBytes > bound { overLimit = true }
            } while index < bytes.count
            while let frame = try decoder.decodeLast(buffer: &buffer, seenEOF: true) { frames.append(frame) }
            return (frames, nil, overLimit)
        } catch let error as FramingError {
            return (frames, error, overLimit)
        } catch {
            return (frames, FramingError(.truncated, offset: -1, detail: "unexpected \(error)"), overLimit)
        }
    }

    private static func framing(_ bytes: [UInt8], sender: Role, dialect: Dialect?) -> [String] {
        var problems: [String] = []
        let context = "\(sender) \(dialect?.description ?? "no dialect")"
        let whole = decode(bytes, sender: sender, dialect: dialect, chunk: bytes.count)
        if whole.overLimit { problems.append("\(context): the buffer grew past the limits") }
        for chunk in [1, 7] where bytes.count <= 4096 {
            let split = decode(bytes, sender: sender, dialect: dialect, chunk: chunk)
            if split.frames != whole.frames || split.error?.code != whole.error?.code {
                problems.append("\(context): \(chunk)-byte reads decode differently")
            }
            if split.overLimit { problems.append("\(context): the buffer grew past the limits (\(chunk)-byte reads)") }
        }
        var encoded = ByteBuffer()
        for frame in whole.frames { encoded.writeFrame(frame) }
        let bytes2 = Array(encoded.readableBytesView)
        let again = decode(bytes2, sender: sender, dialect: dialect, chunk: bytes2.count)
        if again.error != nil || again.frames != whole.frames {
            problems.append("\(context): decode → encode → decode differs (\(again.error?.description ?? "other frames"))")
        }
        var reencoded = ByteBuffer()
        for frame in again.frames { reencoded.writeFrame(frame) }
        if reencoded != encoded { problems.append("\(context): encoding is not stable") }
        for frame in whole.frames { problems += grammar(frame, dialect: dialect) }
        return problems
    }

    private static func grammar(_ frame: Frame, dialect: Dialect?) -> [String] {
        let types: [any FrameRepresentable.Type] = [
            VersionRequest.self, VersionReply.self, ClientVersionRequest.self, ClientVersionReply.self,
            AuthenticationMethodsRequest.self, AuthenticationMethodsReply.self, LoginRequest.self, LoginReply.self,
            ReferralRequest.self, Referral.self, ConfigurationRequest.self, ConfigurationReply.self,
            SignOut.self, Ping.self, PingReply.self, Challenge.self, ChallengeResponse.self,
            ChallengeAcknowledgement.self, SBSNotice.self, ErrorReply.self, SwitchboardLoginRequest.self,
            SwitchboardLoginReply.self, SwitchboardAnswer.self, SwitchboardInvitation.self,
        ]
        return types.compactMap { stable($0, frame, dialect) }
    }

    private static func stable<T: FrameRepresentable>(_ type: T.Type, _ frame: Frame, _ dialect: Dialect?) -> String? {
        guard let command = try? T(frame: frame, dialect: dialect) else { return nil }
        guard let again = try? T(frame: command.frame, dialect: dialect) else {
            return "\(T.self): \(command.frame) does not read back"
        }
        return again == command ? nil : "\(T.self): \(frame) reads back as \(again)"
    }

    private static func mime(_ bytes: [UInt8]) -> [String] {
        guard let message = try? MIMEMessage(parsing: ByteBuffer(bytes: bytes)) else { return [] }
        guard Array(message.bytes.readableBytesView) == bytes else { return ["MIME: serializing differs from the input"] }
        guard let again = try? MIMEMessage(parsing: message.bytes), again == message else {
            return ["MIME: the serialized message parses differently"]
        }
        _ = try? message.textFormat
        _ = try? message.chunk()
        _ = message.datacastID
        return []
    }

    private static func urlEncoding(_ bytes: [UInt8]) -> [String] {
        guard let text = String(validating: bytes, as: UTF8.self),
              let decoded = try? URLEncoding.decode(text) else { return [] }
        var problems: [String] = []
        for style in [URLEncoding.Style.minimal, .allReserved] {
            let encoded = URLEncoding.encode(decoded, style: style)
            if (try? URLEncoding.decode(encoded)) != decoded { problems.append("URL: \(style) encoding does not decode back") }
        }
        if (try? URLEncodedName(encoded: text))?.encoded != text { problems.append("URL: the wire form is not kept") }
        return problems
    }
}
