/// One numbered sub-goal of a department's overall goals.
public struct DepartmentGoal: Sendable, Equatable, Hashable, Codable {
    public var title: String
    public var goal: String?
    /// The 绩效指标 list, split at its separators.
    public var indicators: [String]
    /// The 绩效指标 list as printed.
    public var indicatorsPrinted: String?
    public var line: Int

    public init(title: String, goal: String?, indicators: [String], line: Int) {
        self.title = title
        self.goal = goal
        self.indicators = indicators
        self.line = line
    }
}

/// A department's overall performance goals (部门整体绩效目标), read from prose.
public struct Department: Sendable, Equatable, Hashable, Codable {
    public var source: SourceLocation
    public var year: Int?
    public var agency: String?
    public var overallGoal: String?
    public var goals: [DepartmentGoal] = []
    /// 工作保障措施: the support measures, one entry per paragraph.
    public var measures: [String] = []

    public init(source: SourceLocation) { self.source = source }
}
