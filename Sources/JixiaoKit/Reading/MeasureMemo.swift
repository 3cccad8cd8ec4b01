/// `ValueReader.measure`, remembered per thread. Targets and completion values repeat across
/// forms (已完成, ≥95%, 100%: at 10,000 forms 280,000 values, some 5,500 of them distinct),
/// and each reading keys the text and tries it as a status word, a date and a quantity. One
/// table per reading thread: no lock, and no table shared between the cores.
enum MeasureMemo {
    private final class Table {
        var entries: [TextKey: Measure?] = [:]
    }

    private static let tables = PerThread { Table() }

    /// A table stays below this many texts (emptied when full): the memo is for the values
    /// that repeat, and a corpus of distinct ones must not grow it without end.
    static let capacity = 50_000

    static func measure(_ printed: String) -> Measure? {
        let table = tables.value
        let text = TextKey(printed)
        if let known = table.entries[text] { return known }
        let measure = ValueReader.measure(printed)
        if table.entries.count >= capacity { table.entries.removeAll(keepingCapacity: true) }
        table.entries[text] = measure
        return measure
    }
}
