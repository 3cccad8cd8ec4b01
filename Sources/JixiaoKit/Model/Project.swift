/// A project as one form states it: a self-evaluation or a target table.
public struct Project: Sendable, Equatable, Hashable, Codable {
    /// Unique, ASCII and stable across runs: the submission's file stem and the form's number.
    public var id: String
    public var kind: FormKind
    public var source: SourceLocation
    public var year: Int?
    /// Where the year comes from: the form itself, the document around it, or the sidecar.
    public var yearSource: YearSource?
    public var name: String?
    /// 项目编码 (target tables).
    public var code: String?
    /// 主管部门 as written; nil when blank.
    public var agency: String?
    /// 地方主管部门 as written.
    public var localAgency: String?
    /// 实施单位.
    public var unit: String?
    /// 负责人及电话.
    public var contact: String?
    /// What the site groups by: the form's agency, else the sidecar's, else 未填写主管部门.
    public var agencyResolved: String
    /// The title line as printed (项目支出绩效自评表, 项目（政策）支出绩效自评表, …).
    public var title: String
    /// 资金用途 of target tables.
    public var purpose: String?
    public var funds = Funds()
    public var plan: SpendingPlan?
    public var goals: [Goal] = []
    public var indicators: [Indicator] = []
    /// 总分: the weight column (usually 100).
    public var totalWeight: Amount = .blank
    /// 总分: the score, as printed and as a number when it is one.
    public var totalScore: Amount = .blank
    /// 说明, nil when blank or when it is the form's own instruction text.
    public var notes: String?
    /// 说明 as printed, instruction text included.
    public var notesPrinted: String?
    /// Template notes printed under the table (注：1.…), kept as printed.
    public var footnotes: [String] = []

    public init(id: String, kind: FormKind, source: SourceLocation, title: String) {
        self.id = id
        self.kind = kind
        self.source = source
        self.title = title
        self.agencyResolved = Project.unnamedAgency
    }

    /// Where a project's year was found.
    public enum YearSource: String, Sendable, Hashable, Codable {
        case form, document, sidecar
    }

    /// The group for forms that name no agency anywhere.
    public static let unnamedAgency = "未填写主管部门"
}
