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

    static let all: [Input] = seeds

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
