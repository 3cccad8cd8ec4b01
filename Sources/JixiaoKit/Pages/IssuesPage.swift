/// Every issue on the site, grouped by severity and kind, then per agency.
enum IssuesPage {
    static func make(_ site: SiteContext) -> Page {
        let page = Paths.issues
        let ledger = site.ledger
        let all = ledger.findings
        var md = "共 \(all.count) 个问题，来自 \(Set(all.map(\.projectID)).count) 个项目。"
        md += "问题分两类：" + Markdown.link("检查规则", to: site.href(page, Paths.rules)) + "发现的错误和不一致，以及表格自己写明的未完成、扣分、偏差和说明；每条都注明规则、来源文件和行号。\n\n"
        var summary = HTMLTable(columns: [("类别", .left), ("规则", .left), ("严重程度", .left), ("数量", .right)])
        let kinds = Dictionary(grouping: all) { "\($0.severity.rawValue)|\($0.kind)" }.sorted { $0.key < $1.key }
        for (_, items) in kinds {
            summary.row([Markdown.html(FindingKinds.title(items[0].kind)),
                         Markdown.htmlLink(items[0].kind, to: site.href(page, Paths.rules) + "#" + items[0].kind),
                         PageBlocks.severityTitle(items[0].severity), "\(items.count)"])
        }
        md += summary.markdown
        md += "## 全部问题\n\n" + PageBlocks.findings(all, from: page, site: site)
        md += "## 按主管部门\n\n"
        for (agency, projects) in ledger.byAgency {
            let findings = projects.flatMap { ledger.findings(of: $0) }
            md += "### " + Markdown.link(agency, to: site.href(page, site.paths.agency(agency))) + "（\(findings.count)）\n\n"
            md += PageBlocks.findings(findings, from: page, site: site, headingLevel: 4)
        }
        return Page(path: page, title: "问题清单", section: .issues, markdown: md)
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
