extension Rules {
    /// An amount in a 成本指标 that differs from the project's budget.
    public static let costAboveBudget = Rule(
        id: "cost-above-budget", title: "成本指标与预算不符", severity: .warning,
        checks: "成本指标中的金额（如「专项投入控制 450 万」「不超预算数 9.74 万元」「≤13万元」）是否超过或不同于项目的全年预算数。",
        why: "成本指标是对花钱上限的承诺；高于预算数的上限没有约束力，与预算不一致常常说明预算调整后指标没有随之修改。",
        how: "从成本指标的年度指标值中读出以万元（或元）计的金额：任何一项高于全年预算数即为警告；只有一项且与全年预算数不同时为提示（与年初预算数相同时注明）；有多项时比较其合计。",
        run: { p, context in
            guard let budget = p.funds.budget.value else { return [] }
            let tolerance = context.settings.amountTolerance
            func isCost(_ level: String?) -> Bool { level.map { Text.same($0, Label.cost.rawValue) } ?? false }
            let costs: [(Indicator, Double)] = p.indicators.filter { isCost($0.level2) || isCost($0.level1) }
                .compactMap { i in costAmount(i.targetMeasure).map { (i, $0) } }
            guard !costs.isEmpty else { return [] }
            var out: [RuleHit] = []
            for (i, amount) in costs where amount - budget > tolerance {
                out.append(RuleHit(line: i.line,
                    "成本指标\(CheckText.name(i))的目标「\(i.target ?? "")」为 \(CheckText.amount(amount))，高于全年预算数 \(CheckText.amount(budget))"
                    + (p.funds.initialBudget.value.map { abs($0 - amount) <= tolerance ? "（与年初预算数相同，预算调减后指标未修改）" : "" } ?? "")))
            }
            guard out.isEmpty else { return out }
            let sum = costs.map(\.1).reduce(0, +)
            guard abs(sum - budget) > tolerance else { return [] }
            if costs.count == 1, let (i, amount) = costs.first {
                let initialNote = p.funds.initialBudget.value.map { abs($0 - amount) <= tolerance ? "，与年初预算数相同" : "" } ?? ""
                return [RuleHit(line: i.line,
                    "成本指标\(CheckText.name(i))的目标「\(i.target ?? "")」为 \(CheckText.amount(amount))，与全年预算数 \(CheckText.amount(budget)) 不同\(initialNote)", severity: .info)]
            }
            return [RuleHit(line: costs[0].0.line,
                "\(costs.count) 项成本指标的金额合计 \(CheckText.amount(sum))（\(costs.map { Format.number($0.1) }.joined(separator: " + "))），与全年预算数 \(CheckText.amount(budget)) 不同", severity: .info)]
        })

    /// The amount a cost target states, in 万元: 450万, 9.74万元, ≤13万元, 5000元. nil for a percent or prose.
    static func costAmount(_ target: Measure?) -> Double? {
        guard case let .quantity(_, value, unit)? = target else { return nil }
        switch unit {
        case let u where u.hasPrefix("万"): return value
        case let u where u.hasPrefix("元"): return value / 10000
        default: return nil
        }
    }
}
