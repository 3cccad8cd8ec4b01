import Foundation

/// The corpus arranged for publishing: which projects count, their categories and
/// findings, and the groups the pages show.
public struct Ledger: Sendable {
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
    public let categoryOf: [String: Category]
    public let findingsOf: [String: [Finding]]

    /// Arranges the corpus: categories, revisions, and every finding — what the forms report
    /// and, unless `runChecks` is false, what the rule catalogue finds.
    public init(corpus: Corpus, categories: Categories, settings: CheckSettings = CheckSettings(), runChecks: Bool = true) {
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
        let bySlug = Dictionary(categories.all.map { ($0.slug, $0) }, uniquingKeysWith: { a, _ in a })
        var categoryOf: [String: Category] = [:]
        var own: [String: [Finding]] = [:]
        for a in arranged {
            categoryOf[a.record.id] = bySlug[a.category] ?? .unclassified
            own[a.record.id] = a.own
        }
        let ownFindings = own
        let records = arranged.map(\.record)
        self.records = records
        self.departments = departments
        self.categories = categories
        self.categoryOf = categoryOf
        let revisions = Revisions(documents: documents, records: records, moved: moved)
        self.revisions = revisions
        let superseded = revisions.replacedBy
        self.superseded = superseded
        let current = records.filter { superseded[$0.id] == nil }
        self.current = current
        indexByID = Dictionary(records.indices.map { (records[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
        let context = CheckContext(settings: settings, records: current)
        let checked = records.parallelMap { r -> [Finding] in
            let own = ownFindings[r.id] ?? []
            let peers = runChecks ? Rules.checkPeers(r, context: context) : []
            // A form's own findings are in order (made so, or kept so from the last build).
            return peers.isEmpty ? own : Self.ordered(own + peers)
        }
        var findingsOf: [String: [Finding]] = [:]
        for (r, found) in zip(records, checked) { findingsOf[r.id] = found }
        self.findingsOf = findingsOf
        // By position too, resolved through the id as above (a shared id resolves to its
        // last record's, as by id).
        for (i, r) in records.enumerated() { r.slot = i }
        let bySlot = records.map { findingsOf[$0.id] ?? [] }
        findingsBySlot = bySlot
        categoryBySlot = records.map { categoryOf[$0.id] ?? .unclassified }
        var offsets = [Int](repeating: -1, count: records.count)
        var offset = 0
        for r in current {
            offsets[r.slot] = offset
            offset += bySlot[r.slot].count
        }
        findingsOffsetBySlot = offsets
        byAgency = Dictionary(grouping: current, by: \.agencyResolved).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let groups = Dictionary(grouping: current) { categoryOf[$0.id]?.slug ?? Category.unclassified.slug }
        byCategory = categories.all.map { ($0, groups[$0.slug] ?? []) }
        years = Array(Set(current.map(\.year))).sorted { ($0 ?? 0) > ($1 ?? 0) }
        findings = current.flatMap { bySlot[$0.slot] }
        supersededByAgency = Dictionary(grouping: records.filter { superseded[$0.id] != nil }, by: \.agencyResolved)
        departmentsByAgency = Dictionary(grouping: departments) { $0.agency ?? Project.unnamedAgency }
    }

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

    /// A project's name (nil when the form has none, or the id is unknown); read in place,
    /// without copying the project.
    public func name(of id: String) -> String? { indexByID[id].flatMap { records[$0].name } }

    /// A project's agency as resolved for grouping (nil when the id is unknown).
    public func agency(of id: String) -> String? { indexByID[id].map { records[$0].agencyResolved } }

    public func category(of id: String) -> Category { categoryOf[id] ?? .unclassified }
    public func category(of p: ProjectRecord) -> Category { slot(of: p).map { categoryBySlot[$0] } ?? category(of: p.id) }
    public func findings(of id: String) -> [Finding] { findingsOf[id] ?? [] }
    public func findings(of p: ProjectRecord) -> [Finding] { slot(of: p).map { findingsBySlot[$0] } ?? findings(of: p.id) }

    /// Where a current project's findings begin in `findings` (nil for a superseded one or
    /// a record of another ledger).
    func findingsOffset(of p: ProjectRecord) -> Int? {
        guard let s = slot(of: p), findingsOffsetBySlot[s] >= 0 else { return nil }
        return findingsOffsetBySlot[s]
    }

    /// The record's position in `records`, when it is this ledger's.
    func slot(of p: ProjectRecord) -> Int? {
        let s = p.slot
        return s >= 0 && s < records.count && records[s] === p ? s : nil
    }

    private let findingsBySlot: [[Finding]]
    private let categoryBySlot: [Category]
    private let findingsOffsetBySlot: [Int]

    /// Findings of the current projects, in project order.
    public let findings: [Finding]

    // MARK: - Groups

    /// Current projects by agency (agencyResolved), agencies sorted by name.
    public let byAgency: [(agency: String, projects: [ProjectRecord])]

    /// Current projects by category, in the rules' order, 未分类 last; empty categories included.
    public let byCategory: [(category: Category, projects: [ProjectRecord])]

    /// The years present among current projects, newest first.
    public let years: [Int?]

    /// Superseded projects by agency, in document order.
    public let supersededByAgency: [String: [ProjectRecord]]
    private let departmentsByAgency: [String: [Department]]

    /// Department documents of an agency.
    public func departments(of agency: String) -> [Department] { departmentsByAgency[agency] ?? [] }

    /// Earlier versions of a current project, oldest first.
    public func history(of id: String) -> [ProjectRecord] { revisions.history[id] ?? [] }
}
