/// Every issue on the site: counts by severity and kind and by agency, then the issues
/// themselves — inline on a small site, else one paginated page per kind (issues/KIND.html),
/// so no page grows with the size of the whole country.
enum IssuesPage {
    /// Up to this many issues are listed on the issues page itself.
    static let inlineLimit = 1500
    /// Issues per page of a kind's list.
    static let pageSize = 1000

    /// The issues index, then the per-kind pages a few kinds at a time, each batch handed to
    /// `emit` as it is made (at national scale the kind pages hold most of a million issues).
    static func make(_ site: SiteContext, plan: PagePlan?, emit: ([Page]) throws -> Void) rethrows {
        let page = Paths.issues
        let ledger = site.ledger
        let all = ledger.findings
        let inline = all.count <= inlineLimit
        var md = "共 \(all.count) 个问题，来自 \(Set(all.map(\.projectID)).count) 个项目。"
        md += "问题分两类：" + Markdown.link("检查规则", to: site.href(page, Paths.rules)) + "发现的错误和不一致，以及表格自己写明的未完成、扣分、偏差和说明；每条都注明规则、来源文件和行号。\n\n"
        let byKind = Dictionary(grouping: all) { "\($0.severity.rawValue)|\($0.kind)" }.sorted { $0.key < $1.key }
        var summary = HTMLTable(columns: [("类别", .left), ("规则", .left), ("严重程度", .left), ("数量", .right)])
        for (_, items) in byKind {
            let kind = items[0].kind
            let title = inline ? Markdown.html(FindingKinds.title(kind)) : Markdown.htmlLink(FindingKinds.title(kind), to: site.href(page, Paths.issueKind(kind, page: 1)))
            summary.row([title, Markdown.htmlLink(kind, to: site.href(page, Paths.rules) + "#" + kind),
                         PageBlocks.severityTitle(items[0].severity), "\(items.count)"])
        }
        md += summary.markdown
        var agencies = HTMLTable(caption: "按主管部门", columns: [("主管部门", .left), ("错误", .right), ("警告", .right), ("提示", .right)])
        for (agency, projects) in ledger.byAgency {
            let f = projects.flatMap { ledger.findings(of: $0) }
            agencies.row([Markdown.htmlLink(agency, to: site.href(page, site.paths.agency(agency))),
                          "\(f.filter { $0.severity == .error }.count)", "\(f.filter { $0.severity == .warning }.count)",
                          "\(f.filter { $0.severity == .info }.count)"])
        }
        var kindPages: [(kind: String, indices: [Int])] = []
        var rank: [Int] = []
        if inline {
            md += "## 全部问题\n\n" + PageBlocks.findings(all, from: page, site: site)
            md += "## 按主管部门\n\n" + agencies.markdown
            for (agency, projects) in ledger.byAgency {
                let findings = projects.flatMap { ledger.findings(of: $0) }
                md += "### " + Markdown.link(agency, to: site.href(page, site.paths.agency(agency))) + "（\(findings.count)）\n\n"
                md += PageBlocks.findings(findings, from: page, site: site, headingLevel: 4)
            }
        } else {
            md += "问题较多，按类别分页列出（每页 \(pageSize) 条，按主管部门排列）；各部门的全部问题见其部门页面。\n\n"
            md += "## 按主管部门\n\n" + agencies.markdown
            let agencyOrder = Dictionary(uniqueKeysWithValues: ledger.byAgency.enumerated().map { ($0.element.agency, $0.offset) })
            // Each issue's agency rank, looked up once (not inside the sort's comparisons).
            rank = all.map { agencyOrder[ledger.agency(of: $0.projectID) ?? ""] ?? 0 }
            kindPages = Dictionary(grouping: all.indices, by: { all[$0].kind }).sorted(by: { $0.key < $1.key }).map { ($0.key, $0.value) }
        }
        try emit([Page(path: page, title: "问题清单", section: .issues, markdown: md)])
        let batch = 8, ranks = rank
        for start in stride(from: 0, to: kindPages.count, by: batch) {
            let chunk = Array(kindPages[start..<min(start + batch, kindPages.count)])
            let made: [[Page]] = chunk.parallelMap { entry -> [Page] in
                let (kind, indices) = entry
                let order = indices.sorted { (ranks[$0], $0) < (ranks[$1], $1) }
                let count = (order.count + pageSize - 1) / pageSize
                if let plan, !plan.needs(Paths.issueKind(kind, page: 1), plan.issueKind(kind, order: order),
                                         also: (1...count).dropFirst().map { Paths.issueKind(kind, page: $0) }) {
                    return []
                }
                let sorted = order.map { all[$0] }
                return (1...count).map { n in
                    let path = Paths.issueKind(kind, page: n)
                    let slice = Array(sorted[((n - 1) * pageSize)..<min(n * pageSize, sorted.count)])
                    var body = Markdown.link("全部问题", to: site.href(path, Paths.issues)) + " › " + Markdown.text(FindingKinds.title(kind))
                        + "（共 \(sorted.count) 条，第 \(n)/\(count) 页）\n\n"
                    body += PageBlocks.findings(slice, from: path, site: site)
                    if count > 1 {
                        body += "分页：" + (1...count).map { $0 == n ? "**\($0)**" : Markdown.link("\($0)", to: site.href(path, Paths.issueKind(kind, page: $0))) }.joined(separator: " ") + "\n\n"
                    }
                    return Page(path: path, title: FindingKinds.title(kind) + (count > 1 ? "（第 \(n) 页）" : ""), section: .issues, markdown: body)
                }
            }
            try emit(made.flatMap { $0 })
        }
    }
}

/// The search page: a form and a results list filled by assets/search.js from the index
/// in assets/search-index.js (a script, so it works from file://).
enum SearchPage {
    static func make(_ site: SiteContext) -> Page {
        let md = """
            按项目名称、主管部门、实施单位或分类搜索，支持中文任意片段（如「禁毒」「监控」）。

            <form id="search-form" class="search" role="search" action="search.html" method="get">
            <label for="q">搜索</label> <input id="q" name="q" type="search" autocomplete="off" placeholder="输入项目、部门、单位或分类">
            <button type="submit">搜索</button>
            </form>
            <p id="search-status" aria-live="polite"></p>
            <ol id="search-results" class="results"></ol>
            <noscript><p>搜索需要启用 JavaScript。也可以在「主管部门」和「支出分类」页面中浏览全部项目。</p></noscript>

            """
        return Page(path: Paths.search, title: "搜索", section: .search, markdown: md)
    }
}
