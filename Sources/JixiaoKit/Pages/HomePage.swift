/// The home page: headline figures per year, charts, and the ways in.
enum HomePage {
    static func make(_ site: SiteContext) -> Page {
        let page = Paths.home
        let ledger = site.ledger
        var md = "\(Markdown.text(site.config.description))\n\n"
        md += "## 总览\n\n"
        var overview = HTMLTable(className: "data overview", columns: [
            ("年度", .left), ("自评项目", .right), ("主管部门", .right), ("全年预算数 ΣA（万元）", .right),
            ("全年执行数 ΣB（万元）", .right), ("执行率 ΣB/ΣA", .right), ("目标表项目", .right),
            ("目标表预算数（万元，计划）", .right), ("问题", .right),
        ])
        // Each year's projects, in one pass (in order, so each year's sums are as a filter gives them).
        var byYear: [Int?: [ProjectRecord]] = [:]
        for p in ledger.current { byYear[p.year, default: []].append(p) }
        // How many agencies have projects in each year: the agency groups (by name, as a set
        // of the names would count them) with a project of that year.
        var agenciesByYear: [Int?: Int] = [:]
        for group in ledger.byAgency { for year in Set(group.projects.map(\.year)) { agenciesByYear[year, default: 0] += 1 } }
        for year in ledger.years {
            let projects = byYear[year] ?? []
            let t = Totals(projects, ledger: ledger)
            overview.row([Format.year(year), "\(t.evaluations)", "\(agenciesByYear[year] ?? 0)",
                          Format.amount(t.budget), Format.amount(t.executed), Format.percent(t.rate),
                          "\(t.targets)", Format.amount(t.planned), "\(t.findings)"])
        }
        let all = Totals(ledger.current, ledger: ledger)
        overview.footer(["合计", "\(all.evaluations)", "\(ledger.byAgency.count)",
                         Format.amount(all.budget), Format.amount(all.executed), Format.percent(all.rate),
                         "\(all.targets)", Format.amount(all.planned), "\(all.findings)"])
        md += overview.markdown
        md += "自评表是年终结果（预算与执行），绩效目标表是预算编制时的计划，两者分开合计。执行率为 ΣB/ΣA，只计同时填报预算数和执行数的自评项目。"
        if !ledger.superseded.isEmpty {
            md += "被重新提交的材料取代的 \(ledger.superseded.count) 个旧版项目不计入合计。"
        }
        md += "\n\n"

        md += "## 从这里开始\n\n"
        md += "- " + Markdown.link("按主管部门查看", to: site.href(page, Paths.agencies)) + "：\(ledger.byAgency.count) 个部门\n"
        md += "- " + Markdown.link("按支出分类查看", to: site.href(page, Paths.categories)) + "：\(ledger.byCategory.filter { !$0.projects.isEmpty }.count) 个分类\n"
        md += "- " + Markdown.link("问题清单", to: site.href(page, Paths.issues)) + "：\(all.findings) 个问题\n"
        md += "- " + Markdown.link("搜索项目", to: site.href(page, Paths.search)) + "\n"
        md += "- " + Markdown.link("更新记录", to: site.href(page, Paths.changes)) + "：\(ledger.revisions.changes.count) 次提交（" + Markdown.link("Atom", to: site.href(page, Paths.feed)) + "）\n\n"

        md += "## 图表\n\n"
        md += agencyChart(site, from: page)
        md += categoryChart(site, from: page)
        md += scoreChart(site)
        md += PageBlocks.downloads([("全部项目 JSON", "data/projects.json"), ("项目 CSV", "data/projects.csv"),
                                    ("绩效指标 CSV", "data/indicators.csv")], from: page, site: site)
        return Page(path: page, title: site.config.title, section: .home, markdown: md)
    }

    static func agencyChart(_ site: SiteContext, from page: String) -> String {
        let bars = site.ledger.byAgency.compactMap { group -> Charts.Bar? in
            let t = Totals(group.projects, ledger: site.ledger)
            guard t.evaluations > 0 else { return nil }
            return Charts.Bar(label: group.agency, value: t.budget,
                              valueText: "\(Format.amount(t.budget)) 万元 · 执行 \(Format.percent(t.rate))",
                              second: t.executed, href: site.href(page, site.paths.agency(group.agency)))
        }
        guard !bars.isEmpty else { return "" }
        return Charts.bars(title: "各主管部门全年预算数与执行率（自评项目）",
                           description: "每个部门一行：长条为全年预算数，细条为全年执行数，右侧为预算数和执行率。",
                           unit: "万元", bars: bars, legend: [("全年预算数", "bar"), ("全年执行数", "bar2")])
    }

    static func categoryChart(_ site: SiteContext, from page: String) -> String {
        let bars = site.ledger.byCategory.compactMap { group -> Charts.Bar? in
            let t = Totals(group.projects, ledger: site.ledger)
            let total = t.budget + t.planned
            guard total > 0 else { return nil }
            return Charts.Bar(label: group.category.name, value: total,
                              valueText: "\(Format.amount(total)) 万元（\(t.projects) 项）",
                              href: site.href(page, Paths.category(group.category)))
        }
        guard !bars.isEmpty else { return "" }
        return Charts.bars(title: "各支出分类预算数（自评全年预算数 + 目标表计划预算数）",
                           description: "每个分类一行，长条长度为该分类项目的预算数合计。", unit: "万元", bars: bars)
    }

    static func scoreChart(_ site: SiteContext) -> String {
        let scores = site.ledger.current.compactMap(\.totalScore.value)
        guard !scores.isEmpty else { return "" }
        let bands: [(String, ClosedRange<Double>)] = [("60分以下", 0...59.999), ("60–79", 60...79.999), ("80–89", 80...89.999),
                                                      ("90–94", 90...94.999), ("95–99", 95...99.999), ("100", 100...1000)]
        let unscored = site.ledger.current.filter { $0.kind == .selfEvaluation && $0.totalScore.value == nil }.count
        return Charts.histogram(title: "自评总分分布",
                                description: "填报了可读总分的 \(scores.count) 个自评项目按分数段计数；另有 \(unscored) 个自评项目没有可读的总分。",
                                buckets: bands.map { band in (band.0, scores.filter { band.1.contains($0) }.count) })
    }
}
