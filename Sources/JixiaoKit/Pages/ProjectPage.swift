/// One page per project, every field the form states.
enum ProjectPage {

    static func make(_ p: Project, site: SiteContext) -> Page {
        let page = Paths.project(p.id)
        let ledger = site.ledger
        let category = ledger.category(of: p.id)
        var md = ""
        if let replacement = ledger.superseded[p.id] {
            md += "<p class=\"notice\">这是旧版本：所在材料已被重新提交的版本取代，不计入合计。"
            if let id = replacement { md += Markdown.htmlLink("查看新版本", to: site.href(page, Paths.project(id))) }
            md += "</p>\n\n"
        }
        var facts = HTMLTable(className: "facts", columns: [("项目", .left), ("内容", .left)])
        facts.row(["表格", Markdown.html(p.kind == .selfEvaluation ? "项目支出绩效自评表（年终）" : "项目绩效目标表（预算编制时）")])
        facts.row(["年度", Markdown.html(Format.year(p.year))])
        facts.row(["主管部门", Markdown.htmlLink(p.agencyResolved, to: site.href(page, site.paths.agency(p.agencyResolved)))
                   + (p.agency == nil ? "（表内未填，取自提交说明）" : "")])
        if let local = p.localAgency { facts.row(["地方主管部门", Markdown.html(local)]) }
        facts.row(["实施单位", Markdown.html(p.unit ?? "—")])
        if let code = p.code { facts.row(["项目编码", Markdown.html(code)]) }
        if let contact = p.contact { facts.row(["负责人及电话", Markdown.html(contact)]) }
        facts.row(["分类", Markdown.htmlLink(category.name, to: site.href(page, Paths.category(category)))])
        if let purpose = p.purpose { facts.row(["资金用途", Markdown.html(purpose)]) }
        facts.row(["来源", "<span class=\"where\">\(Markdown.html(p.source.path)) 第 \(p.source.line) 行</span>"])
        md += facts.markdown

        md += "## 资金（万元）\n\n" + funds(p)
        if let plan = p.plan {
            md += "## 资金支出计划（累计进度）\n\n"
            var table = HTMLTable(columns: [("3月底", .right), ("6月底", .right), ("10月底", .right), ("12月底", .right)])
            table.row([plan.q1, plan.q2, plan.q3, plan.q4].map { $0.value.map { Format.number($0) + "%" } ?? ($0.printed.isEmpty ? "—" : Markdown.html($0.printed)) })
            md += table.markdown
        }
        if !p.goals.isEmpty {
            md += p.kind == .selfEvaluation ? "## 年度总体目标\n\n" : "## 绩效目标\n\n"
            if p.kind == .selfEvaluation {
                var table = HTMLTable(columns: [("年初设定目标", .left), ("全年实际完成情况", .left)])
                for g in p.goals { table.row([Markdown.html(g.planned ?? "—"), Markdown.html(g.actual ?? "—")]) }
                md += table.markdown
            } else {
                md += p.goals.map { "- " + ($0.label.map { Markdown.text($0) + "：" } ?? "") + Markdown.text($0.planned ?? "（空）") }.joined(separator: "\n") + "\n\n"
            }
        }
        md += "## 绩效指标\n\n" + indicators(p)
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
                md += "- " + Markdown.link("旧版本", to: site.href(page, Paths.project(older.0)))
                    + "（\(Markdown.text(older.1.path)) 第 \(older.1.line) 行）→ "
                    + (newer.0 == p.id ? "本版本" : Markdown.link("后一版本", to: site.href(page, Paths.project(newer.0))))
                    + "：" + (moved.isEmpty ? "数字没有变化" : moved.map(Markdown.text).joined(separator: "；")) + "\n"
            }
            md += "\n"
        }
        md += "## 问题\n\n" + PageBlocks.findings(ledger.findings(of: p.id), from: page, site: site)
        return Page(path: page, title: p.name ?? "（未填名称）", section: .agencies, markdown: md)
    }

    static func funds(_ p: Project) -> String {
        if p.kind == .target {
            var table = HTMLTable(columns: [("资金", .left), ("预算数", .right)])
            table.row(["预算数", cell(p.funds.budget)])
            for s in p.funds.sources { table.row(["其中：" + Markdown.html(s.name), cell(s.budget)]) }
            return table.markdown
        }
        var table = HTMLTable(columns: [("资金", .left), ("年初预算数", .right), ("全年预算数（A）", .right),
                                        ("全年执行数（B）", .right), ("执行率（填报）", .right), ("执行率 B/A", .right),
                                        ("分值", .right), ("得分", .right)])
        let f = p.funds
        table.row(["年度资金总额", cell(f.initialBudget), cell(f.budget), cell(f.executed),
                   f.statedRate.value.map(Format.percent) ?? Markdown.html(f.statedRate.printed.isEmpty ? "—" : f.statedRate.printed),
                   Format.percent(f.rate), cell(f.weight, number: true), cell(f.score, number: true)])
        for s in f.sources {
            table.row(["其中：" + Markdown.html(s.name), cell(s.initialBudget), cell(s.budget), cell(s.executed), "", "", "", ""])
        }
        return table.markdown
    }

    /// A value cell: the number formatted, else the printed text, else —.
    static func cell(_ a: Amount, number: Bool = false) -> String {
        if let v = a.value { return number ? Format.number(v) : Format.amount(v) }
        return a.printed.isEmpty ? "—" : Markdown.html(a.printed)
    }

    /// Indicators grouped by level 1 and level 2.
    static func indicators(_ p: Project) -> String {
        guard !p.indicators.isEmpty else { return "表内没有绩效指标。\n\n" }
        var md = ""
        let scored = p.indicators.contains { !$0.weight.isBlank || !$0.score.isBlank }
        // Runs of one 一级指标, as index ranges (no copies of the indicators).
        var groups: [(String, Range<Int>)] = []
        for (n, i) in p.indicators.enumerated() {
            let key = i.level1 ?? "（未填一级指标）"
            if groups.last?.0 == key { groups[groups.count - 1].1 = groups[groups.count - 1].1.lowerBound..<(n + 1) } else { groups.append((key, n..<(n + 1))) }
        }
        for (level1, range) in groups {
            let items = p.indicators[range]
            md += "### \(Markdown.text(level1))\n\n"
            var columns: [(String, HTMLTable.Align)] = [("二级指标", .left), ("三级指标", .left)]
            if p.kind == .target { columns += [("指标描述", .left), ("指标值", .left), ("确定依据", .left)] }
            else { columns += [("年度指标值", .left), ("完成值", .left)] }
            if scored { columns += [("分值", .right), ("得分", .right)] }
            if p.kind == .selfEvaluation { columns.append(("偏差原因", .left)) }
            var table = HTMLTable(className: "data indicators", columns: columns)
            for i in items {
                var cells = [Markdown.html(i.level2 ?? "—"), Markdown.html(i.name ?? "—")]
                if p.kind == .target {
                    cells += [Markdown.html(i.description ?? "—"), Markdown.html(i.target ?? "—"), Markdown.html(i.basis ?? "—")]
                } else {
                    cells += [Markdown.html(i.target ?? "—"), Markdown.html(i.actual ?? "—")]
                }
                if scored { cells += [cell(i.weight, number: true), cell(i.score, number: true)] }
                if p.kind == .selfEvaluation { cells.append(Markdown.html(i.deviation ?? "—")) }
                table.row(cells)
            }
            md += table.markdown
        }
        return md
    }
}
