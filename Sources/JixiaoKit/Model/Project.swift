/// The two kinds of project form.
public enum FormKind: String, Sendable, Codable, Equatable, Hashable {
    /// 项目支出绩效自评表: year-end self-evaluation with execution figures.
    case selfEvaluation = "self-evaluation"
    /// 项目绩效目标表: budget-time targets, no execution.
    case target = "target"
}

/// Where a record comes from: the submission's path and the 1-based line its form starts on.
public struct SourceLocation: Sendable, Equatable, Hashable {
    public var path: String
    public var line: Int

    public init(path: String, line: Int) {
        self.path = path
        self.line = line
    }
}

/// One row of the funds table (年度资金总额 or one of its sources).
public struct FundSource: Sendable, Equatable, Hashable {
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
public struct Funds: Sendable, Equatable, Hashable {
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

/// A quarterly spending plan of a target table, cumulative percents as printed.
public struct SpendingPlan: Sendable, Equatable, Hashable {
    public var q1: Amount = .blank
    public var q2: Amount = .blank
    public var q3: Amount = .blank
    public var q4: Amount = .blank
    public var line: Int

    public init(line: Int) { self.line = line }
}

/// A yearly goal: what was planned and what the form reports as done.
public struct Goal: Sendable, Equatable, Hashable {
    /// The goal's own label on target tables (目标1); nil on self-evaluations.
    public var label: String?
    public var planned: String?
    public var actual: String?
    public var line: Int

    public init(label: String? = nil, planned: String?, actual: String?, line: Int) {
        self.label = label
        self.planned = planned
        self.actual = actual
        self.line = line
    }
}

/// One 三级指标 row.
public struct Indicator: Sendable, Equatable, Hashable {
    public var level1: String?
    public var level2: String?
    public var name: String?
    public var target: String?
    public var actual: String?
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

    /// The target, read for what it says.
    public var targetMeasure: Measure? { target.flatMap(ValueReader.measure) }
    /// The completion value, read for what it says.
    public var actualMeasure: Measure? { actual.flatMap(ValueReader.measure) }
}

/// A project as one form states it: a self-evaluation or a target table.
public struct Project: Sendable, Equatable, Hashable {
    /// Unique, ASCII and stable across runs: the submission's file stem and the form's number.
    public var id: String
    public var kind: FormKind
    public var source: SourceLocation
    public var year: Int?
    public var name: String?
    /// 项目编码 (target tables).
    public var code: String?
    /// 主管部门 as written; nil when blank.
    public var agency: String?
    /// 地方主管部门 as written.
    public var localAgency: String?
    /// 实施单位.
    public var unit: String?
    /// 负责人及电话.
    public var contact: String?
    /// What the site groups by: the form's agency, else the sidecar's, else 未填写主管部门.
    public var agencyResolved: String
    /// The title line as printed (项目支出绩效自评表, 项目（政策）支出绩效自评表, …).
    public var title: String
    /// 资金用途 of target tables.
    public var purpose: String?
    public var funds = Funds()
    public var plan: SpendingPlan?
    public var goals: [Goal] = []
    public var indicators: [Indicator] = []
    /// 总分: the weight column (usually 100).
    public var totalWeight: Amount = .blank
    /// 总分: the score, as printed and as a number when it is one.
    public var totalScore: Amount = .blank
    /// 说明, nil when blank or when it is the form's own instruction text.
    public var notes: String?
    /// 说明 as printed, instruction text included.
    public var notesPrinted: String?
    /// Template notes printed under the table (注：1.…), kept as printed.
    public var footnotes: [String] = []

    public init(id: String, kind: FormKind, source: SourceLocation, title: String) {
        self.id = id
        self.kind = kind
        self.source = source
        self.title = title
        self.agencyResolved = Project.unnamedAgency
    }

    /// The group for forms that name no agency anywhere.
    public static let unnamedAgency = "未填写主管部门"
}

/// One numbered sub-goal of a department's overall goals.
public struct DepartmentGoal: Sendable, Equatable, Hashable {
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
public struct Department: Sendable, Equatable, Hashable {
    public var source: SourceLocation
    public var year: Int?
    public var agency: String?
    public var overallGoal: String?
    public var goals: [DepartmentGoal] = []
    /// 工作保障措施: the support measures, one entry per paragraph.
    public var measures: [String] = []

    public init(source: SourceLocation) { self.source = source }
}
