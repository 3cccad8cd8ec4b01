/// The categories index and one page per category.
enum CategoryPages {
    static func index(_ site: SiteContext) -> Page {
        let page = Paths.categories
        var table = HTMLTable(columns: [("分类", .left), ("项目", .right), ("主管部门", .right), ("全年预算数（万元）", .right),
                                        ("全年执行数（万元）", .right), ("执行率", .right), ("计划预算数（万元）", .right), ("问题", .right)])
        for (category, projects) in site.ledger.byCategory {
            let t = Totals(projects, ledger: site.ledger)
            table.row([Markdown.htmlLink(category.name, to: site.href(page, Paths.category(category))), "\(t.projects)",
                       "\(site.ledger.agencyCount(projects))", Format.amount(t.budget), Format.amount(t.executed),
                       Format.percent(t.rate), Format.amount(t.planned), "\(t.findings)"])
        }
        var md = "项目按 `Content/categories.yml` 中的规则分类，先匹配者优先；规则见" + Markdown.link("方法说明", to: site.href(page, Paths.page("methodology"))) + "。\n\n"
        md += table.markdown
        return Page(path: page, title: "支出分类", section: .categories, markdown: md)
    }

    /// The category pages the plan needs.
    static func pages(_ site: SiteContext, plan: PagePlan?) -> [Page] {
        site.ledger.byCategory.filter { category, projects in
            plan?.needs(Paths.category(category), plan!.category(category, projects: projects)) ?? true
        }.parallelMap { category, projects in
            let page = Paths.category(category)
            // Written into one buffer of bytes, as the agency pages are: a page of 100 kB built
            // as a String was copied and its UTF-8 checked again at each `+=` of a table.
            var md = MarkdownBuffer(capacity: 65_536)
            if let description = category.description { md += Markdown.text(description) + "\n\n" }
            md += PageBlocks.totals(Totals(projects, ledger: site.ledger), agencies: site.ledger.agencyCount(projects))
            let agencies = Dictionary(grouping: projects, by: \.agencyResolved).sorted { $0.key < $1.key }
            if !agencies.isEmpty {
                md += "## 主管部门\n\n"
                var table = HTMLTable(columns: [("主管部门", .left), ("项目", .right), ("全年预算数（万元）", .right),
                                                ("全年执行数（万元）", .right), ("计划预算数（万元）", .right), ("问题", .right)])
                for (agency, items) in agencies {
                    let t = Totals(items, ledger: site.ledger)
                    table.row([Markdown.htmlLink(agency, to: site.href(page, site.paths.agency(agency))), "\(t.projects)",
                               Format.amount(t.budget), Format.amount(t.executed), Format.amount(t.planned), "\(t.findings)"])
                }
                md += table
            }
            if let evaluations = PageBlocks.evaluationTable(projects, from: page, site: site, showAgency: true, showCategory: false) {
                md += "## 自评项目（年终）\n\n"
                md += evaluations
            }
            if let targets = PageBlocks.targetTable(projects, from: page, site: site, showAgency: true, showCategory: false) {
                md += "## 绩效目标表项目（预算编制时）\n\n"
                md += targets
            }
            if projects.isEmpty { md += "本分类暂无项目。\n\n" }
            let ledger = site.ledger
            let total = projects.reduce(0) { $0 + Int(ledger.findingCounts(of: $1).all) }
            md += "## 问题清单\n\n"
            if total <= IssuesPage.inlineLimit {
                PageBlocks.findings(of: projects, from: page, site: site, into: &md)
            } else {
                // A national category holds too many issues for one page: counts, with the lists
                // on the issues pages. Counted where the findings are, not copied into one list
                // (900,000 copies at 100,000 forms).
                var counts: [KindCount: Int] = [:]
                for p in projects {
                    ledger.forEachFinding(of: p) { x in counts[KindCount(severity: x.severity, kind: x.kind), default: 0] += 1 }
                }
                var table = HTMLTable(columns: [("类别", .left), ("严重程度", .left), ("数量", .right)])
                for (_, key, count) in counts.map({ ($0.key.order, $0.key, $0.value) }).sorted(by: { $0.0 < $1.0 }) {
                    table.row([Markdown.htmlLink(FindingKinds.title(key.kind), to: site.href(page, Paths.issueKind(key.kind, page: 1))),
                               PageBlocks.severityTitle(key.severity), "\(count)"])
                }
                md += "共 \(total) 个问题，按类别统计；逐条列表见各类别的问题页和各部门页面。\n\n"
                md += table
            }
            return Page(path: page, title: category.name, section: .categories, body: md)
        }
    }
}

/// A category page's count of issues of one kind and severity.
private struct KindCount: Hashable {
    let severity: Severity
    let kind: String
    /// The table's order: by severity's name, then kind, as one text.
    var order: String { "\(severity.rawValue)|\(kind)" }
}
