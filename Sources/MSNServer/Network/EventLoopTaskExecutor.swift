import NIOCore

/// Runs a task's jobs on one NIO event loop: a connection's task set to prefer its channel's
/// loop resumes there when bytes arrive, with no hop to Swift's cooperative thread pool and
/// back (two thread wake-ups per read, the largest cost of a small relayed `MSG`).
///
/// ```swift
/// group.addTask(executorPreference: EventLoopTaskExecutor(channel.eventLoop)) {
///     await connection.run()
/// }
/// ```
///
/// Whatever such a task awaits must not block: everything blocking (SQLite, password hashing)
/// is already offloaded to its own threads by the store.
final class EventLoopTaskExecutor: TaskExecutor, Sendable {
    let loop: any EventLoop

    init(_ loop: any EventLoop) {
        self.loop = loop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
