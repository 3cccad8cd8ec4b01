/// One row of the funds table (年度资金总额 or one of its sources).
public struct FundSource: Sendable, Equatable, Hashable, Codable {
    /// The row label, normalised (其中：当年财政拨款 → 当年财政拨款).
    public var name: String
    public var initialBudget: Amount = .blank
    public var budget: Amount = .blank
    public var executed: Amount = .blank
    public var line: Int

    public init(name: String, line: Int) {
        self.name = name
        self.line = line
    }
}

/// The funds of a project: the total row, its score columns and its source rows.
public struct Funds: Sendable, Equatable, Hashable, Codable {
    /// 年初预算数 (self-evaluations with that column).
    public var initialBudget: Amount = .blank
    /// 全年预算数 (A); for target tables the 预算数.
    public var budget: Amount = .blank
    /// 全年执行数 (B).
    public var executed: Amount = .blank
    /// 执行率 as printed, as a fraction (96.5% → 0.965).
    public var statedRate: Amount = .blank
    /// 分值 of the execution row.
    public var weight: Amount = .blank
    /// 得分 of the execution row.
    public var score: Amount = .blank
    /// Line of the 年度资金总额 row (0 when absent).
    public var line: Int = 0
    public var sources: [FundSource] = []

    public init() {}

    /// Executed ÷ budget, when both are numbers and the budget is not zero.
    public var rate: Double? {
        guard let b = budget.value, let e = executed.value, b != 0 else { return nil }
        return e / b
    }
}
