#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `ValueReader.measure`, remembered per thread. Targets and completion values repeat across
/// forms (已完成, ≥95%, 100%: at 10,000 forms 280,000 values, some 5,500 of them distinct),
/// and each reading keys the text and tries it as a status word, a date and a quantity. One
/// table per reading thread: no lock, and no table shared between the cores.
enum MeasureMemo {
    private final class Table {
        var entries: [TextKey: Measure?] = [:]
    }

    /// The thread's table, released when the thread ends.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let made = pthread_key_create(&key) { table in
            guard let table else { return }
            Unmanaged<Table>.fromOpaque(table).release()
        }
        precondition(made == 0, "pthread_key_create failed: \(made)")
        return key
    }()

    /// A table stays below this many texts (emptied when full): the memo is for the values
    /// that repeat, and a corpus of distinct ones must not grow it without end.
    static let capacity = 50_000

    static func measure(_ printed: String) -> Measure? {
        let table: Table
        if let stored = pthread_getspecific(key) {
            table = Unmanaged<Table>.fromOpaque(stored).takeUnretainedValue()
        } else {
            table = Table()
            pthread_setspecific(key, Unmanaged.passRetained(table).toOpaque())
        }
        let text = TextKey(printed)
        if let known = table.entries[text] { return known }
        let measure = ValueReader.measure(printed)
        if table.entries.count >= capacity { table.entries.removeAll(keepingCapacity: true) }
        table.entries[text] = measure
        return measure
    }
}
