/// The search index, shipped as a script (`assets/search-index.js`) so search works from
/// file:// where fetch() is not allowed. Entries carry the texts to match and a link: the
/// current projects' first, in the ledger's order, then the agencies' and the categories'.
/// One entry a line, each a compact object (the layout `JSONValue.write` gives an array at
/// `expand: 1`), written straight to bytes: no tree of values per entry. A build writes the
/// projects' entries as records of a data file (see `DataFiles`): a rebuild makes only the
/// changed submissions' entries and copies the others.
enum SearchIndex {
    static let head = Array("window.JIXIAO_INDEX = [".utf8)
    /// Before the first entry, and between two.
    static let first = Array("\n  ".utf8)
    static let separator = Array(",\n  ".utf8)

    /// A current project's entry.
    static func entry(_ p: ProjectRecord, _ ledger: Ledger) -> [UInt8] {
        var out = CompactJSON(capacity: 256)
        object(&out, p.name ?? "（未填名称）", p.kind == .selfEvaluation ? "自评" : "目标表", p.agencyResolved, p.unit ?? "",
               ledger.categoryName(of: p), p.year.map(String.init) ?? "", Paths.project(p.id))
        return out.bytes
    }

    /// The agencies' and categories' entries and the end of the script; `after`: entries
    /// came before them.
    static func rest(_ site: SiteContext, after: Bool) -> [UInt8] {
        let ledger = site.ledger
        var out = CompactJSON(capacity: 160 * (ledger.byAgency.count + 16))
        var first = !after
        func entry(_ t: String, _ k: String, _ a: String, _ c: String, _ h: String) {
            out.separator(first ? "\n  " : ",\n  ")
            first = false
            object(&out, t, k, a, "", c, "", h)
        }
        for (agency, projects) in ledger.byAgency {
            entry(agency, "部门", agency, "\(projects.count) 个项目", site.paths.agency(agency))
        }
        for (category, projects) in ledger.byCategory where !projects.isEmpty {
            entry(category.name, "分类", "", "\(projects.count) 个项目", Paths.category(category))
        }
        out.separator(first ? "]" : "\n]")
        out.separator(";\n")
        return out.bytes
    }

    private static func object(_ out: inout CompactJSON, _ t: String, _ k: String, _ a: String, _ u: String, _ c: String, _ y: String, _ h: String) {
        out.object { j in
            j.field("t", t); j.field("k", k); j.field("a", a); j.field("u", u); j.field("c", c); j.field("y", y); j.field("h", h)
        }
    }
}
