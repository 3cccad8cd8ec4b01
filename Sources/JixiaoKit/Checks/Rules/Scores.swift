extension Rules {
    /// Weights should add up to 100, and each level to the configured scheme.
    public static let weightsSum = Rule(
        id: "weights-sum", title: "分值合计不为 100", severity: .warning,
        checks: "预算执行率分值与各项绩效指标分值之和是否为 100；各一级指标的分值是否符合 site.yml 中的权重方案（默认预算执行率 10、产出 50、效益 30、满意度 10）。",
        why: "分值合计不是 100 时，总分就不是百分制，项目之间无法比较；偏离权重方案会改变评价重心。",
        how: "只检查填报了分值的表。合计与 100 相差超过 0.01 为警告；一级指标分值与方案不同为提示（方案允许特殊情况下调整）。",
        run: { p, context in
            let weights = p.indicators.compactMap(\.weight.value)
            guard !weights.isEmpty || p.funds.weight.value != nil else { return [] }
            var out: [RuleHit] = []
            let total = weights.reduce(0, +) + (p.funds.weight.value ?? 0)
            if abs(total - 100) > context.settings.scoreTolerance {
                out.append(RuleHit(line: p.indicators.first?.line ?? p.source.line,
                    "预算执行率分值 \(Format.number(p.funds.weight.value)) 与 \(weights.count) 项指标分值之和为 \(Format.number(total))，不是 100"))
            }
            var differences: [String] = []
            for (level, expected) in context.weightsInOrder {
                let actual = Text.same(level, "预算执行率") ? (p.funds.weight.value ?? 0)
                    : p.indicators.reduce(0) { $0 + ($1.level1.map { Text.same($0, level) } ?? false ? $1.weight.value ?? 0 : 0) }
                if abs(actual - expected) > context.settings.scoreTolerance {
                    differences.append("\(level) \(Format.number(actual))（方案 \(Format.number(expected))）")
                }
            }
            if !differences.isEmpty {
                out.append(RuleHit(line: p.indicators.first?.line ?? p.source.line,
                    "一级指标分值与权重方案不同：" + differences.joined(separator: "，"), severity: .info))
            }
            return out
        })

    /// A score above its weight.
    public static let scoreAboveWeight = Rule(
        id: "score-above-weight", title: "得分高于分值", severity: .error,
        checks: "每项指标（含预算执行率）的得分是否超过其分值。",
        why: "得分不能超过满分；超过说明分值或得分填错，总分随之失真。",
        how: "得分比分值高出 0.01 分以上即报告。",
        run: { p, context in
            var out: [RuleHit] = []
            if let w = p.funds.weight.value, let s = p.funds.score.value, s - w > context.settings.scoreTolerance {
                out.append(RuleHit(line: p.funds.line, "预算执行率得分 \(Format.number(s)) 高于分值 \(Format.number(w))"))
            }
            for i in p.indicators {
                if let w = i.weight.value, let s = i.score.value, s - w > context.settings.scoreTolerance {
                    out.append(RuleHit(line: i.line, "指标\(CheckText.name(i))得分 \(Format.number(s)) 高于分值 \(Format.number(w))"))
                }
            }
            return out
        })

    /// 总分 against the sum of the scores.
    public static let totalScoreMismatch = Rule(
        id: "total-score-mismatch", title: "总分与得分合计不符", severity: .error,
        checks: "总分是否等于预算执行率得分与各项指标得分之和。",
        why: "总分是公开排名和问责的依据；与分项不符说明漏算、重复计算或抄写错误。",
        how: "只检查填报了得分的表：把预算执行率得分和全部指标得分相加，与可读的总分相差超过 0.01 分即报告。",
        run: { p, context in
            guard let total = p.totalScore.value else { return [] }
            let scores = p.indicators.compactMap(\.score.value)
            guard !scores.isEmpty else { return [] }
            let sum = scores.reduce(0, +) + (p.funds.score.value ?? 0)
            guard abs(total - sum) > context.settings.scoreTolerance else { return [] }
            let weights = p.indicators.compactMap(\.weight.value).reduce(0, +) + (p.funds.weight.value ?? 0)
            return [RuleHit(line: totalLine(p),
                "总分填报 \(Format.number(total))，但预算执行率得分 \(Format.number(p.funds.score.value)) 与 \(scores.count) 项指标得分合计为 \(Format.number(sum))（分值合计 \(Format.number(weights))）")]
        })

    /// 总分 printed but not a number.
    public static let totalScoreUnreadable = Rule(
        id: "total-score-unreadable", title: "总分无法读取", severity: .error,
        checks: "总分栏填写的内容能否读成一个分数。",
        why: "总分栏写成「94.67 999994.67」或只有「分」字时，读者无法知道项目的评价结果。",
        how: "总分栏不空、却不是一个数字（允许带「分」字）时报告，并给出按得分合计应有的总分。",
        run: { p, _ in
            guard !p.totalScore.isBlank, p.totalScore.value == nil else { return [] }
            let scores = p.indicators.compactMap(\.score.value)
            let sum = scores.reduce(0, +) + (p.funds.score.value ?? 0)
            return [RuleHit(line: totalLine(p),
                "总分填写为「\(p.totalScore.printed)」，不是一个分数" + (scores.isEmpty ? "" : "；按得分合计应为 \(Format.number(sum)) 分"))]
        })

    /// The 总分 row's line: after the last indicator.
    static func totalLine(_ p: Project) -> Int { (p.indicators.last?.line ?? p.source.line) }
}
