/// One table cell: its text (lines joined, whitespace normalised) and the line it starts on.
public struct Cell: Sendable, Equatable {
    public var text: String { didSet { labels = Labels.all(text) } }
    public var line: Int
    /// The label the text states in each group, worked out once: readers ask about the
    /// same cell several times.
    public private(set) var labels: CellLabels

    public init(text: String, line: Int) {
        self.text = text
        self.line = line
        labels = Labels.all(text)
    }

    public var isEmpty: Bool { text.isEmpty }
}

/// One table row, or one line of prose (a single cell, `isProse`).
public struct Row: Sendable, Equatable {
    public var cells: [Cell]
    public var line: Int
    /// A line outside any table (titles, notes, prose sections).
    public var isProse: Bool
    /// The last line the row covers, for "lines a–b" messages.
    public var endLine: Int

    public init(cells: [Cell], line: Int, isProse: Bool = false, endLine: Int? = nil) {
        self.cells = cells
        self.line = line
        self.isProse = isProse
        self.endLine = endLine ?? line
    }

    /// Cells with text, in order.
    public var filled: [Cell] { cells.filter { !$0.isEmpty } }
    /// The first cell with text, and how many have text, without making `filled`.
    public var firstFilled: Cell? { cells.first { !$0.isEmpty } }
    public var filledCount: Int { cells.reduce(0) { $0 + ($1.isEmpty ? 0 : 1) } }
    public var isEmpty: Bool { cells.allSatisfy(\.isEmpty) }
    /// The row's text for messages: its filled cells joined by " | ", shortened.
    public var preview: String {
        let joined = filled.map(\.text).joined(separator: " | ")
        return joined.count > 40 ? String(joined.prefix(40)) + "…" : joined
    }
}
