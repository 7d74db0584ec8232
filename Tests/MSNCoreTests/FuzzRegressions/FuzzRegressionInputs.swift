import Foundation

/// The inputs replayed by ``FuzzRegressionTests``, base64-encoded (after nio-ssh's
/// `FuzzResultTests`). Add every input the fuzzer finds here, named after its crash file, with
/// a line saying what it broke.
enum FuzzRegressionInputs {
    struct Input: Sendable, CustomStringConvertible {
        var name: String
        var bytes: [UInt8]
        init(_ name: String, base64: String) {
            self.name = name
            self.bytes = [UInt8](Data(base64Encoded: base64) ?? Data())
        }
        init(_ name: String, text: String) {
            self.name = name
            self.bytes = Array(text.utf8)
        }
        var description: String { name }
    }

    static let all: [Input] = seeds + found

    /// Inputs the fuzzer found.
    static let found: [Input] = [
        // An error verb below 100 (`085`): ErrorCode.verb gave nil for it, so ErrorReply wrote
        // `500` instead. Fixed by writing every code 0–999 as three digits.
        Input("crash-02731827c0224b277692b7d9df8c3333bdd2ec1b", base64: "VkVSIDEgTVNOUDINCklORiAyIE1ENQ0KQ1ZSIDMgMi4wLjAwODUgMi4wLjAwODUgMg0KDQowODUgaHR0cHM6Ly9lc2NhcmdvdC5sb2cxcC54eXogaHR0cHM6Ly9lc2NhcmdvdC5sb2cxcC54eXoNClVTUiA0IE1ENSBTIGJlZTlhOGJlYWJjMzRhNw0KVVNSIDUgT0sgYm9iQGV4YW1wbGUuY29tIGJvYkBleGFtcGxlLmNvbQ0KTVNHIEhvdG1haWwgSG90bWFpbCAxNDQyDQpNSU1FLVZlcnNpb246IDEuMA0KQ29ucGxlLmNvbQ0KUk5HIDViZTcxYTk0ZjVjYTc1MGU5NGZjZDhhMGU5NmJkNzUgMTI3LjAuMC4xxs7HycvfvK9JIDI1MDA2ODkxMWJlMTlmMWU2YTViIGFsaWNlQGV4YW1wbGUuY29tIGFsaWNlQGV4YW1wbGUuY29tDQpGTE4gYTIuMC4wMDg1IDJsZS5jb20NCg=="),
        Input("crash-02731827 minimized", text: "085 4\r\n000\r\n"),
    ]

    /// Edges found while writing the decoder: trailing separators, lone CRs, empty payloads.
    static let seeds: [Input] = [
        Input("trailing separator before a length", text: "MSG a b 0 \r\nMSG a b 1 \r\nx"),
        Input("trailing separator without a length", text: "LST 12 Bob 11 \r\nVER 1 \r\nPNG \t\r\n"),
        Input("only separators", text: " \t \r\n\n\r\n"),
        Input("CR CR LF", text: "PNG\r\r\n"),
        Input("reply form of ADL", text: "ADL 7 OK\r\nADL 7 OK \r\nADL 0 3 \r\nabc"),
        Input("error with payload", text: "241 7 5\r\n<ml/>911 4\r\n"),
        Input("MIME with bare LF and tabs", text: "A:\t1\nB:\r\n\nbody"),
        Input("lone percent", text: "%"),
        Input("percent-encoded invalid UTF-8", text: "Bob%C3%28"),
        Input("leading zeros", text: "MSG 0007 A 005\r\nhello"),
    ]
}
