import ArgumentParser
import Foundation
import Logging
import MSNServer

/// The line `msn serve --print-ports` writes on standard output once every listener is up:
///
/// ```
/// {"dispatch":40213,"http":40217,"notification":40214,"pid":5120,"switchboard":40215}
/// ```
struct ServeReadyLine: Codable, Sendable, Hashable {
    var dispatch: Int
    var notification: Int
    var switchboard: Int
    var http: Int
    var pid: Int32

    /// Waits for the HTTP port, then prints the line (and flushes standard output).
    static func print(network: MessengerNetwork) async {
        guard let http = await network.httpPort.wait() else { return }
        let line = ServeReadyLine(dispatch: network.dispatch.port, notification: network.notification.port,
                                  switchboard: network.switchboard.port, http: http,
                                  pid: ProcessInfo.processInfo.processIdentifier)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(line) else { return }
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
