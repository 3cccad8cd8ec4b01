/// `ValueReader.measure`, remembered per thread. Targets and completion values repeat across
/// forms (已完成, ≥95%, 100%: at 10,000 forms 280,000 values, some 5,500 of them distinct),
/// and each reading keys the text and tries it as a status word, a date and a quantity. One
/// table per reading thread: no lock, and no table shared between the cores.
enum MeasureMemo {
    private static let memo = TextMemo(capacity: 50_000) { ValueReader.measure($0) }

    static func measure(_ printed: String) -> Measure? { memo.value(of: printed) }
}
