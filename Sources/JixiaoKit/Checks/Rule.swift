/// One check of the catalogue: what it is called, how serious it is by default, what it
/// checks and why (for the rules page), and the check itself.
public struct Rule: Sendable {
    public let id: String
    /// Short Chinese title, for headings.
    public let title: String
    public let severity: Severity
    /// What it checks, why it matters, how it is computed: the rules page prints these.
    public let checks: String
    public let why: String
    public let how: String
    let check: Check

    /// What a rule reads: one whole form, or one project's record among the others that count
    /// (a rebuild re-runs these on records alone when other projects change).
    enum Check: Sendable {
        case form(@Sendable (Project, CheckContext) -> [RuleHit])
        case peers(@Sendable (ProjectRecord, CheckContext) -> [RuleHit])
    }

    public init(id: String, title: String, severity: Severity, checks: String, why: String, how: String,
                run: @escaping @Sendable (Project, CheckContext) -> [RuleHit]) {
        self.init(id: id, title: title, severity: severity, checks: checks, why: why, how: how, check: .form(run))
    }

    public init(id: String, title: String, severity: Severity, checks: String, why: String, how: String,
                peers: @escaping @Sendable (ProjectRecord, CheckContext) -> [RuleHit]) {
        self.init(id: id, title: title, severity: severity, checks: checks, why: why, how: how, check: .peers(peers))
    }

    private init(id: String, title: String, severity: Severity, checks: String, why: String, how: String, check: Check) {
        self.id = id
        self.title = title
        self.severity = severity
        self.checks = checks
        self.why = why
        self.how = how
        self.check = check
    }

    /// Whether the rule compares a project with others.
    public var comparesProjects: Bool {
        if case .peers = check { return true }
        return false
    }

    /// The rule's findings about one project.
    public func findings(_ p: Project, context: CheckContext) -> [Finding] {
        switch check {
        case .form(let run): findings(run(p, context), id: p.id, source: p.source)
        case .peers(let run): findings(run(context.record(of: p), context), id: p.id, source: p.source)
        }
    }

    /// A comparing rule's findings about one project, from its record; nothing for other rules.
    public func findings(_ r: ProjectRecord, context: CheckContext) -> [Finding] {
        guard case .peers(let run) = check else { return [] }
        return findings(run(r, context), id: r.id, source: r.source)
    }

    private func findings(_ hits: [RuleHit], id projectID: String, source: SourceLocation) -> [Finding] {
        hits.map { hit in
            Finding(kind: id, severity: hit.severity ?? severity, origin: .check, message: hit.message,
                    projectID: projectID, path: source.path, line: hit.line == 0 ? source.line : hit.line)
        }
    }
}

/// What a rule's check returns: where, what, and a severity when it differs from the rule's.
public struct RuleHit: Sendable {
    public var line: Int
    public var message: String
    public var severity: Severity?

    public init(line: Int, _ message: String, severity: Severity? = nil) {
        self.line = line
        self.message = message
        self.severity = severity
    }
}

/// What the rules read besides the project: the settings and the other projects.
public struct CheckContext: Sendable {
    public var settings: CheckSettings { didSet { weightsInOrder = Self.inOrder(settings.weights) } }
    /// The weights scheme by level name, sorted once (the weights rule reads it for every form).
    private(set) var weightsInOrder: [(key: String, value: Double)] = []
    /// The records of all projects that count, for rules that compare projects (duplicate-project).
    public var records: [ProjectRecord] { didSet { index() } }
    /// Current projects by kind, year and agency: the only ones a project can duplicate.
    private var peerGroups: [[Peer]] = []
    /// Each project's group and place in it, by id (an ASCII key hashes fast; the group key
    /// holds the agency's name); its keys are the ids of the projects that count.
    private var placeOf: [String: (group: Int, position: Int)] = [:]
    private var groupIndex = NameTable<Int>()

    /// A project another may duplicate, with its name prepared once for comparing: the
    /// few fields the comparing rules read, so scanning a group copies no projects and
    /// compares numbers, not strings.
    struct Peer: Sendable {
        /// Its unit and its name's key as small numbers (the same text, the same number;
        /// -1 when not filled in).
        let unit: Int
        let nameKey: Int
        let name: NameProfile?
        /// Its position in `records`.
        let index: Int
    }

    public init(settings: CheckSettings = CheckSettings(), projects: [Project] = []) {
        self.init(settings: settings, records: projects.map(ProjectRecord.init))
    }

    public init(settings: CheckSettings = CheckSettings(), records: [ProjectRecord]) {
        self.settings = settings
        self.records = records
        weightsInOrder = Self.inOrder(settings.weights)
        index()
    }

    private static func inOrder(_ weights: [String: Double]) -> [(key: String, value: Double)] {
        weights.sorted { $0.key < $1.key }
    }

    /// The record of a project the context holds (by id), else one made from the form.
    func record(of p: Project) -> ProjectRecord {
        if let place = placeOf[p.id] {
            let i = peerGroups[place.group][place.position].index
            if records[i].source == p.source { return records[i] }
        }
        return ProjectRecord(p)
    }

    private mutating func index() {
        var units: [TextKey: Int] = [:]
        var names: [TextKey: Int] = [:]
        // Units are the same when their texts are (canonically equivalent text, as String's
        // `==` has it); name keys when their bytes are, as the rules always compared them.
        func number(_ text: String?, in table: inout [TextKey: Int], canonical: Bool = false) -> Int {
            guard let text else { return -1 }
            let key = TextKey(canonical ? Text.canonical(text) : text)
            if let n = table[key] { return n }
            table[key] = table.count
            return table.count - 1
        }
        var groupIndex = NameTable<Int>()
        var groups: [[Peer]] = []
        placeOf = [:]
        for (index, p) in records.enumerated() {
            let key = Self.peerKey(p)
            let group = groupIndex[key] ?? { groups.append([]); groupIndex[key] = groups.count - 1; return groups.count - 1 }()
            let profile = p.name.map { NameProfile($0) }
            groups[group].append(Peer(unit: number(p.unit, in: &units, canonical: true), nameKey: number(profile?.key, in: &names), name: profile, index: index))
            if placeOf[p.id] == nil { placeOf[p.id] = (group, groups[group].count - 1) }
        }
        peerGroups = groups
        self.groupIndex = groupIndex
    }

    /// The peer group a project belongs to: its kind, year and agency.
    static func peerKey(_ p: ProjectRecord) -> String { "\(p.kind.rawValue)|\(p.year ?? 0)|\(p.agencyResolved)" }

    /// A current project's group (its kind, year and agency) and its own place in it; nil
    /// for a project the context does not hold.
    func peerGroup(of p: ProjectRecord) -> (peers: [Peer], me: Int)? {
        guard let place = placeOf[p.id] else { return nil }
        let group = peerGroups[place.group]
        if records[group[place.position].index].source == p.source { return (group, place.position) }
        // Another file gave a project the same id (the same file name in two folders): found
        // in its own group by its source.
        guard let g = groupIndex[Self.peerKey(p)] else { return nil }
        let own = peerGroups[g]
        return own.firstIndex { records[$0.index].source == p.source }.map { (own, $0) }
    }

    /// The other projects of `p`'s group that `isMatch` picks, in group order (a project
    /// sharing `p`'s id is not one of them).
    func peers(of p: ProjectRecord, in group: (peers: [Peer], me: Int), where isMatch: (Peer) -> Bool) -> [ProjectRecord] {
        var out: [ProjectRecord] = []
        for i in group.peers.indices where i != group.me && isMatch(group.peers[i]) {
            let other = records[group.peers[i].index]
            if other.id != p.id { out.append(other) }
        }
        return out
    }
}

/// Thresholds and the weights scheme, from the `checks:` section of `Content/site.yml`.
public struct CheckSettings: Sendable, Equatable {
    /// B/A below this is low execution. Default 0.9.
    public var lowExecution = 0.9
    /// Weights scheme: 预算执行率 10, 产出 50, 效益 30, 满意度 10 unless configured.
    public var weights: [String: Double] = ["预算执行率": 10, "产出指标": 50, "效益指标": 30, "满意度指标": 10]
    /// Tolerances: amounts in 万元, rates in percentage points, scores in points.
    public var amountTolerance = 0.01
    public var rateTolerance = 0.1
    public var scoreTolerance = 0.01

    public init() {}
}

/// The catalogue, in the order the rules page lists them.
public enum Rules {
    public static let all: [Rule] = [
        fundSourceSum, rateMismatch, rateScoreMismatch, lowExecution, overExecution, budgetAdjusted,
        costAboveBudget, weightsSum, scoreAboveWeight, totalScoreMismatch, totalScoreUnreadable,
        targetNotMet, deviationMissing, actualMissing, fieldMissing, misplacedValue, placeholderText,
        vagueTarget, spendPlan, level1Coverage, duplicateProject, nearDuplicate,
    ]

    public static func rule(_ id: String) -> Rule? { all.first { $0.id == id } }

    /// Every rule's findings for one project, by line.
    public static func check(_ p: Project, context: CheckContext) -> [Finding] {
        all.flatMap { $0.findings(p, context: context) }.sorted { ($0.line, $0.kind) < ($1.line, $1.kind) }
    }

    /// The findings of the rules that read only the form itself, in catalogue order.
    static func checkForm(_ p: Project, context: CheckContext) -> [Finding] {
        formRules.flatMap { $0.findings(p, context: context) }
    }

    /// The rules that read one form, and those that compare projects, in catalogue order.
    static let formRules = all.filter { !$0.comparesProjects }
    static let peerRules = all.filter(\.comparesProjects)

    /// The findings of the rules that compare a project with the others, in catalogue order.
    static func checkPeers(_ r: ProjectRecord, context: CheckContext) -> [Finding] {
        peerRules.flatMap { $0.findings(r, context: context) }
    }
}

/// Helpers the rules share.
enum CheckText {
    /// A deviation reason that says something (无, 暂无, /, — do not).
    static func isReal(_ text: String?) -> Bool {
        guard let text else { return false }
        return !ReportedIssues.isNothing(text)
    }

    /// The project's indicators that carry a real deviation reason, or a real 说明.
    static func hasAnyReason(_ p: Project) -> Bool {
        p.indicators.contains { isReal($0.deviation) } || isReal(p.notes)
    }

    static func amount(_ v: Double?) -> String { Format.amount(v) + " 万元" }

    static func name(_ i: Indicator) -> String { "「\(i.name ?? i.target ?? "未填名称")」" }
}
