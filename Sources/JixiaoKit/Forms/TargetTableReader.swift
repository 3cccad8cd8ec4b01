import Foundation

/// 项目绩效目标表: a budget-time table of code, budget, purpose, quarterly plan, goals and indicators.
enum TargetTableReader {
    private enum Section { case fields, purpose, plan, goals, indicators }

    static func read(_ form: FormSlice, context: FormContext, log: inout DiagnosticLog) -> Project {
        let title = form.rows[0].filled.map(\.text).joined(separator: " ")
        var project = Project(id: context.id, kind: .target,
                              source: SourceLocation(path: context.path, line: form.line), title: title)
        project.year = FormText.year(inTitle: title)
        var section = Section.fields
        var planColumns: [Int: Label] = [:]
        var table: IndicatorTable?

        for row in form.rows.dropFirst() {
            guard let first = row.firstFilled else { continue }
            if row.isProse {
                log.warning(row.line, "line not understood in a target table; kept out of the data: \(row.preview)")
                continue
            }
            let firstLabel = Labels.match(first, in: [.section, .field])
            if firstLabel == .budgetSection {
                readBudget(row, into: &project, log: &log)
                section = .purpose
                continue
            }
            if firstLabel == .planSection {
                for (i, cell) in row.cells.enumerated() {
                    if let q = Labels.match(cell, in: [.planColumn]) { planColumns[i] = q }
                }
                section = .plan
                continue
            }
            if IndicatorTable.isHeader(row) {
                table = IndicatorTable(header: row, log: &log)
                section = .indicators
                continue
            }
            if firstLabel == .targetGoals {
                section = .goals
                readGoal(Array(row.filled.dropFirst()), line: row.line, into: &project)
                continue
            }
            if section != .indicators && row.cells.contains(where: { !$0.isEmpty && Labels.match($0, in: [.field]) != nil }) {
                _ = ProjectFields.read(row, into: &project, log: &log)
                continue
            }
            switch section {
            case .purpose:
                project.purpose = FormText.value(row.filled)
                section = .fields
            case .plan:
                var plan = SpendingPlan(line: row.line)
                for (i, cell) in row.cells.enumerated() {
                    let value = ValueReader.amount(cell.text.replacingOccurrences(of: "%", with: ""))
                    let printed = Amount(printed: cell.text, value: value.value)
                    switch planColumns[i] {
                    case .q1?: plan.q1 = printed
                    case .q2?: plan.q2 = printed
                    case .q3?: plan.q3 = printed
                    case .q4?: plan.q4 = printed
                    default:
                        if !cell.isEmpty { log.warning(cell.line, "spending plan value \"\(cell.text)\" is under no quarter column; ignored") }
                    }
                }
                project.plan = plan
                section = .fields
            case .goals:
                readGoal(row.filled, line: row.line, into: &project)
            case .indicators:
                if table?.read(row, log: &log) != true {
                    log.warning(row.line, "row not understood in a target table; kept out of the data: \(row.preview)")
                }
            case .fields:
                log.warning(row.line, "row not understood in a target table; kept out of the data: \(row.preview)")
            }
        }
        project.indicators = table?.indicators ?? []
        if project.name == nil, let fromTitle = nameFromTitle(title) { project.name = fromTitle }
        SelfEvaluationReader.resolve(&project, context: context, log: &log)
        return project
    }

    /// "1.  办案维稳经费项目绩效目标表" → 办案维稳经费.
    static func nameFromTitle(_ title: String) -> String? {
        var t = Text.clean(title)
        if let r = t.range(of: #"^\s*\d+\s*[.、．,，]?\s*"#, options: .regularExpression) { t.removeSubrange(r) }
        for suffix in ["项目绩效目标表", "绩效目标表"] where t.hasSuffix(suffix) {
            t.removeLast(suffix.count)
            break
        }
        t = Text.clean(t)
        return t.isEmpty ? nil : t
    }

    /// 预算规模及资金用途 | 预算数 | 50 | 其中：财政资金 | 50 | 其他资金 | …
    private static func readBudget(_ row: Row, into project: inout Project, log: inout DiagnosticLog) {
        project.funds.line = row.line
        let (pairs, loose) = FormText.pairs(Array(row.cells.dropFirst()), labels: [.field, .fundRow])
        if !loose.isEmpty {
            log.warning(row.line, "budget row: text before the first label not understood: \(loose.map(\.text).joined(separator: " "))")
        }
        for (label, labelCell, cells) in pairs {
            let printed = FormText.value(cells) ?? ""
            let amount = ValueReader.amount(printed)
            if !amount.isBlank && amount.value == nil {
                log.warning(labelCell.line, "\(labelCell.text) \"\(printed)\" is not an amount; kept as printed")
            }
            if label == .budgetAmount {
                project.funds.budget = amount
            } else {
                var source = FundSource(name: label.rawValue, line: labelCell.line)
                source.budget = amount
                project.funds.sources.append(source)
            }
        }
    }

    /// 目标1 | text; a row of its own for each goal.
    private static func readGoal(_ cells: [Cell], line: Int, into project: inout Project) {
        guard !cells.isEmpty else { return }
        var label: String?
        var rest = cells[...]
        if let first = rest.first, FormText.isNumbered(Substring(Text.key(first.text)), word: "目标").rest.isEmpty
            && FormText.isNumbered(Substring(Text.key(first.text)), word: "目标").matched
            || Text.key(first.text).allSatisfy({ $0 == "." || $0 == "…" }) {
            label = first.text
            rest = rest.dropFirst()
        }
        let text = rest.map(\.text).joined(separator: " ")
        project.goals.append(Goal(label: label, planned: text.isEmpty ? nil : text, actual: nil, line: line))
    }
}
