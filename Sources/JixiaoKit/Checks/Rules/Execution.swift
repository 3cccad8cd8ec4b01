extension Rules {
    /// B/A under the configured threshold.
    public static let lowExecution = Rule(
        id: "low-execution", title: "预算执行率偏低", severity: .warning,
        checks: "全年执行数 ÷ 全年预算数是否低于 site.yml 中设定的阈值（默认 90%）。",
        why: "执行率低意味着资金沉淀或项目未按计划实施，是绩效监控的重点。",
        how: "B/A 低于阈值时报告：表内没有填写任何实际的偏差原因或说明时为警告，填写了时为提示。",
        run: { p, context in
            guard let rate = p.funds.rate, rate < context.settings.lowExecution else { return [] }
            let reason = CheckText.hasAnyReason(p)
            return [RuleHit(line: p.funds.line,
                "预算执行率 \(Format.percent(rate))（\(Format.amount(p.funds.executed.value)) / \(Format.amount(p.funds.budget.value)) 万元），低于 \(Format.percent(context.settings.lowExecution))"
                + (reason ? "；表内填写了偏差原因或说明" : "；表内没有说明原因"), severity: reason ? .info : .warning)]
        })

    /// B > A.
    public static let overExecution = Rule(
        id: "over-execution", title: "超预算执行", severity: .warning,
        checks: "全年执行数是否超过全年预算数。",
        why: "执行数超过预算数意味着超支，或两个数字中有一个填错。",
        how: "B 大于 A 超过 0.01 万元即报告。",
        run: { p, context in
            guard let a = p.funds.budget.value, let b = p.funds.executed.value, b - a > context.settings.amountTolerance else { return [] }
            return [RuleHit(line: p.funds.line,
                "全年执行数 \(CheckText.amount(b)) 超过全年预算数 \(CheckText.amount(a))，超出 \(Format.amount(b - a)) 万元")]
        })

    /// 全年预算数 ≠ 年初预算数.
    public static let budgetAdjusted = Rule(
        id: "budget-adjusted", title: "年中调整预算", severity: .info,
        checks: "全年预算数是否不同于年初预算数。",
        why: "年中追加或调减预算是正常的，但应当公开：读者比较年初目标和年终结果时需要知道预算变过。",
        how: "两者都填报且相差超过 0.01 万元时报告调整方向和金额。",
        run: { p, context in
            guard let initial = p.funds.initialBudget.value, let budget = p.funds.budget.value,
                  abs(initial - budget) > context.settings.amountTolerance else { return [] }
            let change = budget - initial
            return [RuleHit(line: p.funds.line,
                "全年预算数 \(CheckText.amount(budget))，年初预算数 \(CheckText.amount(initial))，年中\(change > 0 ? "追加" : "调减") \(Format.amount(abs(change))) 万元")]
        })
}
