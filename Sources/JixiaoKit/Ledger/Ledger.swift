import Foundation

/// The corpus arranged for publishing: which projects count, their categories and
/// findings, and the groups the pages show.
public struct Ledger: Sendable {
    /// Every project read, current or not, in document order.
    public let projects: [Project]
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
        projects = corpus.projects
        departments = corpus.departments
        self.categories = categories
        let revisions = Revisions(corpus: corpus)
        self.revisions = revisions
        let superseded = revisions.replacedBy
        self.superseded = superseded
        let current = corpus.projects.filter { superseded[$0.id] == nil }
        self.current = current
        indexByID = Dictionary(corpus.projects.indices.map { (corpus.projects[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
        let context = CheckContext(settings: settings, projects: current)
        var categoryOf: [String: Category] = [:]
        var findingsOf: [String: [Finding]] = [:]
        let checked = projects.parallelMap { p in
            (categories.classify(p),
             (ReportedIssues.findings(for: p) + (runChecks ? Rules.check(p, context: context) : []))
                .sorted { ($0.line, $0.kind) < ($1.line, $1.kind) })
        }
        for (p, (category, found)) in zip(projects, checked) {
            categoryOf[p.id] = category
            findingsOf[p.id] = found
        }
        self.categoryOf = categoryOf
        self.findingsOf = findingsOf
        byAgency = Dictionary(grouping: current, by: \.agencyResolved).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let groups = Dictionary(grouping: current) { categoryOf[$0.id]?.slug ?? Category.unclassified.slug }
        byCategory = categories.all.map { ($0, groups[$0.slug] ?? []) }
        years = Array(Set(current.map(\.year))).sorted { ($0 ?? 0) > ($1 ?? 0) }
        findings = current.flatMap { findingsOf[$0.id] ?? [] }
        supersededByAgency = Dictionary(grouping: corpus.projects.filter { superseded[$0.id] != nil }, by: \.agencyResolved)
        departmentsByAgency = Dictionary(grouping: corpus.departments) { $0.agency ?? Project.unnamedAgency }
    }

    /// The projects that count: all but the superseded, in document order.
    public let current: [Project]
    /// Every project's position in `projects`, by id (positions, not copies: at national
    /// scale each copy of every project is some 80 MB).
    private let indexByID: [String: Int]

    /// A project's name (nil when the form has none, or the id is unknown); read in place,
    /// without copying the project.
    public func name(of id: String) -> String? { indexByID[id].flatMap { projects[$0].name } }

    /// A project's agency as resolved for grouping (nil when the id is unknown).
    public func agency(of id: String) -> String? { indexByID[id].map { projects[$0].agencyResolved } }

    public func category(of p: Project) -> Category { categoryOf[p.id] ?? .unclassified }
    public func findings(of p: Project) -> [Finding] { findingsOf[p.id] ?? [] }

    /// Findings of the current projects, in project order.
    public let findings: [Finding]

    // MARK: - Groups

    /// Current projects by agency (agencyResolved), agencies sorted by name.
    public let byAgency: [(agency: String, projects: [Project])]

    /// Current projects by category, in the rules' order, 未分类 last; empty categories included.
    public let byCategory: [(category: Category, projects: [Project])]

    /// The years present among current projects, newest first.
    public let years: [Int?]

    /// Superseded projects by agency, in document order.
    public let supersededByAgency: [String: [Project]]
    private let departmentsByAgency: [String: [Department]]

    /// Department documents of an agency.
    public func departments(of agency: String) -> [Department] { departmentsByAgency[agency] ?? [] }

    /// Earlier versions of a current project, oldest first.
    public func history(of p: Project) -> [Project] { revisions.history[p.id] ?? [] }
}
