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
                                showAgency: Bool = false, showCategory: Bool = true, caption: String? = nil) -> String {
        let rows = projects.filter { $0.kind == .selfEvaluation }
        guard !rows.isEmpty else { return "" }
        var columns: [(String, HTMLTable.Align)] = [("项目", .left)]
        if showAgency { columns.append(("主管部门", .left)) }
        columns.append(("实施单位", .left))
        if showCategory { columns.append(("分类", .left)) }
        columns += [("年度", .left), ("全年预算数（万元）", .right),
                    ("全年执行数（万元）", .right), ("执行率", .right), ("总分", .right), ("问题", .right)]
        var table = HTMLTable(caption: caption, columns: columns)
        for p in rows {
            let category = site.ledger.category(of: p)
            var cells = [Markdown.htmlLink(p.name ?? "（未填名称）", to: site.href(page, Paths.project(p.id)))]
            if showAgency { cells.append(Markdown.htmlLink(p.agencyResolved, to: site.href(page, site.paths.agency(p.agencyResolved)))) }
            cells.append(Markdown.html(p.unit ?? "—"))
            if showCategory { cells.append(Markdown.htmlLink(category.name, to: site.href(page, Paths.category(category)))) }
            cells += [p.year.map(String.init) ?? "—",
                      Format.amount(p.budget), Format.amount(p.executed),
                      Format.percent(p.rate),
                      p.totalScore.value.map(Format.number) ?? (p.totalScore.printed.isEmpty ? "—" : Markdown.html(p.totalScore.printed)),
                      "\(site.ledger.findings(of: p).count)"]
            table.row(cells)
        }
        return table.markdown
    }

    /// Target tables: name, code, category, planned budget, issues.
    static func targetTable(_ projects: [ProjectRecord], from page: String, site: SiteContext, showAgency: Bool = false,
                            showCategory: Bool = true) -> String {
        let rows = projects.filter { $0.kind == .target }
        guard !rows.isEmpty else { return "" }
        var columns: [(String, HTMLTable.Align)] = [("项目", .left)]
        if showAgency { columns.append(("主管部门", .left)) }
        columns.append(("项目编码", .left))
        if showCategory { columns.append(("分类", .left)) }
        columns += [("年度", .left), ("预算数（万元，计划）", .right), ("问题", .right)]
        var table = HTMLTable(columns: columns)
        for p in rows {
            let category = site.ledger.category(of: p)
            var cells = [Markdown.htmlLink(p.name ?? "（未填名称）", to: site.href(page, Paths.project(p.id)))]
            if showAgency { cells.append(Markdown.htmlLink(p.agencyResolved, to: site.href(page, site.paths.agency(p.agencyResolved)))) }
            cells.append(Markdown.html(p.code ?? "—"))
            if showCategory { cells.append(Markdown.htmlLink(category.name, to: site.href(page, Paths.category(category)))) }
            cells += [p.year.map(String.init) ?? "—", Format.amount(p.budget),
                      "\(site.ledger.findings(of: p).count)"]
            table.row(cells)
        }
        return table.markdown
    }

    /// A grouped issue list: by severity, then by kind; each item links to its project.
    static func findings(_ findings: [Finding], from page: String, site: SiteContext, headingLevel: Int = 3) -> String {
        guard !findings.isEmpty else { return "没有发现问题。\n\n" }
        var md = ""
        let hashes = String(repeating: "#", count: headingLevel)
        // Grouped by position, so the findings themselves are never copied.
        for severity in Severity.allCases {
            let group = findings.indices.filter { findings[$0].severity == severity }
            guard !group.isEmpty else { continue }
            md += "\(hashes) \(severityTitle(severity))（\(group.count)）\n\n"
            let kinds = Dictionary(grouping: group, by: { findings[$0].kind }).sorted { $0.key < $1.key }
            for (kind, items) in kinds {
                let rule = site.href(page, Paths.rules) + "#" + kind
                md += "<details class=\"findings \(severity.rawValue)\"\(items.count <= 12 ? " open" : "")><summary>\(Markdown.html(FindingKinds.title(kind)))（\(items.count)）"
                    + " <a class=\"rule\" href=\"\(Markdown.attribute(rule))\">\(Markdown.html(kind))</a></summary>\n<ul>\n"
                for i in items {
                    let id = findings[i].projectID
                    md += "<li>"
                    md += Markdown.htmlLink(site.ledger.name(of: id) ?? id, to: site.href(page, Paths.project(id)))
                    md += "："
                    md += Markdown.html(findings[i].message)
                    md += " <span class=\"where\">"
                    md += Markdown.html(findings[i].path)
                    md += ":\(findings[i].line)</span></li>\n"
                }
                md += "</ul></details>\n"
            }
            md += "\n"
        }
        return md
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
