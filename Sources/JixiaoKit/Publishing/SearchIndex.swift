/// The search index, shipped as a script (`assets/search-index.js`) so search works from
/// file:// where fetch() is not allowed. Entries carry the texts to match and a link.
enum SearchIndex {
    /// One entry a line, each a compact object (the layout `JSONValue.write` gives an array
    /// at `expand: 1`), written straight to bytes: no tree of values per entry.
    static func script(_ site: SiteContext) -> [UInt8] {
        let ledger = site.ledger
        var out = CompactJSON(prefix: Array("window.JIXIAO_INDEX = [".utf8), capacity: 160 * (ledger.current.count + ledger.byAgency.count + 16))
        var first = true
        func entry(_ t: String, _ k: String, _ a: String, _ u: String, _ c: String, _ y: String, _ h: String) {
            out.separator(first ? "\n  " : ",\n  ")
            first = false
            out.object { j in
                j.field("t", t); j.field("k", k); j.field("a", a); j.field("u", u); j.field("c", c); j.field("y", y); j.field("h", h)
            }
        }
        for p in ledger.current {
            entry(p.name ?? "（未填名称）", p.kind == .selfEvaluation ? "自评" : "目标表", p.agencyResolved, p.unit ?? "",
                  ledger.categoryName(of: p), p.year.map(String.init) ?? "", Paths.project(p.id))
        }
        for (agency, projects) in ledger.byAgency {
            entry(agency, "部门", agency, "", "\(projects.count) 个项目", "", site.paths.agency(agency))
        }
        for (category, projects) in ledger.byCategory where !projects.isEmpty {
            entry(category.name, "分类", "", "", "\(projects.count) 个项目", "", Paths.category(category))
        }
        out.separator(first ? "]" : "\n]")
        out.separator(";\n")
        return out.bytes
    }
}
