import Foundation
import MSNCore

extension Conversation {
    /// Handles one line of the switchboard.
    ///
    /// `IRO`/`JOI` are read with their grammar; when another server wrote a name that is not
    /// valid URL encoding, the handle is taken from its position so the join still counts.
    func receive(_ frame: Frame, session: Int) {
        guard session == generation else { return }
        switch frame.verb {
        case .iro:  // IRO 1 1 2 alice@example.com Alice [caps]
            if let handle = (try? RosterEntry(frame: frame))?.handle ?? frame.argument(2).map({ EndpointHandle($0) }),
               let joined = roster.join(handle) {
                emit(.joined(joined))
                wakeAll()
            }
        case .joi:  // JOI bob@example.com Bob [caps]
            if let handle = (try? JoinNotice(frame: frame))?.handle ?? frame.argument(0).map({ EndpointHandle($0) }),
               let joined = roster.join(handle) {
                if !invitees.contains(joined), invitees.count < SwitchboardRoster.maximumParticipants { invitees.append(joined) }
                emit(.joined(joined))
                wakeAll()
            }
        case .bye:  // BYE bob@example.com[ 1]
            guard let notice = try? LeaveNotice(frame: frame) else { return }
            let timedOut = notice.timedOut
            if timedOut { sawIdleTimeout = true }
            guard let left = roster.leave(notice.handle) else { return }
            emit(.left(left, timedOut: timedOut))
            if roster.isEmpty { endSession(timedOut ? .idleTimeout : .everyoneLeft) }
            wakeAll()
        case .msg:  // MSG bob@example.com Bob 161
            receiveMessage(frame)
        default:
            logger.debug("unhandled switchboard line", metadata: ["line": "\(frame.line)"])
        }
    }

    private func receiveMessage(_ frame: Frame) {
        guard let sender = frame.argument(0).map({ EndpointHandle($0).account.lowercased() }),
              let payload = frame.payload,
              let parsed = try? MIMEMessage(parsing: payload),
              let message = assembler.add(parsed, from: sender)
        else { return }
        switch message.mediaType {
        case "text/plain":
            let format = (try? message.textFormat) ?? nil
            emit(.message(sender: sender, text: Self.localLineBreaks(message.bodyText), format: format, date: Date()))
        case "text/x-msmsgscontrol":
            if sender != account { emit(.typing(sender: sender)) }
        case "text/x-msnmsgr-datacast":
            if message.datacastID == 1 { emit(.nudge(sender: sender)) }
        default:
            logger.debug("unhandled message type", metadata: ["type": "\(message.contentType ?? "none")"])
        }
    }

    /// `\r\n` on the wire, `\n` for the program.
    static func localLineBreaks(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if previousWasCR, scalar != "\n" { scalars.append("\r") }
            previousWasCR = scalar == "\r"
            if !previousWasCR { scalars.append(scalar) }
        }
        if previousWasCR { scalars.append("\r") }
        return String(scalars)
    }

    /// `\n` (and a lone `\r`) from the program, `\r\n` on the wire.
    static func wireLineBreaks(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                if !previousWasCR { scalars.append("\r") }
                scalars.append("\n")
            } else {
                if previousWasCR { scalars.append("\n") }
                scalars.append(scalar)
            }
            previousWasCR = scalar == "\r"
        }
        if previousWasCR { scalars.append("\n") }
        return String(scalars)
    }
}
