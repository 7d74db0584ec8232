import Synchronization

/// What the ``InlineFrameHandler`` and the connection's task share: the session's
/// ``InlineFrameReceiver``, and whether the task has caught up with every read handed to it.
///
/// The handler counts the reads it passes on to the task; the task counts those it has
/// decoded and answered, and says whether a partial frame is left over. Frames are handled
/// inline only when the two counts agree and nothing is left over: never before a frame that
/// was read earlier.
final class InlineGate: Sendable {
    private let installed = Mutex<(any InlineFrameReceiver)?>(nil)
    private let forwarded = Atomic<Int>(0)
    private let consumed = Atomic<Int>(0)
    private let leftover = Atomic<Bool>(false)

    /// The receiver, if the session installed one.
    var receiver: (any InlineFrameReceiver)? {
        get { installed.withLock { $0 } }
        set { installed.withLock { $0 = newValue } }
    }

    /// The task has answered everything read so far.
    var taskCaughtUp: Bool {
        consumed.load(ordering: .acquiring) == forwarded.load(ordering: .acquiring) && !leftover.load(ordering: .acquiring)
    }

    /// The handler passed one read on to the task.
    func didForward() {
        forwarded.add(1, ordering: .releasing)
    }

    /// The task answered every whole frame of one read; `partialFrame`: bytes of the next one
    /// wait for more.
    func didConsume(partialFrame: Bool) {
        leftover.store(partialFrame, ordering: .releasing)
        consumed.add(1, ordering: .releasing)
    }
}
