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
        get { box.fields.kind }
        set { change { $0.kind = newValue } }
    }
    public var severity: Severity {
        get { box.fields.severity }
        set { change { $0.severity = newValue } }
    }
    public var origin: Origin {
        get { box.fields.origin }
        set { change { $0.origin = newValue } }
    }
    /// Plain Chinese, naming the values involved.
    public var message: String {
        get { box.fields.message.string }
        set { change { $0.message = .text(newValue) } }
    }
    /// The message as kept: a text, or a loaded build state's bytes not yet read.
    var storedMessage: StoredText { box.fields.message }
    /// The project the finding is about.
    public var projectID: String {
        get { box.fields.projectID }
        set { change { $0.projectID = newValue } }
    }
    public var path: String {
        get { box.fields.path }
        set { change { $0.path = newValue } }
    }
    public var line: Int {
        get { box.fields.line }
        set { change { $0.line = newValue } }
    }

    public init(kind: String, severity: Severity, origin: Origin, message: String,
                projectID: String, path: String, line: Int) {
        self.init(kind: kind, severity: severity, origin: origin, storedMessage: .text(message), projectID: projectID, path: path, line: line)
    }

    /// A finding whose message may still be a loaded build state's bytes (see
    /// `StateReader.sharedText`): made into a String when it is read.
    init(kind: String, severity: Severity, origin: Origin, storedMessage: StoredText,
         projectID: String, path: String, line: Int) {
        box = Box(Fields(kind: kind, severity: severity, origin: origin, message: storedMessage, projectID: projectID, path: path, line: line))
    }

    // MARK: - Storage

    /// The fields in one shared box, which is never changed: a finding changed gets a new one.
    /// Pages, the plan and the data files pass the corpus's findings around by the hundred
    /// thousand, and a finding copied field by field was four retains and releases; and as
    /// the box's fields are constants, a field read where it is used (hashed, compared) is
    /// not retained and released around the use either. Findings are made once and not changed.
    private var box: Box

    private struct Fields: Hashable {
        var kind: String, severity: Severity, origin: Origin, message: StoredText
        var projectID: String, path: String, line: Int

        /// As the compiler's own would, with the message compared and hashed as its text.
        static func == (a: Fields, b: Fields) -> Bool {
            a.kind == b.kind && a.severity == b.severity && a.origin == b.origin && a.message.isSameText(as: b.message)
                && a.projectID == b.projectID && a.path == b.path && a.line == b.line
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(kind); hasher.combine(severity); hasher.combine(origin); hasher.combine(message.string)
            hasher.combine(projectID); hasher.combine(path); hasher.combine(line)
        }
    }

    private final class Box: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private mutating func change(_ body: (inout Fields) -> Void) {
        var fields = box.fields
        body(&fields)
        box = Box(fields)
    }

    /// The finding's box: two findings with one identity are the same finding (a finding
    /// changed gets a new box), for as long as one of them lives.
    var identity: ObjectIdentifier { ObjectIdentifier(box) }

    public static func == (a: Finding, b: Finding) -> Bool { a.box === b.box || a.box.fields == b.box.fields }

    public func hash(into hasher: inout Hasher) { hasher.combine(box.fields) }
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
    public static func title(_ kind: String) -> String { allTitles[kind] ?? kind }

    /// `titles`, then each rule's title (the first rule of an id): asked once per kind on
    /// every page with issues, made once.
    private static let allTitles: [String: String] = Dictionary(Rules.all.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        .merging(titles) { _, formReported in formReported }

    /// What a form-reported kind means, for the rules page.
    public static let explanations: [String: String] = [
        "target-reported-unmet": "完成值填为 0、「未完成」或「部分完成」的指标。",
        "score-below-weight": "得分低于分值的指标：表格自己扣了分。",
        "deviation-reported": "填写了偏差原因（不是「无」）的指标：表格自己说明了没有完全达到目标的原因。",
        "notes-reported": "「说明」栏填写了实际内容（不是表格自带的填写提示），通常是监督检查发现的问题。",
        "execution-below-full": "预算执行率 B/A 低于 100%（低于 90% 为警告）。",
    ]
}
