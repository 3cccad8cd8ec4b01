/// The search index, shipped as a script (`assets/search-index.js`) so search works from
/// file:// where fetch() is not allowed. Entries carry the texts to match and a link.
enum SearchIndex {
    static func script(_ site: SiteContext) -> String {
        var entries: [JSONValue] = []
        for p in site.ledger.current {
            entries.append(.object([
                ("t", .string(p.name ?? "（未填名称）")),
                ("k", .string(p.kind == .selfEvaluation ? "自评" : "目标表")),
                ("a", .string(p.agencyResolved)),
                ("u", .string(p.unit ?? "")),
                ("c", .string(site.ledger.category(of: p).name)),
                ("y", .string(p.year.map(String.init) ?? "")),
                ("h", .string(Paths.project(p.id))),
            ]))
        }
        for (agency, projects) in site.ledger.byAgency {
            entries.append(.object([("t", .string(agency)), ("k", .string("部门")), ("a", .string(agency)), ("u", .string("")),
                                    ("c", .string("\(projects.count) 个项目")), ("y", .string("")), ("h", .string(site.paths.agency(agency)))]))
        }
        for (category, projects) in site.ledger.byCategory where !projects.isEmpty {
            entries.append(.object([("t", .string(category.name)), ("k", .string("分类")), ("a", .string("")), ("u", .string("")),
                                    ("c", .string("\(projects.count) 个项目")), ("y", .string("")), ("h", .string(Paths.category(category)))]))
        }
        var out = Array("window.JIXIAO_INDEX = ".utf8)
        JSONValue.array(entries).write(into: &out, indent: 0)
        out += Array(";\n".utf8)
        return String(decoding: out, as: UTF8.self)
    }
}
