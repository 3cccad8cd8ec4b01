/// One issue on the site: something a form reports as unmet, or something a check finds
/// wrong in it. Both kinds share this shape so every page lists them the same way.
public struct Finding: Sendable, Equatable, Hashable {
    /// Where the finding comes from.
    public enum Origin: String, Sendable, Hashable {
        /// The form itself says so (an unmet target, a deviation reason, points lost).
        case reported
        /// A consistency check found it.
        case check
    }

    /// Stable rule or kind id (`actual-missing`, `score-below-weight`, …).
    public var kind: String {
        get { box.kind }
        set { unique().kind = newValue }
    }
    public var severity: Severity {
        get { box.severity }
        set { unique().severity = newValue }
    }
    public var origin: Origin {
        get { box.origin }
        set { unique().origin = newValue }
    }
    /// Plain Chinese, naming the values involved.
    public var message: String {
        get { box.message }
        set { unique().message = newValue }
    }
    /// The project the finding is about.
    public var projectID: String {
        get { box.projectID }
        set { unique().projectID = newValue }
    }
    public var path: String {
        get { box.path }
        set { unique().path = newValue }
    }
    public var line: Int {
        get { box.line }
        set { unique().line = newValue }
    }

    public init(kind: String, severity: Severity, origin: Origin, message: String,
                projectID: String, path: String, line: Int) {
        box = Box(kind: kind, severity: severity, origin: origin, message: message, projectID: projectID, path: path, line: line)
    }

    // MARK: - Storage

    /// The fields in one shared box, copied only when a shared finding is changed (copy on
    /// write): pages, the plan and the data files pass the corpus's findings around by the
    /// hundred thousand, and a finding copied field by field was four retains and releases.
    private var box: Box

    /// Changed only through `unique()`, on a box no other finding holds.
    private final class Box: @unchecked Sendable {
        var kind: String, severity: Severity, origin: Origin, message: String
        var projectID: String, path: String, line: Int

        init(kind: String, severity: Severity, origin: Origin, message: String, projectID: String, path: String, line: Int) {
            self.kind = kind; self.severity = severity; self.origin = origin; self.message = message
            self.projectID = projectID; self.path = path; self.line = line
        }

        func copy() -> Box {
            Box(kind: kind, severity: severity, origin: origin, message: message, projectID: projectID, path: path, line: line)
        }
    }

    private mutating func unique() -> Box {
        if !isKnownUniquelyReferenced(&box) { box = box.copy() }
        return box
    }

    public static func == (a: Finding, b: Finding) -> Bool {
        if a.box === b.box { return true }
        let x = a.box, y = b.box
        return x.kind == y.kind && x.severity == y.severity && x.origin == y.origin && x.message == y.message
            && x.projectID == y.projectID && x.path == y.path && x.line == y.line
    }

    public func hash(into hasher: inout Hasher) {
        let x = box
        hasher.combine(x.kind); hasher.combine(x.severity); hasher.combine(x.origin); hasher.combine(x.message)
        hasher.combine(x.projectID); hasher.combine(x.path); hasher.combine(x.line)
    }
}

/// Names of the finding kinds, for headings and the issues page.
public enum FindingKinds {
    public static let titles: [String: String] = [
        "target-reported-unmet": "表内填报未完成",
        "score-below-weight": "得分低于分值",
        "deviation-reported": "填报了偏差原因",
        "notes-reported": "说明栏填报了问题",
        "execution-below-full": "预算未全部执行",
    ]

    /// The title of a form-reported kind or of a rule.
    public static func title(_ kind: String) -> String { titles[kind] ?? Rules.rule(kind)?.title ?? kind }

    /// What a form-reported kind means, for the rules page.
    public static let explanations: [String: String] = [
        "target-reported-unmet": "完成值填为 0、「未完成」或「部分完成」的指标。",
        "score-below-weight": "得分低于分值的指标：表格自己扣了分。",
        "deviation-reported": "填写了偏差原因（不是「无」）的指标：表格自己说明了没有完全达到目标的原因。",
        "notes-reported": "「说明」栏填写了实际内容（不是表格自带的填写提示），通常是监督检查发现的问题。",
        "execution-below-full": "预算执行率 B/A 低于 100%（低于 90% 为警告）。",
    ]
}
