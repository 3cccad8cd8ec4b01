import Foundation

/// The indicator table of a form: its header decides what each column holds; rows are
/// read by position when they line up with the header, and by order when merged cells
/// shifted them (the tab-rows export drops or adds empty fields).
struct IndicatorTable {
    enum Role: Equatable {
        case level, name, target, actual, weight, score, deviation, description, basis
        case other(String)
        case none
    }

    private(set) var roles: [Role]
    let nameIndex: Int
    private(set) var level1: String?
    private(set) var level2: String?
    private(set) var indicators: [Indicator] = []

    /// Builds the table from its header row; nil when the row names no 三级指标 column.
    init?(header: Row, log: inout DiagnosticLog) {
        var roles: [Role] = []
        var nameIndex: Int?
        for (i, cell) in header.cells.enumerated() {
            let label = Labels.match(cell, in: [.indicatorColumn, .section])
            switch label {
            case .level1Header?, .level2Header?, .indicatorsSection?: roles.append(.level)
            case .level3Header?: roles.append(.name); nameIndex = nameIndex ?? i
            case .targetHeader?: roles.append(.target)
            case .actualHeader?: roles.append(.actual)
            case .weight?: roles.append(.weight)
            case .score?: roles.append(.score)
            case .deviationHeader?: roles.append(.deviation)
            case .descriptionHeader?: roles.append(.description)
            case .basisHeader?: roles.append(.basis)
            default:
                if cell.isEmpty {
                    roles.append(nameIndex == nil ? .level : .none)
                } else {
                    roles.append(.other(cell.text))
                    log.warning(cell.line, "indicator column \"\(cell.text)\" is not one this reader knows; its values are kept as printed under that name")
                }
            }
        }
        guard let nameIndex else { return nil }
        self.roles = roles
        self.nameIndex = nameIndex
    }

    /// True when a row is an indicator header: it names a 三级指标 column.
    static func isHeader(_ row: Row) -> Bool {
        // Asked of every row of a form: the cells are looked at in place, not copied to `filled`.
        row.cells.contains { Labels.match($0, in: [.indicatorColumn]) == .level3Header }
    }

    /// The value columns after the name, in header order.
    private var valueRoles: [Role] {
        roles.dropFirst(nameIndex + 1).filter { $0 != .none && $0 != .level }
    }

    // MARK: - Rows

    /// Reads one row; false when the row is not an indicator row (text in the first column
    /// that is neither a level nor the section label, e.g. 绩效自评结论 | 良好).
    mutating func read(_ row: Row, log: inout DiagnosticLog) -> Bool {
        let cells = row.cells
        if row.isEmpty { return true }
        if let first = cells.first, !first.isEmpty, !Labels.isLevel(first),
           Labels.match(first, in: [.section]) != .indicatorsSection {
            return false
        }
        if let parsed = positional(cells) {
            apply(parsed, row: row, log: &log)
        } else {
            apply(ordered(cells), row: row, log: &log)
            log.info(row.line, "indicator row's cells are shifted by merged cells; read by order: \(row.preview)")
        }
        return true
    }

    private struct Parsed {
        var level1: Label?
        var level2: Label?
        var name: String?
        var values: [(Role, String)] = []
    }

    /// Reads by header position; nil when the row does not line up with the header.
    private func positional(_ cells: [Cell]) -> Parsed? {
        var p = Parsed()
        p.values.reserveCapacity(cells.count)
        for (i, cell) in cells.enumerated() where !cell.isEmpty {
            let role: Role = i < roles.count ? roles[i] : .none
            switch role {
            case .level:
                if Labels.match(cell, in: [.section]) == .indicatorsSection { continue }
                guard assignLevel(cell, to: &p) else { return nil }
            case .name:
                // A level label in the name column is a shift when this row gave a level 1 but
                // no level 2 (绩效指标 | 效益指标 | 生态效益指标 | …); under carried-down levels it is a name.
                if Labels.isLevel(cell), p.level1 != nil, p.level2 == nil, !Text.isStatusWord(cell.text) { return nil }
                p.name = cell.text
            case .weight, .score:
                // 分值 and 得分 hold numbers: a percent or a word here means the row drifted.
                if ValueReader.amount(cell.text).value == nil && !Text.isDash(cell.text) { return nil }
                p.values.append((role, cell.text))
            case .none:
                return nil
            case .target, .deviation:
                // 已完成 is never a target nor a reason: the row drifted off the header.
                if Text.isStatusWord(cell.text) && roles.contains(.actual) { return nil }
                p.values.append((role, cell.text))
            default:
                p.values.append((role, cell.text))
            }
        }
        return p
    }

    /// Reads by order: level labels first, then the name, then the values in header order.
    private func ordered(_ cells: [Cell]) -> Parsed {
        var p = Parsed()
        let filled = cells.filter { !$0.isEmpty }
        var rest = filled[...]
        while let first = rest.first, p.name == nil {
            if Labels.match(first, in: [.section]) == .indicatorsSection { rest.removeFirst(); continue }
            // Level labels lead the row; once the row has said nothing of levels, a label-like
            // word under carried-down levels is the indicator's name.
            let leading = p.level1 != nil || p.level2 != nil || rest.count == filled.count
            if p.level2 == nil, leading, Labels.isLevel(first), assignLevel(first, to: &p) { rest.removeFirst(); continue }
            p.name = first.text
            rest.removeFirst()
        }
        let values = rest.map(\.text)
        var slots = valueRoles
        if values.count < slots.count {
            // Fewer values than columns: a lone completion word is the completion value.
            if values.count == 1, Text.isStatusWord(values[0]), slots.contains(.actual) { slots = [.actual] }
        }
        for (i, value) in values.enumerated() {
            if i < slots.count {
                p.values.append((slots[i], value))
            } else if let last = p.values.last {
                p.values[p.values.count - 1] = (last.0, last.1 + " " + value)
            }
        }
        return p
    }

    /// Puts a level label where it belongs; false when the text is not a level label.
    private func assignLevel(_ cell: Cell, to p: inout Parsed) -> Bool {
        if let l1 = Labels.match(cell, in: [.level1]), p.level1 == nil {
            p.level1 = l1
            return true
        }
        if let l2 = Labels.match(cell, in: [.level2]) ?? Labels.match(cell, in: [.level1]), p.level2 == nil {
            p.level2 = l2
            return true
        }
        return false
    }

    private mutating func apply(_ p: Parsed, row: Row, log: inout DiagnosticLog) {
        for cell in row.cells where !cell.isEmpty {
            // A label printed as its canonical spelling is no typo: only other spellings are keyed.
            if let label = Labels.match(cell, in: [.level1, .level2]), !TextKey.same(cell.text, label.rawValue),
               Text.key(cell.text).hasSuffix("指针") {
                log.info(cell.line, "label \"\(cell.text)\" is a typo of \(label.rawValue); read as \(label.rawValue)")
            }
        }
        if let l1 = p.level1 { level1 = l1.rawValue; level2 = nil }
        if let l2 = p.level2 {
            level2 = l2.rawValue
            // 可持续影响指标 carried under 产出指标 because the form left 一级指标 empty:
            // the level-2 label says which level 1 it is.
            if p.level1 == nil, let implied = Labels.parent[l2], let current = level1, current != implied.rawValue {
                log.info(row.line, "\(l2.rawValue) sits under \(current) with no 一级指标 of its own; read as \(implied.rawValue)")
                level1 = implied.rawValue
            }
        }
        let hasValues = p.values.contains { !$0.1.isEmpty }
        guard p.name != nil || hasValues else { return }   // a level row with no indicator in it

        // A row holding nothing but a completion word, or nothing but a stray phrase.
        if p.name == nil, p.values.count == 1, let only = p.values.first {
            if Text.isStatusWord(only.1) {
                log.warning(row.line, "completion value \"\(only.1)\" stands in a row of its own with no indicator; not counted")
                return
            }
        }
        if p.name != nil, p.values.isEmpty, p.level1 == nil, p.level2 == nil, let last = indicators.last,
           last.name == nil, let name = p.name {
            indicators[indicators.count - 1].name = name
            log.info(row.line, "phrase \"\(name)\" on a row of its own taken as the name of the indicator above (line \(last.line)), whose name cell is empty")
            return
        }

        var indicator = Indicator(line: row.line)
        indicator.level1 = level1
        indicator.level2 = level2
        indicator.name = p.name
        for (role, value) in p.values where !value.isEmpty {
            switch role {
            case .target: indicator.target = value
            case .actual: indicator.actual = value
            case .weight: indicator.weight = ValueReader.amount(value)
            case .score: indicator.score = ValueReader.amount(value)
            case .deviation: indicator.deviation = value
            case .description: indicator.description = value
            case .basis: indicator.basis = value
            case .other(let label): indicator.extra[label] = value
            case .name: indicator.name = value
            case .level, .none: break
            }
        }
        for (amount, column) in [(indicator.weight, "分值"), (indicator.score, "得分")]
        where !amount.isBlank && amount.value == nil {
            log.warning(row.line, "\(column) \"\(amount.printed)\" is not a number; kept as printed")
        }
        indicators.append(indicator)
    }
}
