import Foundation

/// 项目支出绩效自评表 (and 项目（政策）支出绩效自评表), with or without 分值/得分 columns.
enum SelfEvaluationReader {
    private enum Section { case fields, funds, goals, indicators, after }

    static func read(_ form: FormSlice, context: FormContext, log: inout DiagnosticLog) -> Project {
        let title = form.rows[0]
        var project = Project(
            id: context.id, kind: .selfEvaluation,
            source: SourceLocation(path: context.path, line: form.line),
            title: title.filled.map(\.text).joined(separator: " "))
        project.year = FormText.year(inTitle: project.title)

        var section = Section.fields
        var funds: FundsTable?
        var goalActualIndex: Int?
        var table: IndicatorTable?

        for row in form.rows.dropFirst() {
            guard let first = row.firstFilled else { continue }
            if row.isProse || section == .after {
                if FormText.isYearLine(first.text), project.year == nil {
                    project.year = FormText.year(inTitle: first.text)
                } else if section == .after || FormText.isFootnoteStart(first.text) {
                    section = .after
                    project.footnotes.append(row.filled.map(\.text).joined(separator: " "))
                } else {
                    log.warning(row.line, "line not understood in a self-evaluation form; kept out of the data: \(row.preview)")
                }
                continue
            }
            if FormText.isYearLine(first.text) && row.filledCount == 1 {
                project.year = project.year ?? FormText.year(inTitle: first.text)
                continue
            }
            let firstLabel = Labels.match(first, in: [.section, .fundRow])

            // Section headers and rows that announce themselves by their label.
            if FundsTable.isHeader(row) {
                funds = FundsTable(header: row)
                section = .funds
                continue
            }
            if firstLabel == .goalsSection {
                section = .goals
                goalActualIndex = row.cells.firstIndex { Labels.match($0, in: [.goalColumn]) == .actualGoal }
                continue
            }
            if IndicatorTable.isHeader(row) {
                table = IndicatorTable(header: row, log: &log)
                section = .indicators
                continue
            }
            if firstLabel == .totalScore {
                readTotal(row, into: &project, log: &log)
                continue
            }
            if firstLabel == .notes {
                let text = FormText.value(Array(row.filled.dropFirst()))
                project.notesPrinted = text
                project.notes = text.flatMap { FormText.isInstruction($0) ? nil : $0 }
                section = .after
                continue
            }
            if section == .fields || row.cells.contains(where: { !$0.isEmpty && Labels.match($0, in: [.field]) != nil }) {
                if ProjectFields.read(row, into: &project, log: &log) { continue }
            }
            switch section {
            case .funds:
                if let funds, let labelIndex = row.cells.firstIndex(where: { Labels.match($0, in: [.fundRow]) != nil }) {
                    readFundRow(row, labelIndex: labelIndex, table: funds, into: &project, log: &log)
                    continue
                }
            case .goals:
                readGoal(row, actualIndex: goalActualIndex, into: &project, log: &log)
                continue
            case .indicators:
                if table?.read(row, log: &log) == true { continue }
            default:
                break
            }
            log.warning(row.line, "row not understood in a self-evaluation form; kept out of the data: \(row.preview)")
        }
        project.indicators = table?.indicators ?? []
        resolve(&project, context: context, log: &log)
        return project
    }

    // MARK: - Funds

    private static func readFundRow(_ row: Row, labelIndex: Int, table: FundsTable,
                                    into project: inout Project, log: inout DiagnosticLog) {
        let labelCell = row.cells[labelIndex]
        guard let label = Labels.match(labelCell, in: [.fundRow]) else { return }
        let values = table.values(of: row, labelIndex: labelIndex, log: &log)
        let amount = { (c: FundsTable.Column) in ValueReader.amount(values[c] ?? "", scale: table.scale) }
        for (column, text) in values where column != .rate {
            let a = ValueReader.amount(text)
            if !a.isBlank && a.value == nil {
                log.warning(row.line, "\(label.rawValue): \"\(text)\" is not an amount; kept as printed")
            }
        }
        if label == .totalFunds {
            project.funds.line = row.line
            project.funds.initialBudget = amount(.initialBudget)
            project.funds.budget = amount(.budget)
            project.funds.executed = amount(.executed)
            project.funds.weight = ValueReader.amount(values[.weight] ?? "")
            project.funds.score = ValueReader.amount(values[.score] ?? "")
            project.funds.statedRate = ValueReader.percent(values[.rate] ?? "")
            let rate = project.funds.statedRate
            if !rate.isBlank && rate.value == nil {
                log.warning(row.line, "执行率 \"\(rate.printed)\" is not a percentage; kept as printed")
            }
        } else {
            var source = FundSource(name: label.rawValue, line: row.line)
            source.initialBudget = amount(.initialBudget)
            source.budget = amount(.budget)
            source.executed = amount(.executed)
            project.funds.sources.append(source)
        }
    }

    // MARK: - Goals

    private static func readGoal(_ row: Row, actualIndex: Int?, into project: inout Project, log: inout DiagnosticLog) {
        let filled = row.cells.enumerated().filter { !$0.element.isEmpty }
        switch filled.count {
        case 1:
            let only = filled[0]
            let isActual = actualIndex.map { only.offset >= $0 } ?? false
            project.goals.append(Goal(planned: isActual ? nil : only.element.text,
                                      actual: isActual ? only.element.text : nil, line: row.line))
        default:
            let actual = filled.dropFirst().map(\.element.text).joined(separator: " ")
            if filled.count > 2 {
                log.info(row.line, "goal row has \(filled.count) cells; the cells after the first are read as the actual result")
            }
            project.goals.append(Goal(planned: filled[0].element.text, actual: actual, line: row.line))
        }
    }

    // MARK: - 总分

    private static func readTotal(_ row: Row, into project: inout Project, log: inout DiagnosticLog) {
        let values = row.filled.dropFirst().map(\.text)
        switch values.count {
        case 0: return
        case 1: project.totalScore = ValueReader.amount(values[0])
        default:
            project.totalWeight = ValueReader.amount(values[0])
            project.totalScore = ValueReader.amount(values[1...].joined(separator: " "))
        }
        if !project.totalScore.isBlank && project.totalScore.value == nil {
            log.warning(row.line, "总分 score \"\(project.totalScore.printed)\" is not a number; kept as printed, not read as a score")
        }
    }

    // MARK: - Resolution

    /// Year and agency from the document, then the sidecar, when the form is silent.
    static func resolve(_ project: inout Project, context: FormContext, log: inout DiagnosticLog) {
        if project.year != nil {
            project.yearSource = .form
        } else if let year = context.documentYear {
            project.year = year
            project.yearSource = .document
        } else if let year = context.sidecar?.year {
            project.year = year
            project.yearSource = .sidecar
        }
        if let agency = project.agency, !FormText.isNumberOnly(agency) {
            project.agencyResolved = agency
        } else if let agency = context.sidecar?.agency {
            project.agencyResolved = agency
        }
    }
}
