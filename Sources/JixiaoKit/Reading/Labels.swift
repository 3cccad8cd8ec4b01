import Foundation

/// Every label the forms use, canonical form first. This table is the one place
/// where typos, synonyms and template variants are taught to the reader:
/// add a variant here and every stage understands it.
public enum Label: String, Sendable, CaseIterable {
    // MARK: Fields
    case projectName = "项目名称"
    case projectCode = "项目编码"
    case agency = "主管部门"
    case localAgency = "地方主管部门"
    case unit = "实施单位"
    case contact = "负责人及电话"
    // MARK: Funds table
    case fundsSection = "项目资金"
    case initialBudget = "年初预算数"
    case budget = "全年预算数"
    case executed = "全年执行数"
    case weight = "分值"
    case rate = "执行率"
    case score = "得分"
    case totalFunds = "年度资金总额"
    case centralProvincial = "中央、省补助"
    case provincial = "省级资金"
    case cityFunds = "市级资金"
    case countyFunds = "县级资金"
    case appropriation = "当年财政拨款"
    case carryOver = "上年结转资金"
    case fiscalFunds = "财政资金"
    case otherFunds = "其他资金"
    // MARK: Goals
    case goalsSection = "年度总体目标"
    case plannedGoal = "年初设定目标"
    case actualGoal = "全年实际完成情况"
    // MARK: Indicators table
    case indicatorsSection = "绩效指标"
    case level1Header = "一级指标"
    case level2Header = "二级指标"
    case level3Header = "三级指标"
    case targetHeader = "年度指标值"
    case actualHeader = "全年完成值"
    case deviationHeader = "偏差原因分析及改进措施"
    case descriptionHeader = "绩效指标描述"
    case basisHeader = "指标值确定依据"
    case totalScore = "总分"
    case notes = "说明"
    // MARK: Target tables
    case budgetSection = "预算规模及资金用途"
    case budgetAmount = "预算数"
    case planSection = "资金支出计划"
    case q1 = "3月底"
    case q2 = "6月底"
    case q3 = "10月底"
    case q4 = "12月底"
    case targetGoals = "绩效目标"
    // MARK: Indicator levels
    case output = "产出指标"
    case effect = "效益指标"
    case satisfaction = "满意度指标"
    case quantity = "数量指标"
    case quality = "质量指标"
    case timeliness = "时效指标"
    case cost = "成本指标"
    case economic = "经济效益指标"
    case social = "社会效益指标"
    case ecological = "生态效益指标"
    case sustainable = "可持续影响指标"
    case beneficiary = "服务对象满意度指标"
}

/// What a label is for, so a lookup can ask only for the kind it expects.
public enum LabelGroup: Int, Sendable, Hashable, CaseIterable {
    case field, fundColumn, fundRow, section, goalColumn, indicatorColumn, planColumn, level1, level2
}

/// A set of label groups as bits: the readers ask for a few groups on every cell, and a
/// `Set` literal there allocated and hashed each time.
public struct LabelGroups: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public init(_ group: LabelGroup) { rawValue = 1 << group.rawValue }

    public static let field = Self(.field), fundColumn = Self(.fundColumn), fundRow = Self(.fundRow)
    public static let section = Self(.section), goalColumn = Self(.goalColumn), indicatorColumn = Self(.indicatorColumn)
    public static let planColumn = Self(.planColumn), level1 = Self(.level1), level2 = Self(.level2)
}

/// The label a text states in each group, as one byte per group (0: none, else the
/// label's position in `Label.allCases` + 1): no allocation, no reference counting.
public struct CellLabels: Sendable, Equatable {
    private var codes = SIMD16<UInt8>()
    private static let ordered = Label.allCases
    private static let ordinals: [Label: UInt8] = Dictionary(uniqueKeysWithValues: Label.allCases.enumerated().map { ($1, UInt8($0 + 1)) })

    subscript(group: LabelGroup) -> Label? {
        get { codes[group.rawValue] == 0 ? nil : Self.ordered[Int(codes[group.rawValue]) - 1] }
        set { codes[group.rawValue] = newValue.map { Self.ordinals[$0]! } ?? 0 }
    }

    /// The label in the first of `groups` (in `Labels.groupOrder`) that has one.
    func label(in groups: LabelGroups) -> Label? {
        for group in Labels.groupOrder where groups.contains(LabelGroups(group)) {
            if let label = self[group] { return label }
        }
        return nil
    }
}

/// The label dictionary: each canonical label, its group and every spelling seen in submissions.
public enum Labels {
    struct Entry: Sendable {
        let label: Label
        let group: LabelGroup
        let variants: [String]
        /// Header cells carry suffixes (全年预算数（A）, 项目资金（万元）): match them by prefix.
        let prefix: Bool
    }

    static let entries: [Entry] = [
        Entry(label: .projectName, group: .field, variants: ["项目名称", "项目资金名称", "项目(政策)名称", "项目支出名称"], prefix: false),
        Entry(label: .projectCode, group: .field, variants: ["项目编码", "项目代码", "项目编号"], prefix: false),
        Entry(label: .localAgency, group: .field, variants: ["地方主管部门"], prefix: false),
        Entry(label: .agency, group: .field, variants: ["主管部门", "市级主管部门", "县级主管部门", "省级主管部门", "区级主管部门", "主管部门(单位)", "预算部门"], prefix: false),
        Entry(label: .unit, group: .field, variants: ["实施单位", "项目实施单位", "预算单位"], prefix: false),
        Entry(label: .contact, group: .field, variants: ["负责人及电话", "项目负责人及电话", "联系人及电话", "项目负责人"], prefix: false),

        Entry(label: .fundsSection, group: .section, variants: ["项目资金", "项目资金情况", "资金情况"], prefix: true),
        Entry(label: .initialBudget, group: .fundColumn, variants: ["年初预算数"], prefix: true),
        Entry(label: .budget, group: .fundColumn, variants: ["全年预算数", "调整后预算数"], prefix: true),
        Entry(label: .executed, group: .fundColumn, variants: ["全年执行数", "实际执行数"], prefix: true),
        Entry(label: .weight, group: .fundColumn, variants: ["分值", "权重"], prefix: true),
        Entry(label: .rate, group: .fundColumn, variants: ["执行率", "预算执行率"], prefix: true),
        Entry(label: .score, group: .fundColumn, variants: ["得分"], prefix: true),

        Entry(label: .totalFunds, group: .fundRow, variants: ["年度资金总额", "资金总额", "年度资金总额:"], prefix: false),
        Entry(label: .centralProvincial, group: .fundRow, variants: ["中央、省补助", "中央,省补助", "中央和省补助", "上级补助"], prefix: false),
        Entry(label: .provincial, group: .fundRow, variants: ["省级资金", "省级财政资金"], prefix: false),
        Entry(label: .cityFunds, group: .fundRow, variants: ["市级资金", "市级财政资金"], prefix: false),
        Entry(label: .countyFunds, group: .fundRow, variants: ["县级资金", "区级资金", "县级财政资金"], prefix: false),
        Entry(label: .appropriation, group: .fundRow, variants: ["当年财政拨款", "财政拨款"], prefix: false),
        Entry(label: .carryOver, group: .fundRow, variants: ["上年结转资金", "上年结转"], prefix: false),
        Entry(label: .fiscalFunds, group: .fundRow, variants: ["财政资金"], prefix: false),
        Entry(label: .otherFunds, group: .fundRow, variants: ["其他资金", "其它资金"], prefix: false),

        Entry(label: .goalsSection, group: .section, variants: ["年度总体目标", "总体目标"], prefix: false),
        Entry(label: .plannedGoal, group: .goalColumn, variants: ["年初设定目标", "预期目标"], prefix: false),
        Entry(label: .actualGoal, group: .goalColumn, variants: ["全年实际完成情况", "实际完成情况"], prefix: false),

        Entry(label: .indicatorsSection, group: .section, variants: ["绩效指标", "年度绩效指标完成情况", "年度绩效指标"], prefix: false),
        Entry(label: .level1Header, group: .indicatorColumn, variants: ["一级指标"], prefix: false),
        Entry(label: .level2Header, group: .indicatorColumn, variants: ["二级指标"], prefix: false),
        Entry(label: .level3Header, group: .indicatorColumn, variants: ["三级指标"], prefix: false),
        Entry(label: .basisHeader, group: .indicatorColumn, variants: ["指标值确定依据"], prefix: true),
        Entry(label: .descriptionHeader, group: .indicatorColumn, variants: ["绩效指标描述", "指标描述"], prefix: false),
        Entry(label: .targetHeader, group: .indicatorColumn, variants: ["年度指标值", "指标值", "年度目标值", "目标值"], prefix: false),
        Entry(label: .actualHeader, group: .indicatorColumn, variants: ["全年完成值", "实际完成值", "全年实际值", "完成值", "实际值"], prefix: false),
        Entry(label: .weight, group: .indicatorColumn, variants: ["分值", "权重"], prefix: false),
        Entry(label: .score, group: .indicatorColumn, variants: ["得分"], prefix: false),
        Entry(label: .deviationHeader, group: .indicatorColumn, variants: ["偏差原因", "未完成原因", "偏差原因分析", "未完成原因和改进措施"], prefix: true),
        Entry(label: .totalScore, group: .section, variants: ["总分", "合计", "总得分"], prefix: false),
        Entry(label: .notes, group: .section, variants: ["说明", "备注"], prefix: false),

        Entry(label: .budgetSection, group: .section, variants: ["预算规模及资金用途", "预算规模及用途"], prefix: false),
        Entry(label: .budgetAmount, group: .field, variants: ["预算数", "预算金额", "项目预算数"], prefix: false),
        Entry(label: .planSection, group: .section, variants: ["资金支出计划"], prefix: true),
        Entry(label: .q1, group: .planColumn, variants: ["3月底", "一季度", "第一季度"], prefix: false),
        Entry(label: .q2, group: .planColumn, variants: ["6月底", "二季度", "第二季度"], prefix: false),
        Entry(label: .q3, group: .planColumn, variants: ["10月底", "9月底", "三季度", "第三季度"], prefix: false),
        Entry(label: .q4, group: .planColumn, variants: ["12月底", "四季度", "第四季度"], prefix: false),
        Entry(label: .targetGoals, group: .section, variants: ["绩效目标"], prefix: false),

        Entry(label: .output, group: .level1, variants: ["产出指标", "产出", "产出指针"], prefix: false),
        Entry(label: .effect, group: .level1, variants: ["效益指标", "效果指标", "效益", "效果", "效益指针"], prefix: false),
        Entry(label: .satisfaction, group: .level1, variants: ["满意度指标", "满意度", "满意度指针"], prefix: false),
        Entry(label: .quantity, group: .level2, variants: ["数量指标", "数量指针"], prefix: false),
        Entry(label: .quality, group: .level2, variants: ["质量指标", "质量指针"], prefix: false),
        Entry(label: .timeliness, group: .level2, variants: ["时效指标", "时效指针"], prefix: false),
        Entry(label: .cost, group: .level2, variants: ["成本指标", "成本指针"], prefix: false),
        Entry(label: .economic, group: .level2, variants: ["经济效益指标", "经济效益"], prefix: false),
        Entry(label: .social, group: .level2, variants: ["社会效益指标", "社会效益"], prefix: false),
        Entry(label: .ecological, group: .level2, variants: ["生态效益指标", "生态效益"], prefix: false),
        Entry(label: .sustainable, group: .level2, variants: ["可持续影响指标", "可持续性影响", "可持续影响", "可持续性影响指标", "可持续发展指标"], prefix: false),
        Entry(label: .beneficiary, group: .level2, variants: ["服务对象满意度指标", "服务对象满意度指针", "服务对象满意度", "社会公众或服务对象满意度指标"], prefix: false),
    ]

    /// Per group: exact keys, and prefix keys longest first (so 指标值确定依据 wins over 指标值).
    private struct GroupTable: Sendable {
        var exact: [TextKey: Label] = [:]
        var prefixes: [(key: String, label: Label)] = []
    }

    private static let tables: [LabelGroup: GroupTable] = {
        var tables: [LabelGroup: GroupTable] = [:]
        for entry in entries {
            for variant in entry.variants {
                let key = Text.key(variant)
                var table = tables[entry.group] ?? GroupTable()
                if table.exact[TextKey(key)] == nil { table.exact[TextKey(key)] = entry.label }
                if entry.prefix { table.prefixes.append((key, entry.label)) }
                tables[entry.group] = table
            }
        }
        for (group, var table) in tables {
            table.prefixes.sort { $0.key.count > $1.key.count }
            tables[group] = table
        }
        return tables
    }()

    /// Leading words that do not change what a row is: 其中：当年财政拨款.
    private static let ignorablePrefixes = ["其中:", "其中", "其中,"]

    /// The label a text states, if it is one of `groups`.
    public static func match<S: StringProtocol>(_ text: S, in groups: LabelGroups) -> Label? {
        all(String(text)).label(in: groups)
    }

    /// The label a cell states, if it is one of `groups` (worked out once, when the cell was made).
    public static func match(_ cell: Cell, in groups: LabelGroups) -> Label? {
        cell.labels.label(in: groups)
    }

    /// The label a text states in every group.
    static func all(_ text: String) -> CellLabels {
        // Labels are short: a long cell is a value, whatever it starts with.
        guard !text.isEmpty, text.utf8.count <= 96 else { return CellLabels() }
        // A text whose matching form starts with no label's first character is a value: most
        // cells, which then cost neither the memo's hashing nor a place in it.
        guard let first = text.unicodeScalars.first(where: { !(Text.isSpace($0) || $0 == "\n") }) else { return CellLabels() }
        let v = (first.isASCII ? first : Text.fold(first)).value
        if v < 0x10000, firstScalars[Int(v >> 6)] & (1 << UInt64(v & 63)) == 0 { return CellLabels() }
        return memo.value(of: text)
    }

    /// A bit per BMP code point: the first character of a label's matching form, or of an
    /// ignorable prefix.
    private static let firstScalars: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
        var keys = ignorablePrefixes
        for table in tables.values { keys += table.exact.keys.map(\.text) + table.prefixes.map(\.key) }
        for key in keys {
            guard let v = key.unicodeScalars.first?.value, v < 0x10000 else { continue }
            bits[Int(v >> 6)] |= 1 << UInt64(v & 63)
        }
        return bits
    }()

    /// A fixed order, so a text that is a label in two groups always gets the same answer.
    static let groupOrder: [LabelGroup] = [.field, .fundColumn, .fundRow, .section, .goalColumn, .indicatorColumn, .planColumn, .level1, .level2]

    /// The label a text states in every group, computed once per distinct text.
    private static func compute(_ text: String) -> CellLabels {
        var out = CellLabels()
        var k = Text.key(text)
        while let last = k.last, ":;,。".contains(last) { k.removeLast() }
        guard !k.isEmpty, k.utf8.count <= 72 else { return out }
        for prefix in ignorablePrefixes where k.hasPrefix(prefix) && k.utf8.count > prefix.utf8.count {
            k.removeFirst(prefix.count)
            break
        }
        let key = TextKey(k)
        for group in groupOrder {
            guard let table = tables[group] else { continue }
            if let label = table.exact[key] { out[group] = label; continue }
            for (prefix, label) in table.prefixes where k.utf8.starts(with: prefix.utf8) {
                if isLabelSuffix(k.utf8.dropFirst(prefix.utf8.count)) { out[group] = label; break }
            }
        }
        return out
    }

    /// Cell texts repeat across forms (every form has its 项目名称 and 全年预算数): remember
    /// them, in a table per reading thread.
    private static let memo = TextMemo(capacity: 200_000) { Labels.compute($0) }

    /// What may follow a prefix label: a bracketed note such as (A), (万元), (B/A), (%), or 和/及.
    private static func isLabelSuffix(_ rest: Substring.UTF8View) -> Bool {
        guard let first = rest.first else { return true }
        return first == UInt8(ascii: "(") || first == UInt8(ascii: "[") || rest.starts(with: "和".utf8) || rest.starts(with: "及".utf8)
    }

    /// The 一级指标 each 二级指标 belongs to in every template seen.
    public static let parent: [Label: Label] = [
        .quantity: .output, .quality: .output, .timeliness: .output,
        .economic: .effect, .social: .effect, .ecological: .effect, .sustainable: .effect,
        .beneficiary: .satisfaction,
    ]

    public static func isLevel(_ cell: Cell) -> Bool {
        match(cell, in: [.level1, .level2]) != nil
    }

    /// The scale of an amount column header: 1 for 万元 (the default), 0.0001 for 元.
    public static func amountScale<S: StringProtocol>(_ header: S) -> Double? {
        let k = Text.key(header)
        if Text.has(k, "万元") { return 1 }
        if Text.has(k, "(元)") || k.hasSuffix("元") { return 0.0001 }
        return nil
    }
}
