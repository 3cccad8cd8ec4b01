/// One 三级指标 row.
public struct Indicator: Sendable, Equatable, Hashable, Codable {
    public var level1: String?
    public var level2: String?
    public var name: String?
    public var target: String? { didSet { targetMeasure = target.flatMap(ValueReader.measure) } }
    public var actual: String? { didSet { actualMeasure = actual.flatMap(ValueReader.measure) } }
    public var weight: Amount = .blank
    public var score: Amount = .blank
    public var deviation: String?
    /// 绩效指标描述 (target tables).
    public var description: String?
    /// 指标值确定依据 (target tables).
    public var basis: String?
    /// Columns of another template this reader has no field for, by header label.
    public var extra: [String: String] = [:]
    public var line: Int

    public init(line: Int) { self.line = line }

    /// The target, read for what it says (kept in step with `target`).
    public private(set) var targetMeasure: Measure?
    /// The completion value, read for what it says (kept in step with `actual`).
    public private(set) var actualMeasure: Measure?
}
