/// Pieces several pages share: totals, project tables, issue lists.
enum PageBlocks {
    /// The headline figures of a set of projects, as a definition table.
    static func totals(_ t: Totals, agencies: Int? = nil) -> String {
        var table = HTMLTable(className: "totals", columns: [("指标", .left), ("数值", .right)])
        table.row(["自评项目数（年终）", "\(t.evaluations)"])
        if let agencies { table.row(["主管部门数", "\(agencies)"]) }
        table.row(["全年预算数合计 ΣA（万元）", Format.amount(t.budget)])
        table.row(["全年执行数合计 ΣB（万元）", Format.amount(t.executed)])
        table.row(["预算执行率 ΣB/ΣA", Format.percent(t.rate)])
        if t.targets > 0 {
            table.row(["绩效目标表项目数（预算编制时）", "\(t.targets)"])
            table.row(["目标表预算数合计（万元，计划）", Format.amount(t.planned)])
        }
        table.row(["问题数（错误 / 警告 / 提示）", "\(t.findings)（\(t.errors) / \(t.warnings) / \(t.findings - t.errors - t.warnings)）"])
        return table.markdown
    }

    /// Self-evaluations: name, unit, category, budget, executed, rate, score, issues.
    static func evaluationTable(_ projects: [ProjectRecord], from page: String, site: SiteContext,
                                showAgency: Bool = false, showCategory: Bool = true, caption: String? = nil) -> HTMLTable? {
        let lead = Lead(page: page, site: site, showAgency: showAgency, showCategory: showCategory)
        var table = HTMLTable(caption: caption, columns: lead.columns(second: "实施单位") + [
            ("全年预算数（万元）", .right), ("全年执行数（万元）", .right), ("执行率", .right), ("总分", .right), ("问题", .right),
        ])
        for p in projects where p.kind == .selfEvaluation {
            table.row { r in
                lead.cells(&r, p, second: p.unit)
                r.raw(Format.amount(p.budget)); r.raw(Format.amount(p.executed)); r.raw(Format.percent(p.rate))
                if let score = p.totalScore.value { r.raw(Format.number(score)) } else { r.html(p.totalScore.printed.isEmpty ? "—" : p.totalScore.printed) }
                r.number(site.ledger.findings(of: p).count)
            }
        }
        return table.isEmpty ? nil : table
    }

    /// Target tables: name, code, category, planned budget, issues.
    static func targetTable(_ projects: [ProjectRecord], from page: String, site: SiteContext, showAgency: Bool = false,
                            showCategory: Bool = true) -> HTMLTable? {
        let lead = Lead(page: page, site: site, showAgency: showAgency, showCategory: showCategory)
        var table = HTMLTable(columns: lead.columns(second: "项目编码") + [("预算数（万元，计划）", .right), ("问题", .right)])
        for p in projects where p.kind == .target {
            table.row { r in
                lead.cells(&r, p, second: p.code)
                r.raw(Format.amount(p.budget))
                r.number(site.ledger.findings(of: p).count)
            }
        }
        return table.isEmpty ? nil : table
    }

    /// What both project tables start with: the project, its agency (when shown), a second
    /// field (unit or code), its category (when shown) and its year.
    private struct Lead {
        let page: String
        let site: SiteContext
        let showAgency: Bool
        let showCategory: Bool

        func columns(second: String) -> [(String, HTMLTable.Align)] {
            var columns: [(String, HTMLTable.Align)] = [("项目", .left)]
            if showAgency { columns.append(("主管部门", .left)) }
            columns.append((second, .left))
            if showCategory { columns.append(("分类", .left)) }
            columns.append(("年度", .left))
            return columns
        }

        func cells(_ r: inout HTMLTable.Cells, _ p: ProjectRecord, second: String?) {
            r.link(p.name ?? "（未填名称）", to: site.href(page, Paths.project(p.id)))
            if showAgency { r.link(p.agencyResolved, to: site.href(page, site.paths.agency(p.agencyResolved))) }
            r.html(second ?? "—")
            if showCategory {
                let category = site.ledger.category(of: p)
                r.link(category.name, to: site.href(page, Paths.category(category)))
            }
            if let year = p.year { r.number(year) } else { r.raw("—") }
        }
    }

    /// A grouped issue list: by severity, then by kind; each item links to its project.
    static func findings(_ findings: [Finding], from page: String, site: SiteContext, headingLevel: Int = 3) -> String {
        var md = MarkdownBuffer()
        self.findings(findings, from: page, site: site, headingLevel: headingLevel, into: &md)
        return md.string
    }

    /// The issue list of a set of projects (an agency's, a category's): their findings, project
    /// after project, with their positions when the build made their items (`FindingItems`).
    static func findings(of projects: [ProjectRecord], from page: String, site: SiteContext, into md: inout MarkdownBuffer) {
        let ledger = site.ledger
        findings(projects.flatMap { ledger.findings(of: $0) },
                 positions: site.findingItems == nil ? nil : projects.flatMap { ledger.findingPositions(of: $0) },
                 from: page, site: site, into: &md)
    }

    /// `positions`: each finding's position in the ledger's current findings (-1 for none), by
    /// which its item made for the build is found (`FindingItems`).
    static func findings(_ findings: [Finding], positions: [Int]? = nil, from page: String, site: SiteContext, headingLevel: Int = 3,
                         into md: inout MarkdownBuffer) {
        guard !findings.isEmpty else { md += "没有发现问题。\n\n"; return }
        let hashes = String(repeating: "#", count: headingLevel)
        let root = Paths.root(of: page), rules = root + Paths.rules
        // Each finding's item as made once for the build, when there is such a table and
        // this page's links begin as its do.
        let table = root == FindingItems.root ? site.findingItems : nil
        var link = ProjectLink()
        // By severity (errors first), then kind, each kind's findings in their
        // order: one sort of positions (the findings themselves are never copied) in place of
        // a filter per severity and a dictionary per kind on each of 11,000 pages.
        let keys = findings.map { (severity: $0.severity, kind: $0.kind) }
        let order = findings.indices.sorted { a, b in
            keys[a].severity != keys[b].severity ? keys[a].severity < keys[b].severity
                : keys[a].kind != keys[b].kind ? keys[a].kind < keys[b].kind : a < b
        }
        var start = 0
        while start < order.count {
            let severity = keys[order[start]].severity
            var end = start
            while end < order.count, keys[order[end]].severity == severity { end += 1 }
            md += hashes
            md += " "
            md += severityTitle(severity)
            md += "（"
            md.number(end - start)
            md += "）\n\n"
            var from = start
            while from < end {
                let kind = keys[order[from]].kind
                var to = from
                while to < end, keys[order[to]].kind == kind { to += 1 }
                md += "<details class=\"findings "
                md += severity.rawValue
                md += to - from <= 12 ? "\" open><summary>" : "\"><summary>"
                md.html(FindingKinds.title(kind))
                md += "（"
                md.number(to - from)
                md += "） <a class=\"rule\" href=\""
                md.attribute(rules + "#" + kind)
                md += "\">"
                md.html(kind)
                md += "</a></summary>\n<ul>\n"
                for i in order[from..<to] {
                    if let table, let positions, table.append(findings[i], at: positions[i], into: &md) { continue }
                    item(findings[i], link: link.of(findings[i].projectID, root: root, ledger: site.ledger), into: &md)
                }
                md += "</ul></details>\n"
                from = to
            }
            md += "\n"
            start = end
        }
    }

    /// One finding as an issue list shows it: its project's link, its message, and where in
    /// which submission it was found. Made of four pieces, which `FindingItems` keeps apart
    /// (a project's findings share the first, a submission's the third).
    static func item(_ f: borrowing Finding, link: (name: String, href: String), into md: inout MarkdownBuffer) {
        Item.head(link, into: &md)
        md.html(f.message)
        Item.place(f.path, into: &md)
        Item.tail(f.line, into: &md)
    }

    enum Item {
        /// The item's start and its project's link, up to the message.
        static func head(_ link: (name: String, href: String), into md: inout MarkdownBuffer) {
            md += "<li>"
            md.htmlLink(link.name, to: link.href)
            md += "："
        }

        /// After the message: where the finding was found, up to its line number.
        static func place(_ path: String, into md: inout MarkdownBuffer) {
            md += " <span class=\"where\">"
            md.html(path)
            md += ":"
        }

        /// The line number and the item's end.
        static func tail(_ line: Int, into md: inout MarkdownBuffer) {
            md.number(line)
            md += "</span></li>\n"
        }
    }

    /// A project's name and link for the findings of a list, looked up once for a run of its
    /// findings (they come a project at a time: once for a whole project page).
    struct ProjectLink {
        private var last: (id: String, name: String, href: String)?

        mutating func of(_ id: String, root: String, ledger: Ledger) -> (name: String, href: String) {
            if last?.id != id { last = (id, ledger.name(of: id) ?? id, root + Paths.project(id)) }
            return (last!.name, last!.href)
        }
    }

    static func severityTitle(_ s: Severity) -> String {
        switch s {
        case .error: "错误"
        case .warning: "警告"
        case .info: "提示"
        }
    }

    /// Data downloads line.
    static func downloads(_ files: [(String, String)], from page: String, site: SiteContext) -> String {
        "数据下载：" + files.map { Markdown.link($0.0, to: site.href(page, $0.1)) }.joined(separator: " · ") + "\n\n"
    }
}
