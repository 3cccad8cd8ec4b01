import Foundation

/// The funds table of a self-evaluation: a header naming the columns
/// (年初预算数 | 全年预算数（A） | 全年执行数（B） | 分值 | 执行率 | 得分), then one row per source.
struct FundsTable {
    enum Column: Equatable { case initialBudget, budget, executed, weight, rate, score }

    private var columns: [Int: Column] = [:]
    /// Header order, for rows whose cells drifted.
    private var order: [Column] = []
    /// 1 for 万元, 0.0001 when the header says 元.
    private(set) var scale: Double = 1

    init?(header: Row) {
        for (i, cell) in header.cells.enumerated() {
            if let s = Labels.amountScale(cell.text), Labels.match(cell, in: [.section]) == .fundsSection { scale = s }
            let column: Column?
            switch Labels.match(cell, in: [.fundColumn]) {
            case .initialBudget?: column = .initialBudget
            case .budget?: column = .budget
            case .executed?: column = .executed
            case .weight?: column = .weight
            case .rate?: column = .rate
            case .score?: column = .score
            default: column = nil
            }
            if let column {
                columns[i] = column
                order.append(column)
            }
        }
        guard order.contains(.budget) || order.contains(.executed) else { return nil }
    }

    /// True when a row is a header of this kind.
    static func isHeader(_ row: Row) -> Bool {
        // Asked of every row of a form: the labels are read in place, nothing is collected.
        var executed = false, rate = false
        for cell in row.cells {
            switch Labels.match(cell, in: [.fundColumn]) {
            case .budget?: return true
            case .executed?: executed = true
            case .rate?: rate = true
            default: break
            }
        }
        return executed && rate
    }

    /// Whether a value fits its column: amounts and scores are numbers, the rate a percent; "—" fits all.
    static func fits(_ text: String, _ column: Column) -> Bool {
        if text.isEmpty || Text.isDash(text) { return true }
        switch column {
        case .rate: return ValueReader.percent(text).value != nil
        default: return ValueReader.amount(text).value != nil
        }
    }

    /// Values by header position, shifted by `shift` columns; nil when a value falls outside
    /// the header's columns or does not fit its column.
    private func aligned(_ row: Row, labelIndex: Int, shift: Int) -> [Column: String]? {
        var out: [Column: String] = [:]
        for (i, cell) in row.cells.enumerated() where i > labelIndex && !cell.isEmpty {
            guard let column = columns[i - shift], Self.fits(cell.text, column) else { return nil }
            out[column] = cell.text
        }
        return out
    }

    /// Reads one source row's values after its label cell at `labelIndex`: by header position
    /// when every value fits its column, else one column either way (a merged cell added or
    /// dropped a field), else in header order.
    func values(of row: Row, labelIndex: Int, log: inout DiagnosticLog) -> [Column: String] {
        if let byPosition = aligned(row, labelIndex: labelIndex, shift: 0) { return byPosition }
        for shift in [1, -1] {
            if let shifted = aligned(row, labelIndex: labelIndex, shift: shift) {
                log.info(row.line, "funds row's cells are one column \(shift > 0 ? "right" : "left") of the header; read accordingly: \(row.preview)")
                return shifted
            }
        }
        // Cells drifted off the header: fill the header's columns in order.
        let filled = row.cells.enumerated().filter { $0.offset > labelIndex && !$0.element.isEmpty }.map(\.element.text)
        var byOrder: [Column: String] = [:]
        for (column, text) in zip(order, filled) { byOrder[column] = text }
        if filled.count > order.count {
            log.warning(row.line, "funds row has \(filled.count) values for \(order.count) columns; extra values ignored: \(filled.dropFirst(order.count).joined(separator: " "))")
        }
        log.info(row.line, "funds row's cells are shifted by merged cells; read by order: \(row.preview)")
        return byOrder
    }
}
