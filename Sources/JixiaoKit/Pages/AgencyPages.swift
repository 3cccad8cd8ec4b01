/// The agencies index and one page per agency (grouped by agencyResolved).
enum AgencyPages {
    static func index(_ site: SiteContext) -> Page {
        let page = Paths.agencies
        var table = HTMLTable(columns: [("主管部门", .left), ("自评项目", .right), ("全年预算数（万元）", .right),
                                        ("全年执行数（万元）", .right), ("执行率", .right), ("目标表项目", .right),
                                        ("计划预算数（万元）", .right), ("问题", .right)])
        var quality = HTMLTable(caption: "填报质量比较", columns: [("主管部门", .left), ("表数", .right), ("错误", .right), ("警告", .right),
                                                            ("每表问题数", .right), ("可衡量目标占比", .right)])
        for group in site.ledger.byAgency {
            let t = Totals(group.projects, ledger: site.ledger)
            let link = Markdown.htmlLink(group.agency, to: site.href(page, site.paths.agency(group.agency)))
            table.row([link, "\(t.evaluations)", Format.amount(t.budget), Format.amount(t.executed), Format.percent(t.rate),
                       "\(t.targets)", Format.amount(t.planned), "\(t.findings)"])
            let q = Quality(group.projects, ledger: site.ledger)
            quality.row([link, "\(q.projects)", "\(q.errors)", "\(q.warnings)", q.perProject.map { Format.fixed($0, 1) } ?? "—",
                         Format.percent(q.measurableShare)])
        }
        var md = "共 \(site.ledger.byAgency.count) 个主管部门。部门按表内填报的主管部门归组；表内未填的，用提交材料附带的说明文件（sidecar）中的部门，仍没有的归入「\(Project.unnamedAgency)」。\n\n"
        md += table.markdown
        md += "## 填报质量\n\n问题按" + Markdown.link("检查规则", to: site.href(page, Paths.rules)) + "统计；可衡量目标是写明数量、比例或时限的年度指标值。\n\n"
        md += quality.markdown
        return Page(path: page, title: "主管部门", section: .agencies, markdown: md)
    }

    /// The agency pages the plan needs (each with its CSV), 64 at a time, each batch handed
    /// to `emit` as it is made.
    static func pages(_ site: SiteContext, plan: PagePlan?, emit: ([(page: Page, agency: String, projects: [ProjectRecord])]) throws -> Void) rethrows {
        let agencies = site.ledger.byAgency.filter { group in
            plan?.needs(site.paths.agency(group.agency), plan!.agency(group.agency, projects: group.projects),
                        also: [site.paths.agencyCSV(group.agency)]) ?? true
        }
        for start in stride(from: 0, to: agencies.count, by: 64) {
            try emit(Array(agencies[start..<min(start + 64, agencies.count)]).parallelMap {
                (page(agency: $0.agency, projects: $0.projects, site: site), $0.agency, $0.projects)
            })
        }
    }

    static func page(agency: String, projects: [ProjectRecord], site: SiteContext) -> Page {
        let page = site.paths.agency(agency)
        let ledger = site.ledger
        var md = MarkdownBuffer(capacity: 65_536)
        md += PageBlocks.totals(Totals(projects, ledger: ledger))

        let units = Dictionary(grouping: projects.filter { $0.kind == .selfEvaluation }) { $0.unit ?? "（未填实施单位）" }
            .sorted { $0.key < $1.key }
        if !units.isEmpty {
            md += "## 按实施单位\n\n"
            var table = HTMLTable(columns: [("实施单位", .left), ("项目", .right), ("全年预算数（万元）", .right),
                                            ("全年执行数（万元）", .right), ("执行率", .right), ("问题", .right)])
            for (unit, items) in units {
                let t = Totals(items, ledger: ledger)
                table.row([Markdown.html(unit), "\(t.evaluations)", Format.amount(t.budget), Format.amount(t.executed),
                           Format.percent(t.rate), "\(t.findings)"])
            }
            md += table
        }

        md += "## 按支出分类\n\n"
        var byCategory = HTMLTable(columns: [("分类", .left), ("项目", .right), ("全年预算数（万元）", .right),
                                             ("全年执行数（万元）", .right), ("计划预算数（万元）", .right), ("问题", .right)])
        let mineByCategory = Dictionary(grouping: projects) { ledger.categorySlug(of: $0) }
        for (category, _) in ledger.byCategory {
            guard let mine = mineByCategory[category.slug], !mine.isEmpty else { continue }
            let t = Totals(mine, ledger: ledger)
            byCategory.row([Markdown.htmlLink(category.name, to: site.href(page, Paths.category(category))), "\(t.projects)",
                            Format.amount(t.budget), Format.amount(t.executed), Format.amount(t.planned), "\(t.findings)"])
        }
        md += byCategory

        if let evaluations = PageBlocks.evaluationTable(projects, from: page, site: site) { md += "## 自评项目（年终）\n\n"; md += evaluations }
        if let targets = PageBlocks.targetTable(projects, from: page, site: site) { md += "## 绩效目标表项目（预算编制时）\n\n"; md += targets }

        let old = ledger.supersededByAgency[agency] ?? []
        if !old.isEmpty {
            md += "## 已被取代的旧版本\n\n这些项目所在的材料已被重新提交的版本取代，不计入合计：\n\n"
            md += old.map { "- " + Markdown.link($0.name ?? $0.id, to: site.href(page, Paths.project($0.id))) + "（\(Markdown.text($0.source.path))）" }.joined(separator: "\n") + "\n\n"
        }

        for d in ledger.departments(of: agency) {
            md += DepartmentSection.markdown(d)
        }

        md += Quality(projects, ledger: ledger).markdown(from: page, site: site, projects: projects)
        md += "## 问题清单\n\n"
        PageBlocks.findings(of: projects, from: page, site: site, into: &md)
        md += PageBlocks.downloads([("本部门项目 CSV", site.paths.agencyCSV(agency))], from: page, site: site)
        return Page(path: page, title: agency, section: .agencies, body: md)
    }
}

/// A department's overall goals, as a section of its agency page.
enum DepartmentSection {
    static func markdown(_ d: Department) -> String {
        var md = "## \(Markdown.text(Format.year(d.year)))部门整体绩效目标\n\n"
        if let overall = d.overallGoal {
            md += overall.split(separator: "\n").map { Markdown.text(String($0)) }.joined(separator: "\n\n") + "\n\n"
        }
        for g in d.goals {
            md += "### \(Markdown.text(g.title))\n\n"
            if let goal = g.goal { md += "**绩效目标**：\(Markdown.text(goal))\n\n" }
            if !g.indicators.isEmpty {
                md += "**绩效指标**：\n\n" + g.indicators.map { "- " + Markdown.text($0) }.joined(separator: "\n") + "\n\n"
            }
        }
        if !d.measures.isEmpty {
            md += "### 工作保障措施\n\n" + d.measures.map { Markdown.text($0) }.joined(separator: "\n\n") + "\n\n"
        }
        md += "<p class=\"source\">来源：\(Markdown.html(d.source.path)) 第 \(d.source.line) 行</p>\n\n"
        return md
    }
}
