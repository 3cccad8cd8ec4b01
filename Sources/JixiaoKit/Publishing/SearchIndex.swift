/// The search index, shipped as a script (`assets/search-index.js`) so search works from
/// file:// where fetch() is not allowed. Entries carry the texts to match and a link.
enum SearchIndex {
    static func script(_ site: SiteContext) -> String {
        var entries: [[(String, String)]] = []
        entries.reserveCapacity(site.ledger.current.count + site.ledger.byAgency.count + site.ledger.byCategory.count)
        for p in site.ledger.current {
            entries.append([
                ("t", p.name ?? "（未填名称）"),
                ("k", p.kind == .selfEvaluation ? "自评" : "目标表"),
                ("a", p.agencyResolved),
                ("u", p.unit ?? ""),
                ("c", site.ledger.category(of: p).name),
                ("y", p.year.map(String.init) ?? ""),
                ("h", Paths.project(p.id)),
            ])
        }
        for (agency, projects) in site.ledger.byAgency {
            entries.append([("t", agency), ("k", "部门"), ("a", agency), ("u", ""),
                            ("c", "\(projects.count) 个项目"), ("y", ""), ("h", site.paths.agency(agency))])
        }
        for (category, projects) in site.ledger.byCategory where !projects.isEmpty {
            entries.append([("t", category.name), ("k", "分类"), ("a", ""), ("u", ""),
                            ("c", "\(projects.count) 个项目"), ("y", ""), ("h", Paths.category(category))])
        }
        var out = Array("window.JIXIAO_INDEX = ".utf8)
        JSONValue.array(entries.map { .object($0.map { ($0.0, .string($0.1)) }) }).write(into: &out, expand: 1)
        out += Array(";\n".utf8)
        return String(decoding: out, as: UTF8.self)
    }
}
