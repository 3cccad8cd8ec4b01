import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// `map` over both cores (or however many there are), results in the original order.
    /// For independent work only: reading files, checking projects, rendering pages.
    func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        var results = [T?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: count) { i in
                slots[i] = transform(self[i])
            }
        }
        return results.map { $0! }
    }

    /// Runs `body` on every element from `threads` threads of its own, and returns when all
    /// are done: for blocking I/O, where more requests in flight than cores help (unlinking
    /// a site's files), which `parallelMap`'s one thread per core would not give.
    func forEach(threads: Int, _ body: @escaping @Sendable (Element) -> Void) {
        guard count > 1 else { forEach(body); return }
        let group = DispatchGroup()
        let workers = Swift.min(threads, count)
        for w in 0..<workers {
            group.enter()
            Thread.detachNewThread {
                for i in stride(from: w, to: count, by: workers) { body(self[i]) }
                group.leave()
            }
        }
        group.wait()
    }
}
