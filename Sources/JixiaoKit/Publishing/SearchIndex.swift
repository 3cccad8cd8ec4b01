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
        // The JSON as `JSONValue.serialized` lays it out (two-space indentation), written
        // straight from the strings: the index is remade by every build, rebuilds included.
        var out = Array("window.JIXIAO_INDEX = ".utf8)
        out.reserveCapacity(entries.count * 200)
        if entries.isEmpty { out += Array("[]".utf8) } else {
            out += Array("[\n".utf8)
            for (i, entry) in entries.enumerated() {
                out += Array("  {\n".utf8)
                for (j, (key, value)) in entry.enumerated() {
                    out += Array("    ".utf8)
                    JSONValue.quote(key, into: &out)
                    out += Array(": ".utf8)
                    JSONValue.quote(value, into: &out)
                    if j < entry.count - 1 { out.append(0x2C) }
                    out.append(0x0A)
                }
                out += Array(i < entries.count - 1 ? "  },\n".utf8 : "  }\n".utf8)
            }
            out.append(0x5D)
        }
        out += Array(";\n".utf8)
        return String(decoding: out, as: UTF8.self)
    }
}
