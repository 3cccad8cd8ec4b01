import Foundation

/// The corpus arranged for publishing: which projects count, their categories and
/// findings, and the groups the pages show.
///
/// A class, not a struct: it never changes once made, and every page maker takes it from
/// the site's context; as a struct of some twenty arrays and dictionaries each of those
/// copies was twenty retains and releases (0.7 % of a 10,000-form build's samples).
public final class Ledger: Sendable {
    /// Every project read, current or not, in document order (their records: the full
    /// forms stay with the corpus).
    public let records: [ProjectRecord]
    /// Earlier versions: projects a later submission replaced (sidecar `supersedes:`, or the
    /// same project resubmitted). Shown with a note, never counted. Keyed by project id, the
    /// value is the id that replaces it (nil when withdrawn).
    public let superseded: [String: String?]
    /// Submission order, history and what each submission changed.
    public let revisions: Revisions
    public let departments: [Department]
    public let categories: Categories

    /// Arranges the corpus: categories, revisions, and every finding — what the forms report
    /// and, unless `runChecks` is false, what the rule catalogue finds.
    public convenience init(corpus: Corpus, categories: Categories, settings: CheckSettings = CheckSettings(), runChecks: Bool = true) {
        // Each form on its own, on every core (the rules that read one form read only the
        // settings of the context); the comparing rules run on the records below.
        let formContext = runChecks ? CheckContext(settings: settings, records: []) : nil
        let arranged = corpus.projects.parallelMap { BuildState.StoredProject($0, categories: categories, context: formContext) }
        // Versions are compared in full; keyed by id and file, which tell any two forms apart.
        let full = Dictionary(corpus.projects.map { ($0.id + "\n" + $0.source.path, $0) }, uniquingKeysWith: { _, b in b })
        self.init(documents: corpus.documents, projects: arranged, departments: corpus.departments, categories: categories,
                  settings: settings, runChecks: runChecks) { a, b in
            Revisions.moved(full[a.id + "\n" + a.source.path]!, full[b.id + "\n" + b.source.path]!)
        }
    }

    /// Arranges projects each arranged on its own (its record, its category's slug, what the
    /// form reports and what the rules that read one form find); `moved` compares two
    /// versions of a project; the comparing rules run here.
    init(documents: [Document], projects arranged: [BuildState.StoredProject], departments: [Department], categories: Categories,
         settings: CheckSettings = CheckSettings(), runChecks: Bool = true, moved: (ProjectRecord, ProjectRecord) -> [String]) {
        let records = arranged.map(\.record)
        self.records = records
        self.departments = departments
        self.categories = categories
        // Positions, not dictionaries by id: the first record of each id (names, agencies),
        // and the one whose category and findings a shared id resolves to (the last, as a
        // dictionary filled in order has it). Ids are unique unless two files collide.
        let indexByID = Dictionary(records.indices.map { (records[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
        self.indexByID = indexByID
        let owner: [Int]
        if indexByID.count < records.count {
            let last = Dictionary(records.indices.map { (records[$0].id, $0) }, uniquingKeysWith: { _, b in b })
            owner = records.map { last[$0.id]! }
            sharedIDOwner = owner
        } else {
            owner = Array(records.indices)
            sharedIDOwner = nil
        }
        // Each record's category, and its slug as a number (categories grouped by number).
        // (Numbers, not copies: a category is five references, copied once per record.)
        var slugNumber: [String: Int] = [:]
        var numbered: [Category] = []
        for c in categories.all + [.unclassified] where slugNumber[c.slug] == nil {
            slugNumber[c.slug] = numbered.count
            numbered.append(c)
        }
        let unclassifiedNumber = slugNumber[Category.unclassified.slug]!
        let categoryByRecord = arranged.map { slugNumber[$0.category] ?? unclassifiedNumber }
        let revisions = Revisions(documents: documents, records: records, moved: moved)
        self.revisions = revisions
        let superseded = revisions.replacedBy
        self.superseded = superseded
        // Which records have an id that was replaced or has earlier versions: marked from the
        // few ids revisions name, where each record's id was hashed to ask (twice a record on
        // every build: here and in the page plan). Nil when two records share an id.
        var revised: [Bool]? = nil
        if indexByID.count == records.count {
            var marks = [Bool](repeating: false, count: records.count)
            for id in superseded.keys { if let i = indexByID[id] { marks[i] = true } }
            for id in revisions.history.keys { if let i = indexByID[id] { marks[i] = true } }
            revised = marks
        }
        revisedBySlot = revised
        // The records that count, and those a later one replaced, in one pass.
        var current: [ProjectRecord] = [], replaced: [ProjectRecord] = []
        current.reserveCapacity(records.count)
        for (i, r) in records.enumerated() {
            let mayBeReplaced = revised?[i] ?? true
            if mayBeReplaced && superseded[r.id] != nil { replaced.append(r) } else { current.append(r) }
        }
        self.current = current
        for (i, r) in records.enumerated() { r.slot = i }
        // The comparing rules compare a project only with the others of its kind, year and
        // agency (its peer group), and read nothing of them but what the group's print
        // holds: a group whose print is the last build's keeps that build's findings, and
        // only groups with a new, changed or withdrawn member are checked again.
        var groupOf = [Int](repeating: -1, count: records.count)
        var prints: [UInt64] = []
        if runChecks {
            var groupNumber: [String: Int] = [:]
            var fingerprints: [Fingerprint] = []
            // A submission's projects are mostly of one group: the key is made and looked up
            // only when kind, year or agency (by its bytes) differs from the last project's.
            var last: ProjectRecord?
            var g = -1
            for r in current {
                if let l = last, l.kind == r.kind, l.year == r.year, TextKey.same(l.agencyResolved, r.agencyResolved) {
                    // The same group as the last project.
                } else {
                    let key = CheckContext.peerKey(r)
                    g = groupNumber[key] ?? { fingerprints.append(Fingerprint()); groupNumber[key] = fingerprints.count - 1; return fingerprints.count - 1 }()
                }
                last = r
                groupOf[r.slot] = g
                fingerprints[g].field(r.peerPrint)
            }
            prints = fingerprints.map(\.value)
        }
        var recheck = [Bool](repeating: false, count: prints.count)
        for r in current where groupOf[r.slot] >= 0 && arranged[r.slot].peers?.group != prints[groupOf[r.slot]] {
            recheck[groupOf[r.slot]] = true
        }
        peerGroupsChecked = recheck.filter { $0 }.count
        let context = CheckContext(settings: settings, records: current.filter { groupOf[$0.slot] >= 0 && recheck[groupOf[$0.slot]] })
        let (peerGroupOf, checkAgain, groupPrints) = (groupOf, recheck, prints)
        let checked = Array(records.indices).parallelMap { i -> (all: [Finding], peers: KeptPeers?) in
            let own = arranged[owner[i]].own
            // A superseded project is no one's peer, and has none.
            let g = peerGroupOf[i]
            guard g >= 0 else { return (own, nil) }
            let peers = checkAgain[g] ? Rules.checkPeers(records[i], context: context) : arranged[i].peers!.findings
            // A form's own findings are in order (made so, or kept so from the last build).
            return (peers.isEmpty ? own : Self.ordered(own + peers), KeptPeers(group: groupPrints[g], findings: peers))
        }
        peersBySlot = checked.map(\.peers)
        ownBySlot = owner.map { arranged[$0].own }
        // By position, resolved as by id (a shared id resolves to its last record's).
        let bySlot = records.indices.map { checked[owner[$0]].all }
        findingsBySlot = bySlot
        countsBySlot = bySlot.map(FindingCounts.init)
        categoryTable = numbered
        categoryBySlot = records.indices.map { categoryByRecord[owner[$0]] }
        var offsets = [Int](repeating: -1, count: records.count)
        var offset = 0
        for r in current {
            offsets[r.slot] = offset
            offset += bySlot[r.slot].count
        }
        findingsOffsetBySlot = offsets
        let byAgency = Self.grouped(current)
        self.byAgency = byAgency
        var agencyOf = [Int](repeating: -1, count: records.count)
        for (g, group) in byAgency.enumerated() { for r in group.projects { agencyOf[r.slot] = g } }
        agencyBySlot = agencyOf
        var groups = [[ProjectRecord]](repeating: [], count: slugNumber.count)
        for r in current { groups[categoryByRecord[owner[r.slot]]].append(r) }
        byCategory = categories.all.map { ($0, groups[slugNumber[$0.slug]!]) }
        years = Array(Set(current.map(\.year))).sorted { ($0 ?? 0) > ($1 ?? 0) }
        findings = FindingList(current.map { bySlot[$0.slot] })
        supersededByAgency = Dictionary(uniqueKeysWithValues: Self.grouped(replaced).map { ($0.agency, $0.projects) })
        departmentsByAgency = Dictionary(grouping: departments) { $0.agency ?? Project.unnamedAgency }
    }

    /// Records by agency (by name, as String keys compare them), agencies sorted by name,
    /// each agency's records in their order: as `Dictionary(grouping:)` groups them, with
    /// agencies numbered by `NameNumbers` instead of hashed again for every record.
    static func grouped(_ records: [ProjectRecord]) -> [(agency: String, projects: [ProjectRecord])] {
        var numbers = NameNumbers()
        var groups: [(agency: String, projects: [ProjectRecord])] = []
        for r in records {
            let (n, isNew) = numbers.number(r.agencyResolved)
            if isNew { groups.append((r.agencyResolved, [])) }
            groups[n].projects.append(r)
        }
        return groups.sorted { $0.agency < $1.agency }
    }

    /// What the comparing rules read of a project: every field they compare or name in a
    /// finding. Its peer group's print is its members' prints in group order.
    static func peerPrint(id: String, source: SourceLocation, name: String?, unit: String?, agency: String,
                          year: Int?, kind: FormKind) -> UInt64 {
        var f = Fingerprint()
        f.field(id); f.field(source.path); f.field(source.line); f.field(name); f.field(unit)
        f.field(agency); f.field(year == nil ? 0 : 1); f.field(year ?? 0)
        f.field(kind.rawValue)
        return f.value
    }

    /// A project's findings from the comparing rules, and the print of the peer group they
    /// were found in (nil for a superseded project): kept by the build state, so the next
    /// build need not check the group again while its print stays the same.
    func keptPeers(of p: ProjectRecord) -> KeptPeers? { slot(of: p).flatMap { peersBySlot[$0] } }

    /// What a project's form reports and the rules that read one form found (its findings
    /// without the comparing rules'), as the build state keeps them.
    func ownFindings(of p: ProjectRecord) -> [Finding] {
        slot(of: p).map { ownBySlot[$0] } ?? indexByID[p.id].map { ownBySlot[$0] } ?? []
    }

    /// How many peer groups the comparing rules ran on (the others kept their findings).
    public let peerGroupsChecked: Int
    private let peersBySlot: [KeptPeers?]
    private let ownBySlot: [[Finding]]

    /// Findings in the order pages list a project's: by line, then kind (a stable sort, so
    /// sorting a list already in order, or one of its parts first, changes nothing).
    static func ordered(_ findings: [Finding]) -> [Finding] {
        findings.sorted { ($0.line, $0.kind) < ($1.line, $1.kind) }
    }

    /// The projects that count: all but the superseded, in document order.
    public let current: [ProjectRecord]
    /// Every project's position in `records`, by id (positions, not copies: at national
    /// scale each copy of every project is some 80 MB).
    private let indexByID: [String: Int]

    /// No two records share an id (two files can give one only by colliding names).
    var idsAreUnique: Bool { indexByID.count == records.count }

    /// A project's name (nil when the form has none, or the id is unknown); read in place,
    /// without copying the project.
    public func name(of id: String) -> String? { indexByID[id].flatMap { records[$0].name } }

    /// The name pages show for a project: its id's (`name(of:)`), which is its own record's
    /// unless two files gave the same id.
    func name(of p: ProjectRecord) -> String? { idsAreUnique ? p.name : name(of: p.id) }

    /// A project's agency as resolved for grouping (nil when the id is unknown).
    public func agency(of id: String) -> String? { indexByID[id].map { records[$0].agencyResolved } }

    public func category(of id: String) -> Category { indexByID[id].map { categoryTable[categoryBySlot[$0]] } ?? .unclassified }
    public func category(of p: ProjectRecord) -> Category { slot(of: p).map { categoryTable[categoryBySlot[$0]] } ?? category(of: p.id) }
    /// A project's category's name and slug, read in place (not a copy of the category).
    func categoryName(of p: ProjectRecord) -> String { slot(of: p).map { categoryTable[categoryBySlot[$0]].name } ?? category(of: p.id).name }
    func categorySlug(of p: ProjectRecord) -> String { slot(of: p).map { categoryTable[categoryBySlot[$0]].slug } ?? category(of: p.id).slug }
    public func findings(of id: String) -> [Finding] { indexByID[id].map { findingsBySlot[$0] } ?? [] }
    public func findings(of p: ProjectRecord) -> [Finding] { slot(of: p).map { findingsBySlot[$0] } ?? findings(of: p.id) }

    /// Calls `body` with each of a project's findings, read in place (the pages and the plan
    /// read every finding of the corpus; a finding is one box, so even a copy is one retain).
    func forEachFinding(of p: ProjectRecord, _ body: (borrowing Finding) -> Void) {
        findings(of: p).withUnsafeBufferPointer { findings in
            for i in findings.indices { body(findings[i]) }
        }
    }

    /// How many findings a project has, by severity: counted once here, read by every total
    /// (the overview, agency and category pages sum them over the whole corpus, several times).
    func findingCounts(of p: ProjectRecord) -> FindingCounts {
        slot(of: p).map { countsBySlot[$0] } ?? FindingCounts(findings(of: p.id))
    }

    /// Where a current project's findings begin in `findings` (nil for a superseded one or
    /// a record of another ledger).
    func findingsOffset(of p: ProjectRecord) -> Int? {
        guard let s = slot(of: p), findingsOffsetBySlot[s] >= 0 else { return nil }
        return findingsOffsetBySlot[s]
    }

    /// Where each of a project's findings (`findings(of:)`, in order) is in `findings`: -1
    /// for each of a superseded project's.
    func findingPositions(of p: ProjectRecord) -> [Int] { slot(of: p).map(findingPositions(slot:)) ?? findingPositions(of: p.id) }
    func findingPositions(of id: String) -> [Int] { indexByID[id].map(findingPositions(slot:)) ?? [] }

    private func findingPositions(slot s: Int) -> [Int] {
        let count = findingsBySlot[s].count, start = findingsOffsetBySlot[s]
        return start >= 0 ? Array(start..<start + count) : Array(repeating: -1, count: count)
    }

    /// Whether `p` is the record its id resolves to (the last of a shared id's, every record
    /// when ids are unique): the one whose page is at the id's path.
    func ownsItsID(_ p: ProjectRecord) -> Bool {
        guard let owners = sharedIDOwner else { return true }
        return slot(of: p).map { owners[$0] == $0 } ?? false
    }

    /// Each record's owner (see `ownsItsID`), only when two records share an id.
    private let sharedIDOwner: [Int]?

    /// Whether the record at `slot` of `records` is current (not superseded).
    func isCurrent(slot: Int) -> Bool { findingsOffsetBySlot[slot] >= 0 }

    /// The record's position in `records`, when it is this ledger's.
    func slot(of p: ProjectRecord) -> Int? {
        let s = p.slot
        return s >= 0 && s < records.count && records[s] === p ? s : nil
    }

    private let findingsBySlot: [[Finding]]
    private let countsBySlot: [FindingCounts]
    /// Each record's category, a position in `categoryTable`, which holds each slug's once.
    private let categoryBySlot: [Int]
    private let categoryTable: [Category]
    private let findingsOffsetBySlot: [Int]

    /// Findings of the current projects, in project order.
    public let findings: FindingList

    // MARK: - Groups

    /// Current projects by agency (agencyResolved), agencies sorted by name.
    public let byAgency: [(agency: String, projects: [ProjectRecord])]
    /// Each current record's group in `byAgency`, by position in `records` (-1: not current).
    private let agencyBySlot: [Int]

    /// How many agencies `projects` name: counted by their groups in `byAgency` (a
    /// `Set<String>` hashed each record's agency, a CJK name, by normalising it first),
    /// and by name when one is not a current record of this ledger.
    func agencyCount(_ projects: [ProjectRecord]) -> Int {
        var seen = [Bool](repeating: false, count: byAgency.count)
        var count = 0
        for r in projects {
            guard let s = slot(of: r), agencyBySlot[s] >= 0 else { return Set(projects.map(\.agencyResolved)).count }
            if !seen[agencyBySlot[s]] {
                seen[agencyBySlot[s]] = true
                count += 1
            }
        }
        return count
    }

    /// Current projects by category, in the rules' order, 未分类 last; empty categories included.
    public let byCategory: [(category: Category, projects: [ProjectRecord])]

    /// The years present among current projects, newest first.
    public let years: [Int?]

    /// Superseded projects by agency, in document order.
    public let supersededByAgency: [String: [ProjectRecord]]
    private let departmentsByAgency: [String: [Department]]

    /// Department documents of an agency.
    public func departments(of agency: String) -> [Department] { departmentsByAgency[agency] ?? [] }

    /// Every agency a project (current or not) or a department statement names, each once:
    /// from the groups already made, not by hashing every record's agency again.
    var allAgencies: Set<String> {
        Set(byAgency.map(\.agency)).union(supersededByAgency.keys).union(departmentsByAgency.keys)
    }

    /// Earlier versions of a current project, oldest first.
    public func history(of id: String) -> [ProjectRecord] { revisions.history[id] ?? [] }

    /// A record's `superseded` entry and `history`, its id looked up only when its position
    /// says it may have one (most records have neither, and the page plan asks of every
    /// record on every build).
    func replacement(of p: ProjectRecord) -> String?? { mayBeRevised(p) ? superseded[p.id] : nil }
    func history(of p: ProjectRecord) -> [ProjectRecord] { mayBeRevised(p) ? history(of: p.id) : [] }

    /// By position in `records`: whether the record's id is in `superseded` or has a
    /// `history`; nil when two records share an id.
    private let revisedBySlot: [Bool]?

    /// False when the record's id is certainly neither superseded nor has earlier versions
    /// (told by its position, without hashing the id).
    func mayBeRevised(_ p: ProjectRecord) -> Bool {
        guard let revisedBySlot, let s = slot(of: p) else { return true }
        return revisedBySlot[s]
    }
}

/// A project's findings counted by severity.
struct FindingCounts: Sendable {
    var all: Int32 = 0
    var errors: Int32 = 0
    var warnings: Int32 = 0

    init(_ findings: [Finding]) {
        all = Int32(findings.count)
        for f in findings {
            if f.severity == .error { errors += 1 } else if f.severity == .warning { warnings += 1 }
        }
    }
}

/// A project's findings from the comparing rules, and its peer group's print when they were found.
struct KeptPeers: Sendable, Equatable {
    var group: UInt64
    var findings: [Finding]
}
