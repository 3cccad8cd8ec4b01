import Foundation

/// RFC 4180 CSV: every field quoted when it holds a comma, quote or line break; and a field
/// that a spreadsheet would run as a formula (=, +, -, @, TAB, CR first) prefixed with '.
public struct CSVWriter: Sendable {
    /// The table so far (a page buffer: a table is many small fields; see `PageBytes`).
    private var out = PageBytes()
    private var inRow = false

    /// The table so far, as UTF-8.
    public var bytes: [UInt8] { out.array }
    public var text: String { out.withUnsafeBytes { String(decoding: $0, as: UTF8.self) } }

    public init(header: [String]) {
        append(header)
    }

    /// A writer with no header, for rows kept apart.
    init() {}

    public mutating func append(_ fields: [String?]) {
        for field in fields { self.field(field) }
        endRow()
    }

    /// The next field of the current row (nil: empty), escaped into the table.
    public mutating func field(_ field: String?) {
        if inRow { out.append(UInt8(0x2C)) }
        inRow = true
        guard var f = field, !f.isEmpty else { return }
        let formula = Self.isFormulaStart(f.utf8.first!) && ValueReader.plainNumber(f) == nil
        f.withUTF8 { b in
            let quoted = Text.hasByte(b, in: Self.quotedBytes)
            if quoted { out.append(UInt8(0x22)) }
            if formula { out.append(UInt8(0x27)) }
            if quoted {
                for byte in b {
                    out.append(byte)
                    if byte == 0x22 { out.append(UInt8(0x22)) }
                }
                out.append(UInt8(0x22))
            } else {
                out.append(b)
            }
        }
    }

    /// Ends the current row (CRLF).
    public mutating func endRow() {
        out.append(UInt8(0x0D))
        out.append(UInt8(0x0A))
        inRow = false
    }

    /// The text so far, which the writer then forgets: for writing a large table in pieces.
    public mutating func take() -> String {
        defer { out = PageBytes() }
        return text
    }

    /// What a spreadsheet would run as a formula when a field starts with it: = + - @ TAB CR.
    /// (A switch, not a set: asked of every field of every table, and a set hashes the byte.)
    private static func isFormulaStart(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D: true
        default: false
        }
    }
    /// The bytes that make a field quoted: , " LF CR.
    private static let quotedBytes = Text.mask(",\"\n\r")

    /// One field as the table writes it.
    public static func escape(_ field: String) -> String {
        var csv = CSVWriter()
        csv.field(field)
        return csv.text
    }
}

extension Corpus {
    /// One row per project: the main fields.
    public func projectsCSV() -> String { Corpus.projectsCSV(projects) }

    /// One row per indicator, with its project's id.
    public func indicatorsCSV() -> String { Corpus.indicatorsCSV(projects) }

    /// One row per project of `projects`.
    public static func projectsCSV(_ projects: [Project]) -> String {
        whole { table(header: projectsHeader, projects, rows: projectsCSVRow, emit: $0) }
    }

    /// The same table from the projects' records (each carries its row).
    public static func projectsCSV(records: [ProjectRecord]) -> String {
        whole { projectsCSV(records: records, emit: $0) }
    }

    /// The same, handed to `emit` in pieces of a few hundred rows.
    public static func projectsCSV(records: [ProjectRecord], emit: (String) -> Void) {
        table(header: projectsHeader, records, rows: \.csvRow, emit: emit)
    }

    /// A table: the header, then each item's rows, handed to `emit` a few hundred items at a
    /// time (at national scale a table is hundreds of megabytes).
    private static func table<T>(header: [String], _ items: [T], rows: (T) -> String, emit: (String) -> Void) {
        var piece = CSVWriter(header: header).text
        for (n, item) in items.enumerated() {
            if n % 256 == 255 { emit(piece); piece = "" }
            piece += rows(item)
        }
        emit(piece)
    }

    /// What a table writer emits, as one string.
    private static func whole(_ write: ((String) -> Void) -> Void) -> String {
        var text = ""
        write { text += $0 }
        return text
    }

    static let projectsHeader = [
        "id", "kind", "path", "line", "year", "name", "code", "agency", "agencyResolved", "localAgency",
        "unit", "initialBudget", "budget", "executed", "statedRate", "rate", "weight", "score",
        "totalScore", "totalScorePrinted", "goals", "indicators", "notes",
    ]

    /// One project's row of the projects table, CRLF-terminated.
    static func projectsCSVRow(_ p: Project) -> String {
        var csv = CSVWriter()
        csv.append([
            p.id, p.kind.rawValue, p.source.path, String(p.source.line), p.year.map(String.init), p.name, p.code,
            p.agency, p.agencyResolved, p.localAgency, p.unit,
            number(p.funds.initialBudget.value), number(p.funds.budget.value), number(p.funds.executed.value),
            number(p.funds.statedRate.value), number(p.funds.rate), number(p.funds.weight.value),
            number(p.funds.score.value), number(p.totalScore.value),
            p.totalScore.printed.isEmpty ? nil : p.totalScore.printed,
            String(p.goals.count), String(p.indicators.count), p.notes,
        ])
        return csv.take()
    }

    /// One row per indicator of `projects`.
    public static func indicatorsCSV(_ projects: [Project]) -> String {
        whole { indicatorsCSV(projects, emit: $0) }
    }

    /// The same, handed to `emit` in pieces (a project's indicators at a time).
    public static func indicatorsCSV(_ projects: [Project], emit: (String) -> Void) {
        table(header: indicatorsHeader, projects, rows: indicatorRows, emit: emit)
    }

    static let indicatorsHeader = [
        "projectId", "path", "line", "level1", "level2", "name", "target", "actual", "weight", "score",
        "deviation", "description", "basis",
    ]

    /// One project's rows of the indicators table, each CRLF-terminated ("" when it has none).
    static func indicatorRows(_ p: Project) -> String { String(decoding: indicatorRowBytes(p), as: UTF8.self) }

    /// The same rows as UTF-8, each indicator's fields read in place (not copied out).
    static func indicatorRowBytes(_ p: Project) -> [UInt8] {
        var csv = CSVWriter()
        for n in p.indicators.indices {
            csv.field(p.id); csv.field(p.source.path); csv.field(String(p.indicators[n].line))
            csv.field(p.indicators[n].level1); csv.field(p.indicators[n].level2); csv.field(p.indicators[n].name)
            csv.field(p.indicators[n].target); csv.field(p.indicators[n].actual)
            csv.field(p.indicators[n].weight.isBlank ? nil : p.indicators[n].weight.printed)
            csv.field(p.indicators[n].score.isBlank ? nil : p.indicators[n].score.printed)
            csv.field(p.indicators[n].deviation); csv.field(p.indicators[n].description); csv.field(p.indicators[n].basis)
            csv.endRow()
        }
        return csv.bytes
    }

    private static func number(_ d: Double?) -> String? { d.map(JSONValue.format) }
}
