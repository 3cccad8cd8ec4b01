import Foundation

/// Every submission in the order it arrived: what it added, what it changed (and which
/// figures moved), what it withdrew, and its agencies' totals before and after.
enum ChangesPage {
    /// `summaries`: each change's `summary` from this page, in order (the feed shows them too).
    static func make(_ site: SiteContext, summaries: [String]) -> Page {
        let page = Paths.changes
        var md = "每次提交或重新提交都记录在这里，按提交顺序（提交说明中的日期，没有日期的按文件顺序）。"
        md += "重新提交的项目取代旧版本，合计只计算最新版本。也可以订阅 " + Markdown.link("Atom 更新源", to: site.href(page, Paths.feed)) + "。\n\n"
        for (n, change) in site.ledger.revisions.changes.enumerated().reversed() {
            md += "## \(n + 1). \(Markdown.text(title(change)))\n\n"
            md += summaries[n]
        }
        return Page(path: page, title: "更新记录", section: .home, markdown: md)
    }

    static func title(_ change: Revisions.Change) -> String {
        let doc = change.document
        let date = doc.sidecar?.submitted ?? "未注明提交日期"
        return "\((doc.path as NSString).lastPathComponent)（\(date)）"
    }

    /// The body of one submission's entry, shared by the page and the feed.
    static func summary(_ change: Revisions.Change, from page: String, site: SiteContext) -> String {
        var md = "<p class=\"source\">\(Markdown.html(change.document.path))，\(change.document.forms) 张表"
        if let s = change.document.sidecar?.supersedes { md += "；取代 \(Markdown.html(s))" }
        md += "</p>\n\n"
        md += "新增 \(change.added.count) 个项目，更新 \(change.changed.count) 个，撤回 \(change.removed.count) 个。\n\n"
        if !change.changed.isEmpty {
            md += "### 更新\n\n"
            for (_, after, moved) in change.changed {
                md += "- " + Markdown.link(after.name ?? after.id, to: site.href(page, Paths.project(after.id)))
                md += moved.isEmpty ? "：数字没有变化" : "：" + moved.map(Markdown.text).joined(separator: "；")
                md += "\n"
            }
            md += "\n"
        }
        if !change.added.isEmpty {
            md += "### 新增\n\n" + change.added.map {
                "- " + Markdown.link($0.name ?? $0.id, to: site.href(page, Paths.project($0.id)))
                    + "（\(Markdown.text($0.agency))，\($0.kind == .selfEvaluation ? "全年预算数" : "预算数") \(Format.amount($0.budget)) 万元）"
            }.joined(separator: "\n") + "\n\n"
        }
        if !change.removed.isEmpty {
            md += "### 撤回\n\n" + change.removed.map {
                "- " + Markdown.link($0.name ?? $0.id, to: site.href(page, Paths.project($0.id)))
            }.joined(separator: "\n") + "\n\n"
        }
        var table = HTMLTable(caption: "部门合计（提交前 → 提交后）", columns: [
            ("主管部门", .left), ("项目", .right), ("全年预算数 ΣA（万元）", .right), ("全年执行数 ΣB（万元）", .right), ("目标表预算数（万元）", .right),
        ])
        for (agency, before, after) in change.agencyTotals {
            func pair(_ f: (Totals) -> String) -> String { "\(before.map(f) ?? "—") → \(after.map(f) ?? "—")" }
            table.row([Markdown.htmlLink(agency, to: site.href(page, site.paths.agency(agency))),
                       pair { "\($0.projects)" }, pair { Format.amount($0.budget) }, pair { Format.amount($0.executed) },
                       pair { Format.amount($0.planned) }])
        }
        if !table.isEmpty { md += table.markdown }
        return md
    }
}

/// feed.xml: one Atom entry per submission. Dates are the sidecars' `submitted`; a
/// submission without one is dated by nothing the build invents (the feed's epoch), so
/// two builds of the same content are identical.
enum Feed {
    static func xml(_ site: SiteContext, bodies: [String]) -> String {
        let changes = site.ledger.revisions.changes
        let base = site.config.baseURL
        let epoch = "1970-01-01T00:00:00Z"
        func stamp(_ date: String?) -> String { date.map { $0 + "T00:00:00Z" } ?? epoch }
        let latest = changes.compactMap { $0.document.sidecar?.submitted }.max()
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n"
        out += "  <title>\(Markdown.html(site.config.title))：更新记录</title>\n"
        out += "  <id>\(Markdown.html(base.isEmpty ? "urn:jixiao:" + Digest.fnv32(site.config.title) : base + Paths.feed))</id>\n"
        out += "  <updated>\(stamp(latest))</updated>\n"
        if !base.isEmpty { out += "  <link rel=\"self\" href=\"\(Markdown.attribute(base + Paths.feed))\"/>\n  <link href=\"\(Markdown.attribute(base + Paths.changes))\"/>\n" }
        else { out += "  <link href=\"\(Paths.changes)\"/>\n" }
        out += "  <author><name>\(Markdown.html(site.config.title))</name></author>\n"
        for (n, change) in changes.enumerated().reversed() {
            let id = "submission-\(Digest.fnv32(change.document.path))"
            out += "  <entry>\n"
            out += "    <title>\(Markdown.html(ChangesPage.title(change)))：新增 \(change.added.count)，更新 \(change.changed.count)，撤回 \(change.removed.count)</title>\n"
            out += "    <id>\(base.isEmpty ? "urn:jixiao:" + id : Markdown.html(base + Paths.changes + "#" + id))</id>\n"
            out += "    <updated>\(stamp(change.document.sidecar?.submitted))</updated>\n"
            out += "    <link href=\"\(Markdown.attribute(base + Paths.changes))\"/>\n"
            out += "    <content type=\"html\">\(Markdown.html(bodies[n]))</content>\n"
            out += "  </entry>\n"
        }
        return out + "</feed>\n"
    }
}
