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
        var text = text
        return text.withUTF8 { Lines($0).read() }
    }

    /// The text's lines as byte ranges of its UTF-8, read in place: a line, or a cell within
    /// it, becomes a string only when a cell is made of it. Line ends are unified to LF
    /// before this, and LF and TAB are ASCII, so every range starts and ends on a character
    /// boundary (splitting bytes is splitting characters, without walking graphemes).
    private struct Lines {
        let bytes: UnsafeBufferPointer<UInt8>
        /// Each line's range, LF excluded; empty lines kept (a final LF ends in one).
        let ranges: [Range<Int>]

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            var ranges: [Range<Int>] = []
            var start = 0
            for i in 0..<bytes.count where bytes[i] == 0x0A {
                ranges.append(start..<i)
                start = i + 1
            }
            ranges.append(start..<bytes.count)
            self.ranges = ranges
        }

        func read() -> (layout: Layout, rows: [Row]) {
            let layout = detect()
            switch layout {
            case .tabRows: return (layout, tabRows())
            case .empty: return (layout, [])
            case .prose: return (layout, proseRows())
            default: return (layout, cellLines())
            }
        }

        func text(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[r]), as: UTF8.self) }

        /// `Text.clean` of the bytes: most cells are clean already and are copied as they are.
        func clean(_ r: Range<Int>) -> String {
            let slice = UnsafeBufferPointer(rebasing: bytes[r])
            return Text.isClean(buffer: slice) ? text(r) : Text.clean(text(r))
        }

        /// `Text.isBlank`, scalar by scalar on the bytes (a line mostly ends that at its first byte).
        func isBlank(_ r: Range<Int>) -> Bool {
            var i = r.lowerBound
            while i < r.upperBound {
                let lead = bytes[i]
                let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                guard i + length <= r.upperBound else { return Text.isBlank(text(i..<r.upperBound)) }
                var value = UInt32(length == 1 ? lead : length == 2 ? lead & 0x1F : length == 3 ? lead & 0x0F : lead & 0x07)
                for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
                guard let scalar = Unicode.Scalar(value), Text.isSpace(scalar) else { return false }
                i += length
            }
            return true
        }

        func tabs(in r: Range<Int>) -> Int {
            var n = 0
            for i in r where bytes[i] == 0x09 { n += 1 }
            return n
        }

        func startsWithTab(_ r: Range<Int>) -> Bool { !r.isEmpty && bytes[r.lowerBound] == 0x09 }

        /// Decides from the tabbed lines: many cells on one line → tab-rows; one cell a line → cell-lines.
        func detect() -> Layout {
            var multi = 0, single = 0, prose = 0
            for r in ranges where !isBlank(r) {
                let tabs = tabs(in: r)
                if tabs == 0 { prose += 1 } else if tabs >= 2 { multi += 1 } else if startsWithTab(r) { single += 1 } else { multi += 1 }
            }
            if multi + single + prose == 0 { return .empty }
            if multi + single == 0 { return .prose }
            return multi > single ? .tabRows : .cellLines
        }

        // MARK: - tab-rows

        func tabRows() -> [Row] {
            var rows: [Row] = []
            for (index, r) in ranges.enumerated() where !isBlank(r) {
                let number = index + 1
                let tabs = tabs(in: r)
                if tabs > 0 {
                    var cells: [Cell] = []
                    cells.reserveCapacity(tabs + 1)
                    var start = r.lowerBound
                    for i in r where bytes[i] == 0x09 {
                        cells.append(Cell(text: clean(start..<i), line: number))
                        start = i + 1
                    }
                    cells.append(Cell(text: clean(start..<r.upperBound), line: number))
                    rows.append(Row(cells: cells, line: number))
                } else {
                    rows.append(Row(cells: [Cell(text: clean(r), line: number)], line: number, isProse: true))
                }
            }
            return rows
        }

        func proseRows() -> [Row] {
            ranges.enumerated().compactMap { index, r in
                isBlank(r) ? nil : Row(cells: [Cell(text: clean(r), line: index + 1)], line: index + 1, isProse: true)
            }
        }

        // MARK: - cell-lines

        func cellLines() -> [Row] {
            var reader = CellLines(lines: self)
            for (index, r) in ranges.enumerated() { reader.add(r, number: index + 1) }
            reader.closeRow()
            return mergeFragments(reader.fragments)
        }
    }

    /// The cell-lines reader's state, line by line (a value of its own, not variables that
    /// nested functions capture, which Swift checks for exclusive access at run time).
    private struct CellLines {
        let lines: Lines
        var fragments: [Row] = []
        var cells: [Cell] = []
        /// The cell being read: its first line, and any more (most cells have one line).
        var isOpen = false
        var first = 0..<0
        var more: [Range<Int>] = []
        var cellLine = 0
        var rowStart = 0, lastLine = 0
        var blanks = 0
        /// How many cells the last row had.
        var width = 0

        init(lines: Lines) { self.lines = lines }

        mutating func closeCell() {
            if isOpen {
                let text = more.isEmpty ? lines.clean(first) : Text.joinLines([lines.text(first)] + more.map(lines.text))
                // A row's cells get room for as many as the last row had (rows of a table are
                // alike): grown from nothing, a row of eight cells was four allocations.
                if cells.capacity == 0 { cells.reserveCapacity(Swift.max(width, 4)) }
                cells.append(Cell(text: text, line: cellLine))
                more.removeAll(keepingCapacity: true)
            }
            isOpen = false
        }

        mutating func closeRow() {
            closeCell()
            guard !cells.isEmpty else { return }
            fragments.append(Row(cells: cells, line: rowStart, endLine: lastLine))
            width = cells.count
            cells = []
        }

        mutating func add(_ r: Range<Int>, number: Int) {
            // A TAB line is a cell even when empty ("\t\u{3000}"); only TAB-less whitespace is blank.
            let tabbed = lines.startsWithTab(r)
            if !tabbed && lines.isBlank(r) { blanks += 1; return }
            defer { blanks = 0; lastLine = number }
            if tabbed {
                if blanks > 0 { closeRow() }
                if cells.isEmpty && !isOpen { rowStart = number }
                closeCell()
                // A line may still carry several TAB-separated cells: each but the last is closed.
                var start = r.lowerBound + 1
                for i in start..<r.upperBound where lines.bytes[i] == 0x09 {
                    openCell(start..<i, line: number)
                    closeCell()
                    start = i + 1
                }
                openCell(start..<r.upperBound, line: number)
            } else if isOpen && blanks <= 1 && !FormTitle.isTitle(lines.text(r)) {
                more.append(r)
            } else {
                closeRow()
                fragments.append(Row(cells: [Cell(text: lines.clean(r), line: number)], line: number, isProse: true))
            }
        }

        private mutating func openCell(_ piece: Range<Int>, line: Int) {
            isOpen = true
            first = piece
            cellLine = line
        }
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
