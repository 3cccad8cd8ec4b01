import Foundation

/// Every submission in the order it arrived: what it added, what it changed (and which
/// figures moved), what it withdrew, and its agencies' totals before and after. The changes
/// page shows the latest submissions; the earlier ones are on archive pages of a hundred
/// each, counted from the oldest, so a new submission changes the changes page (and, when
/// a hundred fill up, adds an archive page), not every page of the history.
enum ChangesPage {
    /// Submissions per archive page.
    static let perPage = 100

    /// Pages of entries: the archive pages (blocks of a hundred from the oldest) and the
    /// changes page's (the last block, partly filled or not).
    static func blocks(_ count: Int) -> Int { max(1, (count + perPage - 1) / perPage) }

    /// The changes in a block, oldest first.
    static func entries(ofBlock block: Int, count: Int) -> Range<Int> { block * perPage..<min((block + 1) * perPage, count) }

    /// The archive pages (by block) that must be made; the others are kept as the last build
    /// wrote them. Each page is fingerprinted from what it shows — its place among the pages
    /// and each entry's `print` (`prints`, by the entry's index) — so its entries' summaries
    /// are made only when it is.
    static func archivesNeeded(plan: PagePlan?, prints: [UInt64]) -> [Int] {
        let blocks = blocks(prints.count)
        return (0..<(blocks - 1)).filter { block in
            guard let plan else { return true }
            var f = Fingerprint()
            f.field(block)
            f.field(block + 2 < blocks ? 1 : 0)
            for n in entries(ofBlock: block, count: prints.count) { f.field(prints[n]) }
            return plan.needs(Paths.changesArchive(block + 1), f.value)
        }
    }

    /// The changes whose entries the changes page and the chosen archive pages show.
    static func entriesShown(count: Int, archives: [Int]) -> Set<Int> {
        var shown = Set(entries(ofBlock: blocks(count) - 1, count: count))
        for block in archives { shown.formUnion(entries(ofBlock: block, count: count)) }
        return shown
    }

    /// The changes page, and the archive pages `archivesNeeded` chose. `summaries`: each
    /// shown change's `summary` from the changes page, by its index (the feed shows them
    /// too); archive pages sit beside it, so the same links hold there.
    static func pages(_ site: SiteContext, summaries: [Int: String], archives: [Int]) -> [Page] {
        let changes = site.ledger.revisions.changes
        let blocks = blocks(changes.count)
        func entries(_ block: Int) -> String {
            var md = ""
            for n in Self.entries(ofBlock: block, count: changes.count).reversed() {
                md += "## \(n + 1). \(Markdown.text(title(changes[n])))\n\n"
                md += summaries[n] ?? ""
            }
            return md
        }
        let page = Paths.changes
        var md = "每次提交或重新提交都记录在这里，按提交顺序（提交说明中的日期，没有日期的按文件顺序），最新的在前。"
        md += "重新提交的项目取代旧版本，合计只计算最新版本。也可以订阅 " + Markdown.link("Atom 更新源", to: site.href(page, Paths.feed)) + "。\n\n"
        if blocks > 1 {
            md += "共 \(changes.count) 次提交；这里是第 \((blocks - 1) * perPage + 1)–\(changes.count) 次，更早的："
            md += (0..<(blocks - 1)).reversed().map {
                Markdown.link("第 \($0 * perPage + 1)–\(($0 + 1) * perPage) 次", to: site.href(page, Paths.changesArchive($0 + 1)))
            }.joined(separator: " · ") + "\n\n"
        }
        md += entries(blocks - 1)
        var out = [Page(path: page, title: "更新记录", section: .home, markdown: md)]
        for block in archives {
            let path = Paths.changesArchive(block + 1)
            // What precedes and follows an archive page: only its neighbours' existence.
            var body = Markdown.link("更新记录", to: site.href(path, page)) + " › 第 \(block * perPage + 1)–\((block + 1) * perPage) 次提交\n\n"
            var links: [String] = []
            if block > 0 { links.append(Markdown.link("更早", to: site.href(path, Paths.changesArchive(block)))) }
            links.append(Markdown.link(block + 2 < blocks ? "更晚" : "最近的提交", to: site.href(path, block + 2 < blocks ? Paths.changesArchive(block + 2) : page)))
            body += links.joined(separator: " · ") + "\n\n"
            body += entries(block)
            out.append(Page(path: path, title: "更新记录（第 \(block * perPage + 1)–\((block + 1) * perPage) 次提交）", section: .home, markdown: body))
        }
        return out
    }

    /// Everything an entry shows — its `title` and its `summary`'s inputs — hashed without
    /// writing the entry. Kept beside `summary`: a field the entry shows must be here.
    static func print(_ change: Revisions.Change, site: SiteContext) -> UInt64 {
        var f = Fingerprint()
        let doc = change.document
        f.field(doc.path); f.field(doc.forms); f.field(doc.sidecar?.submitted); f.field(doc.sidecar?.supersedes)
        f.field(change.changed.count)
        for (_, after, moved) in change.changed {
            f.field(after.id); f.field(after.name); f.field(moved.count)
            for m in moved { f.field(m) }
        }
        f.field(change.added.count)
        for a in change.added {
            f.field(a.id); f.field(a.name); f.field(a.agency); f.field(a.kind.rawValue); f.field(a.budget.map(\.bitPattern) ?? 1)
        }
        f.field(change.removed.count)
        for r in change.removed { f.field(r.id); f.field(r.name) }
        f.field(change.agencyTotals.count)
        for (agency, before, after) in change.agencyTotals {
            f.field(agency); f.field(site.paths.agency(agency))
            for t in [before, after] {
                guard let t else { f.field(0); continue }
                f.field(1); f.field(t.projects); f.field(t.budget.bitPattern); f.field(t.executed.bitPattern); f.field(t.planned.bitPattern)
            }
        }
        return f.value
    }

    /// The page a submission's entry is on.
    static func path(of index: Int, count: Int) -> String {
        let blocks = blocks(count)
        let block = index / perPage
        return block == blocks - 1 ? Paths.changes : Paths.changesArchive(block + 1)
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

/// feed.xml: one Atom entry per submission, the latest `entries` of them (a feed reader
/// wants what is new, not a national history). Dates are the sidecars' `submitted`; a
/// submission without one is dated by nothing the build invents (the feed's epoch), so
/// two builds of the same content are identical.
enum Feed {
    static let entries = 50

    /// The changes the feed carries, by index.
    static func shown(_ count: Int) -> Range<Int> { max(0, count - entries)..<count }

    /// `summaries`: the changes' summaries by index, at least those `shown`; they become the
    /// entries' bodies.
    static func xml(_ site: SiteContext, summaries: [Int: String]) -> String {
        let shown = shown(site.ledger.revisions.changes.count)
        let rendered = Array(shown).parallelMap { CMark.html(summaries[$0] ?? "") }
        let bodies = Dictionary(uniqueKeysWithValues: zip(shown, rendered))
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
        for n in shown.reversed() {
            let change = changes[n]
            let id = "submission-\(Digest.fnv32(change.document.path))"
            out += "  <entry>\n"
            out += "    <title>\(Markdown.html(ChangesPage.title(change)))：新增 \(change.added.count)，更新 \(change.changed.count)，撤回 \(change.removed.count)</title>\n"
            out += "    <id>\(base.isEmpty ? "urn:jixiao:" + id : Markdown.html(base + Paths.changes + "#" + id))</id>\n"
            out += "    <updated>\(stamp(change.document.sidecar?.submitted))</updated>\n"
            out += "    <link href=\"\(Markdown.attribute(base + ChangesPage.path(of: n, count: changes.count)))\"/>\n"
            out += "    <content type=\"html\">\(Markdown.html(bodies[n] ?? ""))</content>\n"
            out += "  </entry>\n"
        }
        return out + "</feed>\n"
    }
}
