/// What the forms themselves report as unmet: 0 or 未完成, points lost, a deviation reason,
/// a 说明 that is not the instruction text, execution under 100%.
/// Only self-evaluations report results; target tables are budget-time plans.
public enum ReportedIssues {
    public static func findings(for p: Project) -> [Finding] {
        guard p.kind == .selfEvaluation else { return [] }
        var out: [Finding] = []
        func add(_ kind: String, _ severity: Severity, _ message: String, line: Int) {
            out.append(Finding(kind: kind, severity: severity, origin: .reported, message: message,
                               projectID: p.id, path: p.source.path, line: line))
        }
        for i in p.indicators {
            let name = i.name ?? "（未填名称）"
            // A missing completion value is the actual-missing rule's (Checks/Rules/Targets.swift).
            if let actual = i.actual, TargetEvaluation.reportedUndone(i) {
                add("target-reported-unmet", .warning, "指标「\(name)」完成值为「\(actual)」，目标「\(i.target ?? "未填")」未完成", line: i.line)
            }
            if let weight = i.weight.value, let score = i.score.value, score < weight {
                add("score-below-weight", .info, "指标「\(name)」得分 \(Format.number(score)) 低于分值 \(Format.number(weight))", line: i.line)
            }
            if let deviation = i.deviation, !isNothing(deviation) {
                add("deviation-reported", .info, "指标「\(name)」填报偏差原因：\(deviation)", line: i.line)
            }
        }
        if let notes = p.notes, !isNothing(notes) {
            add("notes-reported", .info, "说明栏：\(notes)", line: p.source.line)
        }
        if let rate = p.funds.rate, rate < 1 {
            add("execution-below-full", rate < 0.9 ? .warning : .info,
                "预算执行率 \(Format.percent(rate))（全年执行数 \(Format.amount(p.funds.executed.value)) / 全年预算数 \(Format.amount(p.funds.budget.value)) 万元）",
                line: p.funds.line == 0 ? p.source.line : p.funds.line)
        }
        return out
    }

    /// 无, 暂无, /, — and the like say nothing.
    static func isNothing(_ text: String) -> Bool {
        let k = Text.key(text)
        return nothingWords.contains(k) || Text.isDash(k)
    }

    private static let nothingWords = WordSet(["无", "暂无", "没有", "无偏差", "/", "—", "-", "——", "无。", "无问题"])
}
