import Foundation

/// Which pages a build must make: each project, agency, category and issue-kind page is
/// fingerprinted from everything it is made of (the content keys of the submissions its
/// projects come from, their categories, findings, revisions and links); a page whose
/// fingerprint is the last build's is kept as it is in the site, without being made again.
/// Pages of every other kind are small and always made (and not rewritten when the bytes
/// are the same). With no previous build every page is made.
final class PagePlan: @unchecked Sendable {
    private let previous: [PathKey: UInt64]?
    /// Keeps a page, its Markdown copy and the files made with it (`SiteOutput.keepPage`).
    private let keep: @Sendable (String, [String]) -> Void
    private let lock = NSLock()
    /// Page path → input fingerprint, for the next build.
    private(set) var inputs: [PathKey: UInt64] = [:]
    /// Files kept from the last build.
    private(set) var kept: [String] = []
    /// Content key of each submission, by its path.
    let documentKeys: [String: UInt64]
    /// Each record as lists show it (see `add(_:to:)`), by its position in `ledger.records`.
    private let recordPrints: [UInt64]
    /// Fingerprint of each of `ledger.findings` (with its project's name), in that order.
    private let findingPrints: [UInt64]
    /// Each record's findings' prints, by its position in `ledger.records`, when a later
    /// build may take them as they are (see `findingPrints(of:)`).
    private let printsBySlot: [[UInt64]?]
    private let site: SiteContext

    init(site: SiteContext, documentKeys: [String: UInt64], previous: [PathKey: UInt64]?,
         known: (ProjectRecord) -> [UInt64]? = { _ in nil }, keep: @escaping @Sendable (String, [String]) -> Void) {
        self.site = site
        self.documentKeys = documentKeys
        self.previous = previous
        inputs.reserveCapacity(previous?.count ?? 0)
        self.keep = keep
        // Each finding hashed once: the current projects' in `ledger.findings` order (the
        // issue-kind pages combine those), then any earlier version's.
        let ledger = site.ledger
        // What a finding shows of its project (id, file, name as pages show it) is hashed once
        // per project, not again with each of its findings; a finding naming another project
        // or file (by their bytes) is hashed with that one's.
        func identity(of r: ProjectRecord) -> UInt64 {
            var f = Fingerprint()
            f.field(r.id); f.field(r.source.path); f.field(ledger.name(of: r))
            return f.value
        }
        func print(_ x: borrowing Finding, of r: ProjectRecord, identity: UInt64, own: inout Bool) -> UInt64 {
            var f = Fingerprint()
            if TextKey.same(x.projectID, r.id), TextKey.same(x.path, r.source.path) {
                f.field(1); f.field(identity)
            } else {
                own = false
                f.field(0); f.field(x.projectID); f.field(x.path); f.field(ledger.name(of: x.projectID))
            }
            f.field(x.kind); f.field(x.severity.rawValue); f.field(x.message); f.field(x.line)
            return f.value
        }
        // A project's findings' prints: those the last build made, when `known` has them
        // (its form and findings are the last build's, see `findingPrints`), else made.
        // Hashing every finding of the corpus again was a fourteenth of a +1 rebuild.
        var reusable = [[UInt64]?](repeating: nil, count: ledger.records.count)
        func prints(of r: ProjectRecord) -> [UInt64] {
            if ledger.idsAreUnique, let known = known(r), known.count == Int(ledger.findingCounts(of: r).all) {
                reusable[r.slot] = known
                return known
            }
            var made: [UInt64] = []
            var own = true
            let me = identity(of: r)
            ledger.forEachFinding(of: r) { x in made.append(print(x, of: r, identity: me, own: &own)) }
            // Kept for the next build only when nothing but this project went into them (with
            // ids shared by two files, the name a page shows is another record's).
            if own, ledger.idsAreUnique { reusable[r.slot] = made }
            return made
        }
        var findingsPrints = [UInt64](repeating: 0, count: ledger.records.count)
        var each: [UInt64] = []
        each.reserveCapacity(ledger.findings.count)
        func combine(_ p: [UInt64]) -> UInt64 {
            var f = Fingerprint()
            for x in p { f.field(x) }
            return f.value
        }
        for r in ledger.current {
            let p = prints(of: r)
            each += p
            findingsPrints[r.slot] = combine(p)
        }
        for r in ledger.records where ledger.findingsOffset(of: r) == nil {
            findingsPrints[r.slot] = combine(prints(of: r))
        }
        printsBySlot = reusable
        findingPrints = each
        // A project as lists show it: its form (by its submission's content key), category,
        // findings and agency page.
        // (A submission's projects are neighbours, most of an agency's too: their key and
        // page path are looked up once per run.)
        var document = (path: "", key: UInt64(0)), agency = (name: "", path: "")
        recordPrints = ledger.records.indices.map { i in
            let r = ledger.records[i]
            if r.source.path != document.path { document = (r.source.path, documentKeys[r.source.path] ?? 0) }
            if r.agencyResolved != agency.name || agency.path.isEmpty { agency = (r.agencyResolved, site.paths.agency(r.agencyResolved)) }
            var f = Fingerprint()
            f.field(r.id)
            f.field(r.source.path)
            f.field(document.key)
            f.field(ledger.categorySlug(of: r))
            f.field(findingsPrints[i])
            f.field(agency.path)
            return f.value
        }
    }

    /// Whether the page at `path` (and the `also` files made with it) must be made; when
    /// not, they are kept from the last build. Safe from several threads.
    func needs(_ path: String, _ fingerprint: UInt64, also: [String] = []) -> Bool {
        let key = PathKey(path)
        lock.lock()
        inputs[key] = fingerprint
        lock.unlock()
        guard let previous, previous[key] == fingerprint else { return true }
        keep(path, also)
        lock.lock()
        kept.append(path)
        kept += also
        lock.unlock()
        return false
    }

    // MARK: - Fingerprints

    /// The prints of a record's findings, in its findings' order, for the build state: a
    /// later build gives them back (`known`) for a project whose form and findings are the
    /// same. Nil when they depend on more than the record and its findings (a finding naming
    /// another project, or ids shared by two files).
    func findingPrints(of r: ProjectRecord) -> [UInt64]? {
        site.ledger.slot(of: r).flatMap { printsBySlot[$0] }
    }

    /// A project as lists show it (made once per record in `init`).
    private func add(_ r: ProjectRecord, to f: inout Fingerprint) {
        f.field(site.ledger.slot(of: r).map { recordPrints[$0] } ?? 0)
    }

    func project(_ r: ProjectRecord) -> UInt64 {
        var f = Fingerprint()
        add(r, to: &f)
        let ledger = site.ledger
        f.field(ledger.categoryName(of: r))
        if let replacement = ledger.replacement(of: r) { f.field(1); f.field(replacement) } else { f.field(0) }
        var newer = r.id
        for older in ledger.history(of: r).reversed() {
            f.field(older.id); f.field(older.source.path); f.field(older.source.line)
            for m in ledger.revisions.movedBetween[Revisions.pairKey(older.id, newer)] ?? [] { f.field(m) }
            newer = older.id
        }
        return f.value
    }

    func agency(_ agency: String, projects: [ProjectRecord]) -> UInt64 {
        var f = Fingerprint()
        f.field(agency)
        f.field(site.paths.agency(agency))
        for r in projects { add(r, to: &f) }
        for old in site.ledger.supersededByAgency[agency] ?? [] { f.field(old.id); f.field(old.name); f.field(old.source.path) }
        for d in site.ledger.departments(of: agency) {
            f.field(d.source.path); f.field(d.source.line); f.field(documentKeys[d.source.path] ?? 0)
        }
        return f.value
    }

    func category(_ category: Category, projects: [ProjectRecord]) -> UInt64 {
        var f = Fingerprint()
        f.field(category.slug)
        for r in projects { add(r, to: &f) }
        return f.value
    }

    /// One page of an issue kind's list, as shown: its number, whether a page follows, what
    /// only the first page shows (the page count, the total, which page each agency is on),
    /// and its issues (positions in `ledger.findings`) agency by agency (`agency`: positions
    /// in `ledger.byAgency`).
    func issueKindPage(_ kind: String, page: Int, hasNext: Bool,
                       first: (count: Int, total: Int, contents: [(agency: Int, page: Int)])?,
                       groups: [(agency: Int, indices: ArraySlice<Int>)]) -> UInt64 {
        let byAgency = site.ledger.byAgency
        var f = Fingerprint()
        f.field(kind)
        f.field(page)
        f.field(hasNext ? 1 : 0)
        if let first {
            f.field(first.count)
            f.field(first.total)
            for c in first.contents { f.field(byAgency[c.agency].agency); f.field(c.page) }
        }
        for g in groups {
            let agency = byAgency[g.agency].agency
            f.field(agency)
            f.field(site.paths.agency(agency))
            f.field(g.indices.count)
            for i in g.indices { f.field(findingPrints[i]) }
        }
        return f.value
    }
}
