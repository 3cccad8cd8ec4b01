/// Whether a target can be measured: a number or a date, not 是 or 效果明显.
enum Measurability {
    static func isMeasurable(_ i: Indicator) -> Bool {
        switch i.targetMeasure {
        case .quantity?, .date?: return true
        default: return false
        }
    }

    /// (measurable, all) targets of a project.
    static func counts(_ p: Project) -> (measurable: Int, all: Int) {
        // Counted in place: copying the indicators (a dozen strings each) cost more than looking.
        var measurable = 0, all = 0
        for i in p.indicators {
            guard let target = i.target, !PlaceholderText.isPlaceholder(target) else { continue }
            all += 1
            if isMeasurable(i) { measurable += 1 }
        }
        return (measurable, all)
    }
}

extension Rules {
    public static let vagueTarget = Rule(
        id: "vague-target", title: "目标无法衡量", severity: .info,
        checks: "年度指标值能否衡量：有没有数量、比例或时限。",
        why: "「是」「效果明显」「按质按量完成」这样的目标无论做成什么样都可以说完成了，无法用来问责。部门页面会显示可衡量目标所占比例。",
        how: "年度指标值读不出数量（含百分比）或日期的，视为无法衡量；每张表合并为一条提示，列出比例和例子。",
        run: { p, _ in
            var targets = 0, vague: [String] = [], firstLine = 0
            for i in p.indicators {
                guard let target = i.target, !PlaceholderText.isPlaceholder(target) else { continue }
                targets += 1
                if !Measurability.isMeasurable(i) {
                    if vague.isEmpty { firstLine = i.line }
                    vague.append(target)
                }
            }
            guard !vague.isEmpty else { return [] }
            let examples = Array(Set(vague)).sorted().prefix(4).map { "「\(Charts.shorten($0, 16))」" }.joined(separator: "")
            return [RuleHit(line: firstLine,
                "\(targets) 项年度指标值中有 \(vague.count) 项没有数量或时限，无法衡量，如\(examples)")]
        })

    public static let spendPlan = Rule(
        id: "spend-plan", title: "支出计划不完整", severity: .warning,
        checks: "绩效目标表的资金支出计划（3月底、6月底、10月底、12月底的累计百分比）是否逐季不减，并在 12 月底达到 100%。",
        why: "支出计划是执行监控的依据；留空、倒退或到年底不足 100% 的计划无法用来检查进度。",
        how: "后一季度小于前一季度、或 12 月底不是 100% 时为警告；只是有季度空白时为提示。",
        run: { p, _ in
            guard p.kind == .target else { return [] }
            guard let plan = p.plan else {
                return [RuleHit(line: p.source.line, "没有填写资金支出计划")]
            }
            var problems: [String] = []
            let quarters = [("3月底", plan.q1), ("6月底", plan.q2), ("10月底", plan.q3), ("12月底", plan.q4)]
            // Blanks after a quarter that already reached 100% say nothing is left to spend.
            let done = quarters.firstIndex { ($0.1.value ?? 0) >= 100 } ?? quarters.count
            let blank = quarters.enumerated().filter { $0.offset < done && $0.element.1.value == nil }.map(\.element.0)
            let present = quarters.compactMap { q in q.1.value.map { (q.0, $0) } }
            for (a, b) in zip(present, present.dropFirst()) where b.1 < a.1 {
                problems.append("\(b.0) \(Format.number(b.1))% 小于 \(a.0) \(Format.number(a.1))%，累计进度不应倒退")
            }
            if let q4 = plan.q4.value, abs(q4 - 100) > 0.01 { problems.append("12月底为 \(Format.number(q4))%，不是 100%") }
            if plan.q4.value == nil, done == quarters.count, !present.isEmpty { problems.append("到 12月底没有达到 100%") }
            if problems.isEmpty && !blank.isEmpty {
                return [RuleHit(line: plan.line, "资金支出计划的" + blank.joined(separator: "、") + "空白，没有给出累计进度", severity: .info)]
            }
            guard !problems.isEmpty else { return [] }
            if !blank.isEmpty { problems.append(blank.joined(separator: "、") + "空白") }
            return [RuleHit(line: plan.line, "资金支出计划：" + problems.joined(separator: "；"))]
        })

    public static let level1Coverage = Rule(
        id: "level1-coverage", title: "缺少一级指标", severity: .warning,
        checks: "绩效指标是否覆盖产出、效益和满意度三类一级指标。",
        why: "只有产出没有效益，说明不了钱花得值不值；没有满意度，就听不到服务对象的声音。",
        how: "某一类一级指标下一项填写了内容的指标都没有时报告。",
        run: { p, _ in
            var firstLine: Int?, present: Set<String> = []
            for i in p.indicators where i.name != nil || i.target != nil {
                firstLine = firstLine ?? i.line
                if let level1 = i.level1 { present.insert(level1) }
            }
            guard let firstLine else {
                return [RuleHit(line: p.source.line, "表中没有任何绩效指标")]
            }
            let missing = [Label.output, .effect, .satisfaction].map(\.rawValue).filter { !present.contains($0) }
            guard !missing.isEmpty else { return [] }
            return [RuleHit(line: firstLine, "没有\(missing.joined(separator: "、"))类的指标")]
        })

    public static let duplicateProject = Rule(
        id: "duplicate-project", title: "同一项目重复填报", severity: .warning,
        checks: "同一年度、同一主管部门下是否有名称相同的两张表（被重新提交取代的旧版本除外）。",
        why: "同一项目出现两次会让部门和分类的合计重复计算。",
        how: "年度、主管部门和去掉空白后的项目名称都相同、实施单位也不矛盾的表，互相报告对方的位置。",
        peers: { p, context in
            // A superseded version is a revision of its replacement, not a duplicate of it.
            guard p.name != nil, let group = context.peerGroup(of: p) else { return [] }
            let me = group.peers[group.me]
            return context.peers(of: p, in: group) { other in
                other.nameKey == me.nameKey && (other.unit < 0 || me.unit < 0 || other.unit == me.unit)
            }.map { other in
                RuleHit(line: p.source.line,
                    "与 \(other.source.path):\(other.source.line) 的「\(other.name ?? "")」重复（\(Format.year(p.year))，\(p.agencyResolved)）")
            }
        })
}
