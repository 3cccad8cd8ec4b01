/// A comparison operator as written in a target (≥95%, 不低于90%, <=100).
public enum Comparison: String, Sendable, Codable, Equatable, Hashable {
    case atLeast = "≥"
    case greater = ">"
    case equal = "="
    case atMost = "≤"
    case less = "<"
}

/// What a target or completion value says, read for what it is.
public enum Measure: Sendable, Equatable, Hashable, Codable {
    /// A quantity, maybe with an operator: "≥95%", "侦破 2 起", "专项投入控制450万", "=10".
    case quantity(op: Comparison?, value: Double, unit: String)
    /// A date or deadline: "2020年底", "截止12月31日前", "12月20日".
    case date(year: Int?, month: Int, day: Int?, before: Bool)
    /// A completion status: 已完成, 按时完成, 未完成.
    case status(done: Bool)
}
