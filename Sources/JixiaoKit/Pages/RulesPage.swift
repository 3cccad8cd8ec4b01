/// Every rule of the catalogue: what it checks, why it matters, how it is computed;
/// and the kinds of issue the forms report themselves.
enum RulesPage {
    static func make(_ site: SiteContext) -> Page {
        let counts = site.issues.byKindTotal
        var md = "问题清单中的问题有两类：**检查规则**发现的表格错误和不一致，以及**表内填报**的未完成情况。"
        md += "提交材料前，可以用 `jixiao check 文件` 对照这些规则自查。阈值和权重方案在 `Content/site.yml` 的 `checks:` 中设定"
        md += "（当前：执行率低于 \(Format.percent(site.config.checks.lowExecution)) 为偏低；权重 "
        md += site.config.checks.weights.sorted { $0.key < $1.key }.map { "\(Markdown.text($0.key)) \(Format.number($0.value))" }.joined(separator: "、") + "）。\n\n"
        var index = HTMLTable(columns: [("规则", .left), ("编号", .left), ("默认严重程度", .left), ("本站发现", .right)])
        for rule in Rules.all {
            index.row([Markdown.htmlLink(rule.title, to: "#" + rule.id), "<code>\(Markdown.html(rule.id))</code>",
                       PageBlocks.severityTitle(rule.severity), "\(counts[rule.id] ?? 0)"])
        }
        md += index.markdown
        md += "## 检查规则\n\n"
        for rule in Rules.all {
            md += "<h3 id=\"\(Markdown.attribute(rule.id))\">\(Markdown.html(rule.title)) <code>\(Markdown.html(rule.id))</code></h3>\n\n"
            md += "- **检查什么**：\(Markdown.text(rule.checks))\n"
            md += "- **为什么重要**：\(Markdown.text(rule.why))\n"
            md += "- **怎么计算**：\(Markdown.text(rule.how))\n"
            md += "- **默认严重程度**：\(PageBlocks.severityTitle(rule.severity))；本站发现 \(counts[rule.id] ?? 0) 个\n\n"
        }
        md += "## 表内填报的问题\n\n这些不是表格的错误，而是表格自己写明的情况，同样列入问题清单：\n\n"
        for (kind, text) in FindingKinds.explanations.sorted(by: { $0.key < $1.key }) {
            md += "<h3 id=\"\(Markdown.attribute(kind))\">\(Markdown.html(FindingKinds.title(kind))) <code>\(Markdown.html(kind))</code></h3>\n\n"
            md += Markdown.text(text) + "本站发现 \(counts[kind] ?? 0) 个。\n\n"
        }
        return Page(path: Paths.rules, title: "检查规则", section: .issues, markdown: md)
    }
}

/// Quality of an agency's submissions: findings per project, by rule, measurable targets.
struct Quality {
    var projects = 0
    var findings = 0
    var errors = 0
    var warnings = 0
    var measurable = 0
    var targets = 0

    /// The counts, from each project's counts by severity (the agencies index makes one per
    /// agency, for the whole corpus).
    init(_ projects: [ProjectRecord], ledger: Ledger) {
        self.projects = projects.count
        for p in projects {
            let counts = ledger.findingCounts(of: p)
            findings += Int(counts.all)
            errors += Int(counts.errors)
            warnings += Int(counts.warnings)
            measurable += p.measurableTargets
            targets += p.targets
        }
    }

    var perProject: Double? { projects > 0 ? Double(findings) / Double(projects) : nil }
    var measurableShare: Double? { targets > 0 ? Double(measurable) / Double(targets) : nil }

    /// The agency page's quality section.
    func markdown(from page: String, site: SiteContext, projects list: [ProjectRecord]) -> String {
        var md = "## 填报质量\n\n"
        md += "平均每张表 \(perProject.map { Format.fixed($0, 1) } ?? "—") 个问题（错误 \(errors)、警告 \(warnings)）；"
        md += "\(targets) 项年度指标值中 \(measurable) 项有数量或时限，可衡量目标占 \(Format.percent(measurableShare))。\n\n"
        var perProjectTable = HTMLTable(columns: [("项目", .left), ("错误", .right), ("警告", .right), ("提示", .right), ("可衡量目标", .right)])
        let ledger = site.ledger
        for p in list {
            // Counted once per project by severity (error, warning, info: the rest).
            let counts = ledger.findingCounts(of: p)
            perProjectTable.row([Markdown.htmlLink(p.name ?? p.id, to: site.href(page, Paths.project(p.id))),
                                 "\(counts.errors)", "\(counts.warnings)", "\(counts.all - counts.errors - counts.warnings)",
                                 "\(p.measurableTargets) / \(p.targets)"])
        }
        md += "<details class=\"findings\"><summary>各项目的问题数</summary>\n" + perProjectTable.markdown(blankLineAfter: false) + "</details>\n\n"
        var byRule: [String: Int] = [:]
        for p in list { ledger.forEachFinding(of: p) { x in byRule[x.kind, default: 0] += 1 } }
        var rules = HTMLTable(columns: [("问题类别", .left), ("数量", .right)])
        for (kind, count) in byRule.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
            rules.row([Markdown.htmlLink(FindingKinds.title(kind), to: site.href(page, Paths.rules) + "#" + kind), "\(count)"])
        }
        if !rules.isEmpty { md += rules.markdown }
        return md
    }
}
