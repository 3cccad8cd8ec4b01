/// One page per project, every field the form states.
enum ProjectPage {

    static func make(_ p: Project, site: SiteContext) -> Page {
        let page = Paths.project(p.id)
        let ledger = site.ledger
        let category = ledger.category(of: p.id)
        var md = MarkdownBuffer(capacity: 12_288)
        if let replacement = ledger.superseded[p.id] {
            md += "<p class=\"notice\">这是旧版本：所在材料已被重新提交的版本取代，不计入合计。"
            if let id = replacement { md.htmlLink("查看新版本", to: site.href(page, Paths.project(id))) }
            md += "</p>\n\n"
        }
        var facts = HTMLTable(className: "facts", columns: [("项目", .left), ("内容", .left)])
        func fact(_ label: String, _ value: String) { facts.row { $0.raw(label); $0.html(value) } }
        fact("表格", p.kind == .selfEvaluation ? "项目支出绩效自评表（年终）" : "项目绩效目标表（预算编制时）")
        fact("年度", Format.year(p.year))
        if p.agency == nil {
            facts.row { $0.raw("主管部门"); $0.raw(Markdown.htmlLink(p.agencyResolved, to: site.href(page, site.paths.agency(p.agencyResolved))) + "（表内未填，取自提交说明）") }
        } else {
            facts.row { $0.raw("主管部门"); $0.link(p.agencyResolved, to: site.href(page, site.paths.agency(p.agencyResolved))) }
        }
        if let local = p.localAgency { fact("地方主管部门", local) }
        fact("实施单位", p.unit ?? "—")
        if let code = p.code { fact("项目编码", code) }
        if let contact = p.contact { fact("负责人及电话", contact) }
        facts.row { $0.raw("分类"); $0.link(category.name, to: site.href(page, Paths.category(category))) }
        if let purpose = p.purpose { fact("资金用途", purpose) }
        facts.row { $0.raw("来源"); $0.raw("<span class=\"where\">\(Markdown.html(p.source.path)) 第 \(p.source.line) 行</span>") }
        md += facts

        md += "## 资金（万元）\n\n"
        funds(p, into: &md)
        if let plan = p.plan {
            md += "## 资金支出计划（累计进度）\n\n"
            var table = HTMLTable(columns: [("3月底", .right), ("6月底", .right), ("10月底", .right), ("12月底", .right)])
            table.row([plan.q1, plan.q2, plan.q3, plan.q4].map { $0.value.map { Format.number($0) + "%" } ?? ($0.printed.isEmpty ? "—" : Markdown.html($0.printed)) })
            md += table
        }
        if !p.goals.isEmpty {
            md += p.kind == .selfEvaluation ? "## 年度总体目标\n\n" : "## 绩效目标\n\n"
            if p.kind == .selfEvaluation {
                var table = HTMLTable(columns: [("年初设定目标", .left), ("全年实际完成情况", .left)])
                for g in p.goals { table.row { $0.html(g.planned ?? "—"); $0.html(g.actual ?? "—") } }
                md += table
            } else {
                md += p.goals.map { "- " + ($0.label.map { Markdown.text($0) + "：" } ?? "") + Markdown.text($0.planned ?? "（空）") }.joined(separator: "\n") + "\n\n"
            }
        }
        md += "## 绩效指标\n\n"
        indicators(p, into: &md)
        if p.kind == .selfEvaluation {
            md += "**总分**：" + (p.totalScore.value.map(Format.number) ?? (p.totalScore.printed.isEmpty ? "未填" : "「\(Markdown.text(p.totalScore.printed))」（无法读作分数）"))
            if let w = p.totalWeight.value { md += " / \(Format.number(w))" }
            md += "\n\n**说明**：" + (p.notes.map(Markdown.text) ?? "未填报（表内为填写说明或空白）") + "\n\n"
        }
        let history = ledger.history(of: p.id)
        if !history.isEmpty {
            md += "## 历次提交\n\n本项目重新提交过，页面显示最新版本；旧版本不计入合计。\n\n"
            let versions = history.map { ($0.id, $0.source) } + [(p.id, p.source)]
            for (older, newer) in zip(versions, versions.dropFirst()) {
                let moved = ledger.revisions.movedBetween[Revisions.pairKey(older.0, newer.0)] ?? []
                md += "- "
                md.link("旧版本", to: site.href(page, Paths.project(older.0)))
                md += "（"
                md.text(older.1.path)
                md += " 第 \(older.1.line) 行）→ "
                if newer.0 == p.id { md += "本版本" } else { md.link("后一版本", to: site.href(page, Paths.project(newer.0))) }
                md += "："
                md += moved.isEmpty ? "数字没有变化" : moved.map(Markdown.text).joined(separator: "；")
                md += "\n"
            }
            md += "\n"
        }
        md += "## 问题\n\n"
        PageBlocks.findings(ledger.findings(of: p.id), positions: ledger.findingPositions(of: p.id), from: page, site: site, into: &md)
        return Page(path: page, title: p.name ?? "（未填名称）", section: .agencies, body: md)
    }

    static func funds(_ p: Project, into md: inout MarkdownBuffer) {
        if p.kind == .target {
            var table = HTMLTable(columns: [("资金", .left), ("预算数", .right)])
            table.row { $0.raw("预算数"); cell(p.funds.budget, &$0) }
            for s in p.funds.sources { table.row { $0.raw("其中：" + Markdown.html(s.name)); cell(s.budget, &$0) } }
            md += table
            return
        }
        var table = HTMLTable(columns: [("资金", .left), ("年初预算数", .right), ("全年预算数（A）", .right),
                                        ("全年执行数（B）", .right), ("执行率（填报）", .right), ("执行率 B/A", .right),
                                        ("分值", .right), ("得分", .right)])
        let f = p.funds
        table.row { r in
            r.raw("年度资金总额"); cell(f.initialBudget, &r); cell(f.budget, &r); cell(f.executed, &r)
            if let rate = f.statedRate.value { r.raw(Format.percent(rate)) } else { r.html(f.statedRate.printed.isEmpty ? "—" : f.statedRate.printed) }
            r.raw(Format.percent(f.rate)); cell(f.weight, &r, number: true); cell(f.score, &r, number: true)
        }
        for s in f.sources {
            table.row { r in
                r.raw("其中：" + Markdown.html(s.name)); cell(s.initialBudget, &r); cell(s.budget, &r); cell(s.executed, &r)
                for _ in 0..<4 { r.raw("") }
            }
        }
        md += table
    }

    /// A value cell: the number formatted, else the printed text, else —.
    static func cell(_ a: Amount, _ r: inout HTMLTable.Cells, number: Bool = false) {
        if let v = a.value { r.raw(number ? Format.number(v) : Format.amount(v)) } else { r.html(a.printed.isEmpty ? "—" : a.printed) }
    }

    /// Indicators grouped by level 1 and level 2.
    static func indicators(_ p: Project, into md: inout MarkdownBuffer) {
        guard !p.indicators.isEmpty else { md += "表内没有绩效指标。\n\n"; return }
        let scored = p.indicators.contains { !$0.weight.isBlank || !$0.score.isBlank }
        // Runs of one 一级指标, as index ranges (no copies of the indicators).
        var groups: [(String, Range<Int>)] = []
        for (n, i) in p.indicators.enumerated() {
            let key = i.level1 ?? "（未填一级指标）"
            if groups.last?.0 == key { groups[groups.count - 1].1 = groups[groups.count - 1].1.lowerBound..<(n + 1) } else { groups.append((key, n..<(n + 1))) }
        }
        var columns: [(String, HTMLTable.Align)] = [("二级指标", .left), ("三级指标", .left)]
        if p.kind == .target { columns += [("指标描述", .left), ("指标值", .left), ("确定依据", .left)] }
        else { columns += [("年度指标值", .left), ("完成值", .left)] }
        if scored { columns += [("分值", .right), ("得分", .right)] }
        if p.kind == .selfEvaluation { columns.append(("偏差原因", .left)) }
        for (level1, range) in groups {
            md += "### "
            md.text(level1)
            md += "\n\n"
            var table = HTMLTable(className: "data indicators", columns: columns)
            for n in range {
                table.row { r in
                    let i = p.indicators[n]
                    r.html(i.level2 ?? "—"); r.html(i.name ?? "—")
                    if p.kind == .target {
                        r.html(i.description ?? "—"); r.html(i.target ?? "—"); r.html(i.basis ?? "—")
                    } else {
                        r.html(i.target ?? "—"); r.html(i.actual ?? "—")
                    }
                    if scored { cell(i.weight, &r, number: true); cell(i.score, &r, number: true) }
                    if p.kind == .selfEvaluation { r.html(i.deviation ?? "—") }
                }
            }
            md += table
        }
    }
}
