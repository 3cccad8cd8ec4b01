/// Reading a target against its completion value.
enum TargetEvaluation {
    /// Why an indicator's target was not met, or nil when it was met or cannot be told.
    static func unmet(_ i: Indicator) -> String? {
        guard let target = i.targetMeasure, let actual = i.actualMeasure else { return nil }
        switch (target, actual) {
        case let (.quantity(op?, t, tUnit), .quantity(_, a, aUnit)) where unitsMatch(tUnit, aUnit):
            let met: Bool
            switch op {
            case .atLeast: met = a >= t
            case .greater: met = a > t
            case .equal: met = abs(a - t) < 1e-9
            case .atMost: met = a <= t
            case .less: met = a < t
            }
            return met ? nil : "目标「\(i.target ?? "")」，完成「\(i.actual ?? "")」"
        case let (.date(ty, tm, td, _), .date(ay, am, ad, _)):
            let tDay = td ?? 31, aDay = ad ?? 1
            if let ty, let ay {
                return (ay, am, aDay) > (ty, tm, tDay) ? "时限「\(i.target ?? "")」，完成于「\(i.actual ?? "")」" : nil
            }
            if am < tm, ty == nil, ay == nil {
                // A self-evaluation is written after the year ends: a completion date with an
                // earlier month and no year reads as the following year.
                return "时限「\(i.target ?? "")」，完成于「\(i.actual ?? "")」（未写年份，早于时限月份，按次年理解）"
            }
            return (am, aDay) > (tm, tDay) ? "时限「\(i.target ?? "")」，完成于「\(i.actual ?? "")」" : nil
        default:
            return nil
        }
    }

    /// Units compare when equal, when one side gives none, or both are counts of the same thing.
    static func unitsMatch(_ a: String, _ b: String) -> Bool {
        let a = a.prefix(1), b = b.prefix(1)
        return a == b || a.isEmpty || b.isEmpty
    }

    /// The completion value says the target was not done: 未完成, 0.
    static func reportedUndone(_ i: Indicator) -> Bool {
        guard let actual = i.actual else { return false }
        let k = Text.key(actual)
        return Text.same(k, "0") || Text.same(k, "0%") || i.actualMeasure == .status(done: false)
    }
}

extension Rules {
    public static let targetNotMet = Rule(
        id: "target-not-met", title: "指标未达到目标", severity: .warning,
        checks: "带比较符的数量目标（≥ > = ≤ <、大于、高于、不低于、以上、以内等）是否被完成值达到；时效目标（截止12月31日前、12月20日）是否被晚于时限的完成日期打破。",
        why: "表格常把未达标的指标也写成「已完成」；逐项比对数值才能看出哪些承诺没有兑现。",
        how: "年度指标值和完成值都能读成同一单位的数量时按比较符比较；都能读成日期时比较先后，完成日期没有年份且月份早于时限时按次年理解。只写了「已完成」的指标无法比较，不报告。",
        run: { p, _ in
            guard p.kind == .selfEvaluation else { return [] }
            return p.indicators.compactMap { i in
                TargetEvaluation.unmet(i).map { RuleHit(line: i.line, "指标\(CheckText.name(i))未达到目标：\($0)") }
            }
        })

    public static let deviationMissing = Rule(
        id: "deviation-missing", title: "未达标却无偏差原因", severity: .warning,
        checks: "未达到目标、填报未完成或得分低于分值的指标，是否写了偏差原因。",
        why: "自评表要求对未完成的指标说明原因和改进措施；空着或只写「无」等于没有解释。",
        how: "指标未达目标（同 target-not-met）、完成值为 0 或「未完成」、或得分低于分值时，偏差原因为空或为「无」「暂无」「/」「—」即报告。",
        run: { p, _ in
            guard p.kind == .selfEvaluation else { return [] }
            return p.indicators.compactMap { i in
                guard !CheckText.isReal(i.deviation) else { return nil }
                var why: String?
                if let s = i.score.value, let w = i.weight.value, s < w { why = "得分 \(Format.number(s)) 低于分值 \(Format.number(w))" }
                if TargetEvaluation.reportedUndone(i) { why = "完成值为「\(i.actual ?? "")」" }
                if let unmet = TargetEvaluation.unmet(i) { why = unmet }
                return why.map { RuleHit(line: i.line, "指标\(CheckText.name(i))\($0)，但没有填写偏差原因") }
            }
        })

    public static let actualMissing = Rule(
        id: "actual-missing", title: "指标无完成值", severity: .warning,
        checks: "自评表中设定了目标的指标是否填写了完成值。",
        why: "没有完成值就无法判断目标是否实现，这项指标的自评等于没有做。",
        how: "自评表中有指标名称或年度指标值、完成值却为空的指标，逐项报告。目标表是预算编制时的计划，不检查。",
        run: { p, _ in
            guard p.kind == .selfEvaluation else { return [] }
            return p.indicators.filter { $0.actual == nil && ($0.target != nil || $0.name != nil) }.map { i in
                RuleHit(line: i.line, "指标\(CheckText.name(i))没有填写完成值（年度指标值：\(i.target ?? "未填")）")
            }
        })
}
