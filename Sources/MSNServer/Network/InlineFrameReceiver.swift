import MSNCore

/// Handles the frames a session answers without waiting for anything — a switchboard `MSG` —
/// on the connection's event loop, as they are read, instead of in the session's task.
///
/// ```
/// C: MSG 4 A 161 + payload   → receiveInline: relayed, ACK 4 queued → .proceed
/// C: CAL 5 carol@example.com → receiveInline: nil (the session's task answers it)
/// ```
///
/// A session installs one with ``ConnectionContext/receiveInline(with:)`` once such frames can
/// come (after joining). It is called only when the task has handled every earlier frame, so
/// frames are still answered in order.
public protocol InlineFrameReceiver: Sendable {
    /// The dialect frames are decoded in.
    var dialect: Dialect { get }

    /// Handles `frame` now, or returns `nil` having done nothing (the task gets it). `.close`
    /// ends the connection.
    func receiveInline(_ frame: Frame) -> SessionDisposition?
}
