/// The two kinds of project form.
public enum FormKind: String, Sendable, Codable, Equatable, Hashable {
    /// 项目支出绩效自评表: year-end self-evaluation with execution figures.
    case selfEvaluation = "self-evaluation"
    /// 项目绩效目标表: budget-time targets, no execution.
    case target = "target"
}
