/// Text → rows of cells, for both table exports seen in submissions.
///
/// - tab-rows: one row per line, cells split at TABs (merged cells leave empty fields,
///   so column positions drift; the form readers go by labels, not positions).
/// - cell-lines: each cell starts on a line beginning with a TAB, a line without a TAB
///   continues the cell, a blank line ends the row. Word also puts blank lines inside a
///   row (a cell's second paragraph, "100%" then "%"), so fragments are joined back when
///   the row is still short of the table's width and the fragment does not start a row.
/// Lines outside tables become prose rows.
public enum GridReader {
    public static func read(_ text: String) -> (layout: Layout, rows: [Row]) {
        // Line ends are unified to LF before this, and LF and TAB are always graphemes of
        // their own, so splitting bytes is splitting characters, without walking graphemes.
        let lines = Text.split(text[...], on: 0x0A)
        let layout = detect(lines)
        switch layout {
        case .tabRows: return (layout, tabRows(lines))
        case .empty: return (layout, [])
        case .prose: return (layout, proseRows(lines))
        default: return (layout, cellLines(lines))
        }
    }

    /// Decides from the tabbed lines: many cells on one line → tab-rows; one cell a line → cell-lines.
    static func detect(_ lines: [Substring]) -> Layout {
        var multi = 0, single = 0, prose = 0
        for line in lines where !Text.isBlank(line) {
            let tabs = Text.count(0x09, in: line)
            if tabs == 0 { prose += 1 } else if tabs >= 2 { multi += 1 } else if line.utf8.first == 0x09 { single += 1 } else { multi += 1 }
        }
        if multi + single + prose == 0 { return .empty }
        if multi + single == 0 { return .prose }
        return multi > single ? .tabRows : .cellLines
    }

    // MARK: - tab-rows

    static func tabRows(_ lines: [Substring]) -> [Row] {
        var rows: [Row] = []
        for (index, line) in lines.enumerated() where !Text.isBlank(line) {
            let number = index + 1
            if line.utf8.contains(0x09) {
                let cells = Text.split(line, on: 0x09).map { Cell(text: Text.clean($0), line: number) }
                rows.append(Row(cells: cells, line: number))
            } else {
                rows.append(Row(cells: [Cell(text: Text.clean(line), line: number)], line: number, isProse: true))
            }
        }
        return rows
    }

    static func proseRows(_ lines: [Substring]) -> [Row] {
        lines.enumerated().compactMap { index, line in
            Text.isBlank(line) ? nil
                : Row(cells: [Cell(text: Text.clean(line), line: index + 1)], line: index + 1, isProse: true)
        }
    }

    // MARK: - cell-lines

    /// A cell being read: its first line, and any more (most cells have one line, and
    /// need no array).
    private struct OpenCell {
        var first: Substring
        var more: [Substring] = []
        var line: Int
    }

    static func cellLines(_ lines: [Substring]) -> [Row] {
        var fragments: [Row] = []
        var cells: [Cell] = []
        var open: OpenCell?
        var rowStart = 0, lastLine = 0
        var blanks = 0

        func closeCell() {
            if let c = open { cells.append(Cell(text: c.more.isEmpty ? Text.clean(c.first) : Text.joinLines([c.first] + c.more), line: c.line)) }
            open = nil
        }
        func closeRow() {
            closeCell()
            if !cells.isEmpty { fragments.append(Row(cells: cells, line: rowStart, endLine: lastLine)) }
            cells = []
        }

        for (index, raw) in lines.enumerated() {
            let number = index + 1
            // A TAB line is a cell even when empty ("\t\u{3000}"); only TAB-less whitespace is blank.
            let tabbed = raw.utf8.first == 0x09
            if !tabbed && Text.isBlank(raw) { blanks += 1; continue }
            defer { blanks = 0; lastLine = number }
            if tabbed {
                if blanks > 0 { closeRow() }
                if cells.isEmpty && open == nil { rowStart = number }
                closeCell()
                // A line may still carry several TAB-separated cells.
                // Past the TAB by bytes (dropFirst would walk a grapheme).
                let parts = Text.split(raw[raw.utf8.index(after: raw.utf8.startIndex)...], on: 0x09)
                for (i, part) in parts.enumerated() {
                    if i > 0 { closeCell() }
                    open = OpenCell(first: part, line: number)
                }
            } else if open != nil && blanks <= 1 && !FormTitle.isTitle(raw) {
                open!.more.append(raw)
            } else {
                closeRow()
                fragments.append(Row(cells: [Cell(text: Text.clean(raw), line: number)], line: number, isProse: true))
            }
        }
        closeRow()
        return mergeFragments(fragments)
    }

    /// Joins a fragment to the row before it when Word split one table row at a blank line.
    static func mergeFragments(_ fragments: [Row]) -> [Row] {
        var rows: [Row] = []
        var width = 0
        for fragment in fragments {
            if fragment.isProse {
                rows.append(fragment)
                width = 0
                continue
            }
            // A row label always starts a row; anything else (an empty merged cell included)
            // continues a row that is still short of the table's width and fits in it.
            let startsRow = fragment.cells.first.map { !$0.isEmpty && startsTableRow($0) } ?? true
            if startsRow { width = 0 }
            if let last = rows.last, !last.isProse, !startsRow,
               last.cells.count < width, last.cells.count + fragment.cells.count <= width {
                rows[rows.count - 1].cells += fragment.cells
                rows[rows.count - 1].endLine = fragment.endLine
                continue
            }
            rows.append(fragment)
            width = max(width, fragment.cells.count)
        }
        return rows
    }

    /// Labels that begin a table row of their own.
    private static func startsTableRow(_ cell: Cell) -> Bool {
        Labels.match(cell, in: [.field, .section, .fundRow, .indicatorColumn, .goalColumn]) != nil
            || FormTitle.isTitle(cell.text)
    }
}

/// Recognises the title lines that start a form.
public enum FormTitle {
    public enum Kind: Sendable { case selfEvaluation, target, department }

    public static func kind<S: StringProtocol>(_ text: S) -> Kind? {
        let k = Text.key(text)
        guard k.count <= 60 else { return nil }
        if Text.has(k, "绩效自评表") { return .selfEvaluation }
        if k.hasSuffix("绩效目标表") || Text.has(k, "项目绩效目标表") { return .target }
        if Text.has(k, "部门整体绩效目标") && !Text.has(k, "。") { return .department }
        return nil
    }

    public static func isTitle<S: StringProtocol>(_ text: S) -> Bool { kind(text) != nil }
}
