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
        let context = CheckContext(settings: settings, projects: corpus.projects.filter { superseded[$0.id] == nil })
        var categoryOf: [String: Category] = [:]
        var findingsOf: [String: [Finding]] = [:]
        for p in projects {
            categoryOf[p.id] = categories.classify(p)
            let found = ReportedIssues.findings(for: p) + (runChecks ? Rules.check(p, context: context) : [])
            findingsOf[p.id] = found.sorted { ($0.line, $0.kind) < ($1.line, $1.kind) }
        }
        self.categoryOf = categoryOf
        self.findingsOf = findingsOf
    }

    /// The projects that count: all but the superseded.
    public var current: [Project] { projects.filter { superseded[$0.id] == nil } }

    public func category(of p: Project) -> Category { categoryOf[p.id] ?? .unclassified }
    public func findings(of p: Project) -> [Finding] { findingsOf[p.id] ?? [] }

    /// Findings of the current projects, in project order.
    public var findings: [Finding] { current.flatMap { findings(of: $0) } }

    // MARK: - Groups

    /// Current projects by agency (agencyResolved), agencies sorted by name.
    public var byAgency: [(agency: String, projects: [Project])] {
        Dictionary(grouping: current, by: \.agencyResolved).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Current projects by category, in the rules' order, 未分类 last; empty categories included.
    public var byCategory: [(category: Category, projects: [Project])] {
        let groups = Dictionary(grouping: current) { category(of: $0).slug }
        return categories.all.map { ($0, groups[$0.slug] ?? []) }
    }

    /// The years present among current projects, newest first.
    public var years: [Int?] {
        Array(Set(current.map(\.year))).sorted { ($0 ?? 0) > ($1 ?? 0) }
    }

    /// Department documents of an agency.
    public func departments(of agency: String) -> [Department] {
        departments.filter { ($0.agency ?? Project.unnamedAgency) == agency }
    }

    /// Earlier versions of a current project, oldest first.
    public func history(of p: Project) -> [Project] { revisions.history[p.id] ?? [] }
}
