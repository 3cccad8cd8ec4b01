import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// `map` over both cores (or however many there are), results in the original order.
    /// For independent work only: reading files, checking projects, rendering pages.
    ///
    /// The elements go out in runs of neighbours, not one by one: handed out singly,
    /// neighbours went to the two cores in turn, which wrote their results side by side (one
    /// cache line moving between the cores) and took turns at each element's neighbours'
    /// data. Sixteen runs per core, so that a slow run does not leave the other core idle.
    func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        var results = [T?](repeating: nil, count: count)
        let runs = Swift.min(count, Cores.active * 16)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: runs) { run in
                for i in count * run / runs ..< count * (run + 1) / runs {
                    slots[i] = transform(self[i])
                }
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

/// The cores this process may use, read once: Foundation reads the cgroup's CPU quota and
/// cpuset files again on every `activeProcessorCount`.
enum Cores {
    static let active = ProcessInfo.processInfo.activeProcessorCount
}
