extension Rules {
    /// The printed 执行率 against B/A.
    public static let rateMismatch = Rule(
        id: "rate-mismatch", title: "执行率与 B/A 不符", severity: .error,
        checks: "表中填写的执行率是否等于全年执行数 B ÷ 全年预算数 A。",
        why: "执行率是评价预算执行的核心指标，也决定执行率得分；填错会让得分和排名失真。",
        how: "B/A 与填报执行率相差超过 0.1 个百分点即报告。执行率未填或无法读成百分数时不比较（后者另见读取诊断）。",
        run: { p, context in
            guard let stated = p.funds.statedRate.value, let rate = p.funds.rate else { return [] }
            let gap = abs(stated - rate) * 100
            guard gap > context.settings.rateTolerance else { return [] }
            return [RuleHit(line: p.funds.line,
                "填报执行率 \(p.funds.statedRate.printed)，但全年执行数 \(Format.amount(p.funds.executed.value)) ÷ 全年预算数 \(Format.amount(p.funds.budget.value)) = \(Format.percent(rate))，相差 \(Format.fixed(gap, 1)) 个百分点")]
        })

    /// The execution score against 分值 × min(B/A, 1).
    public static let rateScoreMismatch = Rule(
        id: "rate-score-mismatch", title: "执行率得分不符", severity: .warning,
        checks: "预算执行率一行的得分是否等于分值 × min(B/A, 1)。",
        why: "执行率得分按公式计算，不应凭估计填写；算错会直接改变总分。",
        how: "按全年执行数 ÷ 全年预算数计算（超过 100% 按 100% 计），乘以该行分值，与填报得分相差超过 0.01 分（允许填报执行率四舍五入带来的差异）即报告；得分无法读成数字时也报告。",
        run: { p, context in
            guard let weight = p.funds.weight.value, let rate = p.funds.rate else { return [] }
            let expected = weight * min(rate, 1)
            let viaStated = p.funds.statedRate.value.map { weight * min($0, 1) }
            if p.funds.score.isBlank { return [] }
            guard let score = p.funds.score.value else {
                return [RuleHit(line: p.funds.line,
                    "执行率得分「\(p.funds.score.printed)」不是数字；按分值 \(Format.number(weight)) × 执行率 \(Format.percent(rate)) 应为 \(Format.number((expected * 100).rounded() / 100)) 分")]
            }
            let tolerance = context.settings.scoreTolerance + 0.005
            if abs(score - expected) <= tolerance || viaStated.map({ abs(score - $0) <= tolerance }) == true { return [] }
            return [RuleHit(line: p.funds.line,
                "执行率得分填报 \(Format.number(score)) 分，按分值 \(Format.number(weight)) × min(执行率 \(Format.percent(rate)), 100%) 应为 \(Format.number((expected * 100).rounded() / 100)) 分")]
        })
}
