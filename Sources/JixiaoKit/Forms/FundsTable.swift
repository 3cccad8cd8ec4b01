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
            if let s = Labels.amountScale(cell.text), Labels.match(cell.text, in: [.section]) == .fundsSection { scale = s }
            let column: Column?
            switch Labels.match(cell.text, in: [.fundColumn]) {
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
        let labels = row.filled.compactMap { Labels.match($0.text, in: [.fundColumn]) }
        return labels.contains(.budget) || (labels.contains(.executed) && labels.contains(.rate))
    }

    /// Reads one source row's values after its label cell at `labelIndex`.
    func values(of row: Row, labelIndex: Int, log: inout DiagnosticLog) -> [Column: String] {
        var byPosition: [Column: String] = [:]
        var lined = true
        for (i, cell) in row.cells.enumerated() where i > labelIndex && !cell.isEmpty {
            if let column = columns[i] { byPosition[column] = cell.text } else { lined = false }
        }
        if lined { return byPosition }
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
