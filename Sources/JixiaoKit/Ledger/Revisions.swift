import Foundation

/// How submissions replace each other, in the order they arrived.
///
/// Order: by the sidecar's `submitted` date, documents without one first, then by path.
/// A submission replaces earlier projects in two ways: its sidecar says `supersedes: X`
/// (all of X's projects become history, matched to the new ones by name, else by position),
/// or, without that, it carries the same project — same year, agency, unit and name
/// (whitespace aside) — as an earlier submission.
public struct Revisions: Sendable {
    /// One submission and what it did to the projects that count.
    public struct Change: Sendable {
        public var document: Document
        /// Projects that were new (what the changes page says of each, not a copy of it:
        /// every project is new once, and a national corpus is 100,000 of them).
        public var added: [Added] = []
        /// (earlier version, this version, the figures that moved) triples.
        public var changed: [(before: ProjectRecord, after: ProjectRecord, moved: [String])] = []
        /// Earlier projects this submission withdrew (superseded with no counterpart).
        public var removed: [ProjectRecord] = []
        /// Agency → totals of the current projects before and after this submission.
        public var agencyTotals: [(agency: String, before: Totals?, after: Totals?)] = []
    }

    /// A project as the changes page lists it.
    public struct Added: Sendable {
        public var id: String
        public var name: String?
        public var agency: String
        public var kind: FormKind
        public var budget: Double?

        init(_ p: ProjectRecord) {
            id = p.id
            name = p.name
            agency = p.agencyResolved
            kind = p.kind
            budget = p.budget
        }
    }

    /// Documents in submission order.
    public let order: [Document]
    /// Superseded project id → the id that replaces it (nil when withdrawn).
    public let replacedBy: [String: String?]
    /// Current project id → its earlier versions, oldest first.
    public let history: [String: [ProjectRecord]]
    public let changes: [Change]
    /// What moved between two versions, keyed by `pairKey(before, after)`.
    public let movedBetween: [String: [String]]

    /// Revisions from the projects' records; `moved` compares two versions of a project
    /// (`Revisions.moved` on the full forms), asked once per pair.
    public init(documents: [Document], records: [ProjectRecord], moved: (ProjectRecord, ProjectRecord) -> [String]) {
        // Positions sorted, not the documents themselves (each a dozen references).
        let dates = documents.map { $0.sidecar?.submitted ?? "" }
        order = documents.indices.sorted { a, b in (dates[a], a) < (dates[b], b) }.map { documents[$0] }
        // Each submission's records (neighbours in `records`): a path looked up once per run
        // of records, not hashed again for every record.
        var byPath: [String: [ProjectRecord]] = [:]
        var runStart = 0
        for i in records.indices where i + 1 == records.count || !TextKey.same(records[i + 1].source.path, records[i].source.path) {
            byPath[records[i].source.path, default: []] += records[runStart...i]
            runStart = i + 1
        }
        var movedBetween: [String: [String]] = [:]
        func pair(_ before: ProjectRecord, _ after: ProjectRecord) -> (ProjectRecord, ProjectRecord, [String]) {
            let m = moved(before, after)
            movedBetween[Revisions.pairKey(before.id, after.id)] = m
            return (before, after, m)
        }

        // Key → project. Keys hold names and agencies: TextKey hashes their bytes, not the
        // normalised characters a String key would.
        var current: [TextKey: ProjectRecord] = [:]
        current.reserveCapacity(records.count)
        // Each agency's current keys in arrival order, and its totals over them. A submission
        // that only adds projects to an agency adds their figures to its totals, in the order
        // a sum over the keys takes them (the same figures to the last bit); one that
        // replaces or withdraws a project marks the agency's totals stale, to be summed anew.
        var agencyKeys: [[TextKey]] = []
        var agencyTotals: [Totals?] = []
        var stale: [Bool] = []
        // Agencies by number (see `NameNumbers`).
        var agencyNumbers = NameNumbers()
        func number(_ agency: String) -> Int {
            let (n, isNew) = agencyNumbers.number(agency)
            if isNew { agencyKeys.append([]); agencyTotals.append(nil); stale.append(false) }
            return n
        }
        func totals(_ agencies: [(name: String, number: Int)]) -> [Totals?] {
            agencies.map { agency in
                let n = agency.number
                if stale[n] || agencyTotals[n] == nil {
                    stale[n] = false
                    var t = Totals()
                    for key in agencyKeys[n] { if let p = current[key] { t.add(figures: p) } }
                    agencyTotals[n] = t
                }
                return agencyTotals[n].flatMap { $0.projects > 0 ? $0 : nil }
            }
        }
        var replacedBy: [String: String?] = [:]
        var history: [String: [ProjectRecord]] = [:]
        var changes: [Change] = []

        for doc in order {
            var change = Change(document: doc)
            let projects = byPath[doc.path] ?? []
            // The submission's agencies, each once as it first names it, by name.
            var agencies: [(name: String, number: Int)] = []
            for p in projects {
                let n = number(p.agencyResolved)
                if !agencies.contains(where: { $0.number == n }) { agencies.append((p.agencyResolved, n)) }
            }
            if agencies.count > 1 { agencies.sort { $0.name < $1.name } }
            let before = totals(agencies)
            var paired: Set<String> = []

            if let target = doc.sidecar?.supersedes {
                let targetPath = ((doc.path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(target)
                let old = (byPath[targetPath] ?? byPath[target] ?? []).filter { o in current[TextKey(o.revisionKey)]?.id == o.id }
                for o in old {
                    let match = projects.first { Text.key($0.name ?? "") == Text.key(o.name ?? "") && !paired.contains($0.id) }
                        ?? projects.first { Revisions.formNumber($0.id) == Revisions.formNumber(o.id) && !paired.contains($0.id) }
                    let oldKey = TextKey(o.revisionKey)
                    current[oldKey] = nil
                    let n = number(o.agencyResolved)
                    agencyKeys[n].removeAll { $0 == oldKey }
                    stale[n] = true
                    replacedBy[o.id] = .some(match?.id)
                    if let match {
                        paired.insert(match.id)
                        history[match.id, default: []] += (history[o.id] ?? []) + [o]
                        history[o.id] = nil
                        change.changed.append(pair(o, match))
                    } else {
                        change.removed.append(o)
                    }
                }
            }
            for p in projects {
                let key = TextKey(p.revisionKey)
                // Put in with one look-up (most keys are new); an earlier version from the
                // same submission is put back below.
                let existing = current.updateValue(p, forKey: key)
                if let earlier = existing, earlier.source.path != p.source.path {
                    replacedBy[earlier.id] = .some(p.id)
                    history[p.id, default: []] += (history[earlier.id] ?? []) + [earlier]
                    history[earlier.id] = nil
                    if !paired.contains(p.id) { change.changed.append(pair(earlier, p)) }
                    paired.insert(p.id)
                } else if !paired.contains(p.id) {
                    change.added.append(Added(p))
                }
                if existing == nil {
                    let n = number(p.agencyResolved)
                    agencyKeys[n].append(key)
                    agencyTotals[n]?.add(figures: p)
                } else if existing?.source.path != p.source.path {
                    stale[number(p.agencyResolved)] = true
                }
                if let existing, existing.source.path == p.source.path { current[key] = existing }
            }
            let after = totals(agencies)
            change.agencyTotals = agencies.indices.map { (agencies[$0].name, before[$0], after[$0]) }
            changes.append(change)
        }
        self.replacedBy = replacedBy
        self.history = history
        self.changes = changes
        self.movedBetween = movedBetween
    }

    /// The key of `movedBetween`.
    public static func pairKey(_ before: String, _ after: String) -> String { before + "\n" + after }

    /// The identity of a project across submissions (kept with its record, `revisionKey`).
    static func key(kind: FormKind, year: Int?, agency: String, unit: String?, name: String) -> String {
        "\(kind.rawValue)|\(year.map(String.init) ?? "")|\(agency)|\(unit.map(Text.key) ?? "")|\(Text.key(name))"
    }

    static func formNumber(_ id: String) -> Substring { id.suffix(from: id.lastIndex(of: "-") ?? id.startIndex) }

    /// The figures that moved between two versions of a project, as "label: old → new".
    public static func moved(_ a: Project, _ b: Project) -> [String] {
        var out: [String] = []
        if (a.name ?? "") != (b.name ?? "") { out.append("项目名称：\(a.name ?? "—") → \(b.name ?? "—")") }
        let amounts: [(String, Double?, Double?)] = [
            ("年初预算数", a.funds.initialBudget.value, b.funds.initialBudget.value),
            (a.kind == .target ? "预算数" : "全年预算数", a.funds.budget.value, b.funds.budget.value),
            ("全年执行数", a.funds.executed.value, b.funds.executed.value),
        ]
        for (label, x, y) in amounts where x != y {
            out.append("\(label) \(Format.amount(x)) → \(Format.amount(y)) 万元")
        }
        if a.funds.rate != b.funds.rate, a.funds.rate != nil || b.funds.rate != nil {
            out.append("执行率 \(Format.percent(a.funds.rate)) → \(Format.percent(b.funds.rate))")
        }
        if a.totalScore.printed != b.totalScore.printed {
            out.append("总分 \(a.totalScore.printed.isEmpty ? "—" : a.totalScore.printed) → \(b.totalScore.printed.isEmpty ? "—" : b.totalScore.printed)")
        }
        if a.indicators.count != b.indicators.count { out.append("绩效指标 \(a.indicators.count) → \(b.indicators.count) 项") }
        // Compared in matching form: 侦破2起 and 侦破 2 起, 质量指针 and 质量指标 are the same.
        func text(_ i: Indicator) -> String { Text.key("\(i.level2 ?? "")|\(i.name ?? "")|\(i.target ?? "")|\(i.actual ?? "")") }
        let ai = Set(a.indicators.map(text)), bi = Set(b.indicators.map(text))
        if a.indicators.count == b.indicators.count, ai != bi { out.append("绩效指标内容有改动") }
        return out
    }
}
