/// Every issue on the site: counts by severity and kind and by agency, then the issues
/// themselves — inline on a small site, else one paginated page per kind (issues/KIND.html),
/// so no page grows with the size of the whole country.
enum IssuesPage {
    /// Up to this many issues are listed on the issues page itself.
    static let inlineLimit = 1500
    /// Issues per page of a kind's list, unless site.yml says otherwise (`issues_per_page`):
    /// a page of about 60 KB, quick to open on a phone (at 1,000 a page was 250–350 KB), and
    /// what a rebuild remakes when one new form adds to a kind (its agency's page and the
    /// first page, whose header counts the kind's issues) stays small.
    static let pageSize = 200

    /// The current projects' issues counted in one pass (once per site, `SiteContext.issues`),
    /// for the issues pages and the rules page (which shows each rule's count): by kind and severity, by agency, and each kind's
    /// issues by agency as positions in `ledger.findings` (projects' findings lie there one
    /// after another, in project order) when the kinds get pages of their own.
    struct Tally {
        /// Kinds in the order first met; counts by kind (`kindNames` order) and severity
        /// (`Severity.allCases` order).
        let kindNames: [String]
        let kindCounts: [[Int]]
        let byKind: [[(agency: Int, indices: [Int])]]
        /// Projects with issues.
        let withFindings: Int
        /// Counts by severity of each of `ledger.byAgency`.
        let agencyCounts: [(errors: Int, warnings: Int, infos: Int)]
        /// The issues are listed on the issues page itself (no kind pages).
        let inline: Bool

        init(_ ledger: Ledger) {
            let inline = ledger.findings.count <= IssuesPage.inlineLimit
            var kinds = FewNameNumbers()
            var kindCounts: [[Int]] = []
            var byKind: [[(agency: Int, indices: [Int])]] = []
            var withFindings = 0
            var agencyCounts: [(errors: Int, warnings: Int, infos: Int)] = []
            // Projects with issues: by id, as ids tell projects apart (counted as records when
            // no two records share an id).
            var withFindingsIDs: Set<String> = []
            let severities = Severity.allCases
            for (a, group) in ledger.byAgency.enumerated() {
                var counts = (errors: 0, warnings: 0, infos: 0)
                for r in group.projects {
                    let mine = ledger.findings(of: r)
                    if !mine.isEmpty {
                        if ledger.idsAreUnique { withFindings += 1 } else { withFindingsIDs.insert(r.id) }
                    }
                    let first = ledger.findingsOffset(of: r) ?? 0
                    for j in mine.indices {
                        let severity = mine[j].severity
                        let (k, isNew) = kinds.number(mine[j].kind)
                        if isNew {
                            kindCounts.append([Int](repeating: 0, count: severities.count))
                            byKind.append([])
                        }
                        kindCounts[k][severities.firstIndex(of: severity)!] += 1
                        switch severity {
                        case .error: counts.errors += 1
                        case .warning: counts.warnings += 1
                        case .info: counts.infos += 1
                        }
                        if !inline { byKind[k].add(agency: a, index: first + j) }
                    }
                }
                agencyCounts.append(counts)
            }
            if !ledger.idsAreUnique { withFindings = withFindingsIDs.count }
            (self.inline, self.kindNames, self.kindCounts, self.byKind, self.withFindings, self.agencyCounts) =
                (inline, kinds.names, kindCounts, byKind, withFindings, agencyCounts)
        }

        /// Issues of each kind, all severities.
        var byKindTotal: [String: Int] {
            Dictionary(zip(kindNames, kindCounts.map { $0.reduce(0, +) }), uniquingKeysWith: +)
        }
    }

    /// The issues index, then the per-kind pages a few kinds at a time, each batch handed to
    /// `emit` as it is made (at national scale the kind pages hold most of a million issues).
    static func make(_ site: SiteContext, plan: PagePlan?, emit: ([Page]) throws -> Void) rethrows {
        let page = Paths.issues
        let ledger = site.ledger
        let tally = site.issues
        let all = ledger.findings
        let inline = tally.inline
        let severities = Severity.allCases
        var md = "共 \(all.count) 个问题，来自 \(tally.withFindings) 个项目。"
        md += "问题分两类：" + Markdown.link("检查规则", to: site.href(page, Paths.rules)) + "发现的错误和不一致，以及表格自己写明的未完成、扣分、偏差和说明；每条都注明规则、来源文件和行号。\n\n"
        var summary = HTMLTable(columns: [("类别", .left), ("规则", .left), ("严重程度", .left), ("数量", .right)])
        var kindTotals: [(severity: Severity, kind: String, count: Int)] = []
        for (k, kind) in tally.kindNames.enumerated() {
            for (s, severity) in severities.enumerated() where tally.kindCounts[k][s] > 0 { kindTotals.append((severity, kind, tally.kindCounts[k][s])) }
        }
        for (severity, kind, count) in kindTotals.sorted(by: { ($0.severity.rawValue, $0.kind) < ($1.severity.rawValue, $1.kind) }) {
            let title = inline ? Markdown.html(FindingKinds.title(kind)) : Markdown.htmlLink(FindingKinds.title(kind), to: site.href(page, Paths.issueKind(kind, page: 1)))
            summary.row([title, Markdown.htmlLink(kind, to: site.href(page, Paths.rules) + "#" + kind),
                         PageBlocks.severityTitle(severity), "\(count)"])
        }
        md += summary.markdown
        var agencies = HTMLTable(caption: "按主管部门", columns: [("主管部门", .left), ("错误", .right), ("警告", .right), ("提示", .right)])
        for (group, counts) in zip(ledger.byAgency, tally.agencyCounts) {
            agencies.row([Markdown.htmlLink(group.agency, to: site.href(page, site.paths.agency(group.agency))),
                          "\(counts.errors)", "\(counts.warnings)", "\(counts.infos)"])
        }
        if inline {
            md += "## 全部问题\n\n" + PageBlocks.findings(Array(all), from: page, site: site)
            md += "## 按主管部门\n\n" + agencies.markdown
            for (agency, projects) in ledger.byAgency {
                let findings = projects.flatMap { ledger.findings(of: $0) }
                md += "### " + Markdown.link(agency, to: site.href(page, site.paths.agency(agency))) + "（\(findings.count)）\n\n"
                md += PageBlocks.findings(findings, from: page, site: site, headingLevel: 4)
            }
        } else {
            md += "问题较多，按类别分页列出（每页至多 \(site.config.issuesPerPage) 条，按主管部门排列）；各部门的全部问题见其部门页面。\n\n"
            md += "## 按主管部门\n\n" + agencies.markdown
        }
        try emit([Page(path: page, title: "问题清单", section: .issues, markdown: md)])
        let kinds = zip(tally.kindNames, tally.byKind).map { (key: $0, value: $1) }.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }
        for batch in stride(from: 0, to: kinds.count, by: 8) {
            let chunk = Array(kinds[batch..<min(batch + 8, kinds.count)])
            try emit(chunk.parallelMap { kindPages($0.key, groups: $0.value, site: site, plan: plan) }.flatMap { $0 })
        }
    }

    /// One page of a kind's list: whole agencies (a page breaks between two agencies), or
    /// a part of one agency that alone has more than a page.
    struct KindPage {
        var groups: [(agency: Int, indices: ArraySlice<Int>)] = []
        var count = 0
    }

    /// A kind's issues, agency by agency, on pages of at most `pageSize`. Pages break only
    /// between agencies, and an agency with more than a page has pages of its own, so a new
    /// or changed submission changes the pages of its own agencies and the kind's first page
    /// (which carries the total and the agencies' page numbers), not every page after them.
    static func layout(_ groups: [(agency: Int, indices: [Int])], pageSize: Int = pageSize) -> [KindPage] {
        var pages: [KindPage] = []
        var current = KindPage()
        func close() {
            if current.count > 0 { pages.append(current) }
            current = KindPage()
        }
        for group in groups {
            if group.indices.count > pageSize {
                close()
                for start in stride(from: 0, to: group.indices.count, by: pageSize) {
                    let part = group.indices[start..<min(start + pageSize, group.indices.count)]
                    pages.append(KindPage(groups: [(group.agency, part)], count: part.count))
                }
                continue
            }
            if current.count + group.indices.count > pageSize { close() }
            current.groups.append((group.agency, group.indices[...]))
            current.count += group.indices.count
        }
        close()
        return pages
    }

    /// The pages of one kind the plan needs.
    static func kindPages(_ kind: String, groups: [(agency: Int, indices: [Int])], site: SiteContext, plan: PagePlan?) -> [Page] {
        let ledger = site.ledger
        let all = ledger.findings
        let pages = layout(groups, pageSize: site.config.issuesPerPage)
        let count = pages.count
        let total = groups.reduce(0) { $0 + $1.indices.count }
        let title = FindingKinds.title(kind)
        // Which page each agency starts on, for the first page's table of contents.
        var contents: [(agency: Int, page: Int)] = []
        for (n, p) in pages.enumerated() {
            for g in p.groups where contents.last?.agency != g.agency { contents.append((g.agency, n + 1)) }
        }
        return pages.enumerated().compactMap { entry -> Page? in
            let (n, content) = (entry.offset + 1, entry.element)
            let path = Paths.issueKind(kind, page: n)
            // A later page shows its number and its neighbours, not how many pages there are:
            // a page more or less then changes the first and the last, not all of them.
            if let plan, !plan.needs(path, plan.issueKindPage(kind, page: n, hasNext: n < count,
                                                             first: n == 1 ? (count, total, contents) : nil,
                                                             groups: content.groups)) {
                return nil
            }
            // Room for what a page of this many issues takes (about 300 bytes an issue), not
            // a fixed quarter of a megabyte: a batch of kinds holds half the kind pages at once
            // (2,559 at 100,000 forms), and 256 kB each was 655 MB of the build's peak.
            var body = MarkdownBuffer(capacity: 4_096 + 384 * content.count)
            body += Markdown.link("全部问题", to: site.href(path, Paths.issues)) + " › " + Markdown.text(title)
            body += n == 1 ? "（共 \(total) 条" + (count > 1 ? "，分 \(count) 页" : "") + "）\n\n" : "（第 \(n) 页，本页 \(content.count) 条）\n\n"
            if n == 1, count > 1 {
                body += "按主管部门：" + contents.map { c in
                    let agency = ledger.byAgency[c.agency].agency
                    return Markdown.link(agency, to: site.href(path, Paths.issueKind(kind, page: c.page))) + "（第 \(c.page) 页）"
                }.joined(separator: " · ") + "\n\n"
            }
            for g in content.groups {
                let agency = ledger.byAgency[g.agency].agency
                body += "## " + Markdown.link(agency, to: site.href(path, site.paths.agency(agency))) + "（\(g.indices.count)）\n\n"
                PageBlocks.findings(all.elements(at: g.indices), positions: Array(g.indices), from: path, site: site, into: &body)
            }
            if n == 1, count > 1 {
                body += "分页：**1** " + (2...count).map { Markdown.link("\($0)", to: site.href(path, Paths.issueKind(kind, page: $0))) }.joined(separator: " ") + "\n\n"
            } else if n > 1 {
                var links = n > 2 ? [Markdown.link("第 1 页", to: site.href(path, Paths.issueKind(kind, page: 1)))] : []
                links.append(Markdown.link("上一页", to: site.href(path, Paths.issueKind(kind, page: n - 1))))
                if n < count { links.append(Markdown.link("下一页", to: site.href(path, Paths.issueKind(kind, page: n + 1)))) }
                body += "分页：" + links.joined(separator: " · ") + "\n\n"
            }
            return Page(path: path, title: title + (count > 1 ? "（第 \(n) 页）" : ""), section: .issues, body: body)
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

private extension Array where Element == (agency: Int, indices: [Int]) {
    /// Adds an issue to its agency's run (a new run when the agency changes).
    mutating func add(agency: Int, index: Int) {
        if let last = indices.last, self[last].agency == agency { self[last].indices.append(index) }
        else { append((agency, [index])) }
    }
}
