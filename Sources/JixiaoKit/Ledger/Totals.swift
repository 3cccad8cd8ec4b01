/// Sums over a set of projects, kept apart by kind: self-evaluations report what was
/// budgeted and executed at year end; target tables only what was planned.
public struct Totals: Sendable, Equatable {
    /// Self-evaluations counted.
    public var evaluations = 0
    /// Σ 全年预算数 (A) of self-evaluations, 万元.
    public var budget = 0.0
    /// Σ 全年执行数 (B) of self-evaluations, 万元.
    public var executed = 0.0
    /// Σ A over the self-evaluations that state both A and B: the denominator of the rate.
    public var budgetWithExecution = 0.0
    /// Σ B over the same projects.
    public var executedWithBudget = 0.0
    /// Target tables counted.
    public var targets = 0
    /// Σ 预算数 of target tables, 万元.
    public var planned = 0.0
    /// Findings on these projects.
    public var findings = 0
    public var errors = 0
    public var warnings = 0

    public init() {}

    /// Sums of figures only (no findings).
    public init(figures projects: [ProjectRecord]) {
        for p in projects { add(figures: p) }
    }

    public init(_ projects: [ProjectRecord], ledger: Ledger) {
        for p in projects {
            add(figures: p)
            // Counted once by the ledger (totals run over every project, several times a build).
            let counts = ledger.findingCounts(of: p)
            findings += Int(counts.all)
            errors += Int(counts.errors)
            warnings += Int(counts.warnings)
        }
    }

    /// Adds one project's figures (not its findings). Sums are made in the order projects
    /// are added, so totals grown one project at a time equal totals made from the list.
    mutating func add(figures p: ProjectRecord) {
        switch p.kind {
        case .selfEvaluation:
            evaluations += 1
            budget += p.budget ?? 0
            executed += p.executed ?? 0
            if let a = p.budget, let b = p.executed {
                budgetWithExecution += a
                executedWithBudget += b
            }
        case .target:
            targets += 1
            planned += p.budget ?? 0
        }
    }

    /// ΣB / ΣA over the self-evaluations that state both; nil when there are none.
    public var rate: Double? { budgetWithExecution > 0 ? executedWithBudget / budgetWithExecution : nil }
    public var projects: Int { evaluations + targets }
}
