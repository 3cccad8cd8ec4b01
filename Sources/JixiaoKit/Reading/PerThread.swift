#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One instance of a class per thread, made on first use and released when the thread ends.
/// The readers' memos are filled by both cores at once: a table per thread needs no lock,
/// where one shared table behind a lock had the two threads queueing for it (at 10,000
/// forms, 20,000 futex calls from the label memo alone) and its cache line moving between
/// the cores on every look-up. Meant for process-wide memos (a `static let`): each instance
/// takes one of the process's pthread keys and keeps it.
final class PerThread<Value: AnyObject>: @unchecked Sendable {
    private let key: pthread_key_t
    private let make: @Sendable () -> Value

    init(_ make: @escaping @Sendable () -> Value) {
        var key = pthread_key_t()
        let made = pthread_key_create(&key) { value in
            guard let value else { return }
            Unmanaged<AnyObject>.fromOpaque(value).release()
        }
        precondition(made == 0, "pthread_key_create failed: \(made)")
        self.key = key
        self.make = make
    }

    /// This thread's instance.
    var value: Value {
        if let stored = pthread_getspecific(key) {
            return Unmanaged<Value>.fromOpaque(stored).takeUnretainedValue()
        }
        let value = make()
        pthread_setspecific(key, Unmanaged.passRetained(value).toOpaque())
        return value
    }
}

/// What `compute` gives for a text, remembered in a table per thread (see `PerThread`):
/// cell texts and values repeat across forms. A table is emptied when it holds `capacity`
/// texts: the memo is for the texts that repeat, and a corpus of distinct ones must not
/// grow it without end.
final class TextMemo<Value>: @unchecked Sendable {
    private final class Table {
        var entries: [TextKey: Value] = [:]
    }

    private let tables = PerThread { Table() }
    private let capacity: Int
    private let compute: @Sendable (String) -> Value

    init(capacity: Int, _ compute: @escaping @Sendable (String) -> Value) {
        self.capacity = capacity
        self.compute = compute
    }

    func value(of text: String) -> Value {
        let table = tables.value
        let key = TextKey(text)
        if let known = table.entries[key] { return known }
        let value = compute(text)
        if table.entries.count >= capacity { table.entries.removeAll(keepingCapacity: true) }
        table.entries[key] = value
        return value
    }
}
