import MSNCore

/// A first-in first-out queue of frames that does not shift its storage on every pop.
struct FrameQueue {
    private var storage: [Frame] = []
    private var head = 0

    var count: Int { storage.count - head }
    var isEmpty: Bool { count == 0 }

    mutating func append(_ frame: Frame) {
        storage.append(frame)
    }

    mutating func popFirst() -> Frame? {
        guard head < storage.count else { return nil }
        let frame = storage[head]
        head += 1
        if head >= 64, head * 2 >= storage.count {
            storage.removeFirst(head)
            head = 0
        }
        return frame
    }
}
