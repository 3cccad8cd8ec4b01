/// One 三级指标 row.
///
/// A value like any struct, with its fields kept in one shared box that is copied only when
/// a shared indicator is changed (copy on write). A form has 8–20 indicators with up to a
/// dozen strings each, and every check, page and data file walks them: copied field by
/// field, each pass retained and released every string of every indicator.
public struct Indicator: Sendable, Equatable, Hashable, Codable {
    public var level1: String? {
        get { box.level1 }
        set { unique().level1 = newValue }
    }
    public var level2: String? {
        get { box.level2 }
        set { unique().level2 = newValue }
    }
    public var name: String? {
        get { box.name }
        set { unique().name = newValue }
    }
    /// Setting the target also reads it (`targetMeasure`).
    public var target: String? {
        get { box.target }
        set {
            let b = unique()
            b.target = newValue
            b.targetMeasure = newValue.flatMap(MeasureMemo.measure)
        }
    }
    /// Setting the completion value also reads it (`actualMeasure`).
    public var actual: String? {
        get { box.actual }
        set {
            let b = unique()
            b.actual = newValue
            b.actualMeasure = newValue.flatMap(MeasureMemo.measure)
        }
    }
    public var weight: Amount {
        get { box.weight }
        set { unique().weight = newValue }
    }
    public var score: Amount {
        get { box.score }
        set { unique().score = newValue }
    }
    public var deviation: String? {
        get { box.deviation }
        set { unique().deviation = newValue }
    }
    /// 绩效指标描述 (target tables).
    public var description: String? {
        get { box.description }
        set { unique().description = newValue }
    }
    /// 指标值确定依据 (target tables).
    public var basis: String? {
        get { box.basis }
        set { unique().basis = newValue }
    }
    /// Columns of another template this reader has no field for, by header label.
    public var extra: [String: String] {
        get { box.extra }
        set { unique().extra = newValue }
    }
    public var line: Int {
        get { box.line }
        set { unique().line = newValue }
    }

    /// The target, read for what it says (kept in step with `target`).
    public var targetMeasure: Measure? { box.targetMeasure }
    /// The completion value, read for what it says (kept in step with `actual`).
    public var actualMeasure: Measure? { box.actualMeasure }

    public init(line: Int) { box = Box(line: line) }

    // MARK: - Storage

    private var box: Box

    /// The fields. Changed only through `unique()`, on a box no other indicator holds, so
    /// sharing one between threads is safe.
    private final class Box: @unchecked Sendable {
        var level1: String?, level2: String?, name: String?
        var target: String?, actual: String?
        var weight = Amount.blank, score = Amount.blank
        var deviation: String?, description: String?, basis: String?
        var extra: [String: String] = [:]
        var line: Int
        var targetMeasure: Measure?, actualMeasure: Measure?

        init(line: Int) { self.line = line }

        func copy() -> Box {
            let b = Box(line: line)
            b.level1 = level1; b.level2 = level2; b.name = name
            b.target = target; b.actual = actual
            b.weight = weight; b.score = score
            b.deviation = deviation; b.description = description; b.basis = basis
            b.extra = extra
            b.targetMeasure = targetMeasure; b.actualMeasure = actualMeasure
            return b
        }
    }

    private mutating func unique() -> Box {
        if !isKnownUniquelyReferenced(&box) { box = box.copy() }
        return box
    }

    // MARK: - Equatable, Hashable, Codable (every field, as the compiler's own would)

    public static func == (a: Indicator, b: Indicator) -> Bool {
        if a.box === b.box { return true }
        let x = a.box, y = b.box
        return x.level1 == y.level1 && x.level2 == y.level2 && x.name == y.name
            && x.target == y.target && x.actual == y.actual && x.weight == y.weight && x.score == y.score
            && x.deviation == y.deviation && x.description == y.description && x.basis == y.basis
            && x.extra == y.extra && x.line == y.line
            && x.targetMeasure == y.targetMeasure && x.actualMeasure == y.actualMeasure
    }

    public func hash(into hasher: inout Hasher) {
        let x = box
        hasher.combine(x.level1); hasher.combine(x.level2); hasher.combine(x.name)
        hasher.combine(x.target); hasher.combine(x.actual); hasher.combine(x.weight); hasher.combine(x.score)
        hasher.combine(x.deviation); hasher.combine(x.description); hasher.combine(x.basis)
        hasher.combine(x.extra); hasher.combine(x.line)
        hasher.combine(x.targetMeasure); hasher.combine(x.actualMeasure)
    }

    private enum CodingKeys: String, CodingKey {
        case level1, level2, name, target, actual, weight, score, deviation, description, basis, extra, line
        case targetMeasure, actualMeasure
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let b = Box(line: try c.decode(Int.self, forKey: .line))
        b.level1 = try c.decodeIfPresent(String.self, forKey: .level1)
        b.level2 = try c.decodeIfPresent(String.self, forKey: .level2)
        b.name = try c.decodeIfPresent(String.self, forKey: .name)
        b.target = try c.decodeIfPresent(String.self, forKey: .target)
        b.actual = try c.decodeIfPresent(String.self, forKey: .actual)
        b.weight = try c.decode(Amount.self, forKey: .weight)
        b.score = try c.decode(Amount.self, forKey: .score)
        b.deviation = try c.decodeIfPresent(String.self, forKey: .deviation)
        b.description = try c.decodeIfPresent(String.self, forKey: .description)
        b.basis = try c.decodeIfPresent(String.self, forKey: .basis)
        b.extra = try c.decode([String: String].self, forKey: .extra)
        b.targetMeasure = try c.decodeIfPresent(Measure.self, forKey: .targetMeasure)
        b.actualMeasure = try c.decodeIfPresent(Measure.self, forKey: .actualMeasure)
        box = b
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let x = box
        try c.encodeIfPresent(x.level1, forKey: .level1)
        try c.encodeIfPresent(x.level2, forKey: .level2)
        try c.encodeIfPresent(x.name, forKey: .name)
        try c.encodeIfPresent(x.target, forKey: .target)
        try c.encodeIfPresent(x.actual, forKey: .actual)
        try c.encode(x.weight, forKey: .weight)
        try c.encode(x.score, forKey: .score)
        try c.encodeIfPresent(x.deviation, forKey: .deviation)
        try c.encodeIfPresent(x.description, forKey: .description)
        try c.encodeIfPresent(x.basis, forKey: .basis)
        try c.encode(x.extra, forKey: .extra)
        try c.encode(x.line, forKey: .line)
        try c.encodeIfPresent(x.targetMeasure, forKey: .targetMeasure)
        try c.encodeIfPresent(x.actualMeasure, forKey: .actualMeasure)
    }
}
