/// A cell's content as printed, with the number it states when it states exactly one.
///
/// Amounts are in 万元 after reading; `printed` is always the submission's own text,
/// so nothing is lost when a value cannot be read as a number.
public struct Amount: Sendable, Equatable, Hashable {
    /// The text as it stands in the document (whitespace normalised), "" for a blank cell.
    public var printed: String
    /// The number, or nil when the cell is blank, "—", or not a single number.
    public var value: Double?

    public init(printed: String, value: Double?) {
        self.printed = printed
        self.value = value
    }

    public static let blank = Amount(printed: "", value: nil)

    /// True when the cell says nothing (blank or a dash meaning "not applicable").
    public var isBlank: Bool { printed.isEmpty || Text.isDash(printed) }
}

/// A comparison operator as written in a target (≥95%, 不低于90%, <=100).
public enum Comparison: String, Sendable, Codable, Equatable, Hashable {
    case atLeast = "≥"
    case greater = ">"
    case equal = "="
    case atMost = "≤"
    case less = "<"
}

/// What a target or completion value says, read for what it is.
public enum Measure: Sendable, Equatable, Hashable {
    /// A quantity, maybe with an operator: "≥95%", "侦破 2 起", "专项投入控制450万", "=10".
    case quantity(op: Comparison?, value: Double, unit: String)
    /// A date or deadline: "2020年底", "截止12月31日前", "12月20日".
    case date(year: Int?, month: Int, day: Int?, before: Bool)
    /// A completion status: 已完成, 按时完成, 未完成.
    case status(done: Bool)
}
