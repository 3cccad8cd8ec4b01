import Dispatch

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
}
