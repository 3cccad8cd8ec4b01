/// A quarterly spending plan of a target table, cumulative percents as printed.
public struct SpendingPlan: Sendable, Equatable, Hashable, Codable {
    public var q1: Amount = .blank
    public var q2: Amount = .blank
    public var q3: Amount = .blank
    public var q4: Amount = .blank
    public var line: Int

    public init(line: Int) { self.line = line }
}
