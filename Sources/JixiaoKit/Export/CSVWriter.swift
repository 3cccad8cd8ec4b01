import Foundation

/// RFC 4180 CSV: every field quoted when it holds a comma, quote or line break; and a field
/// that a spreadsheet would run as a formula (=, +, -, @, TAB, CR first) prefixed with '.
public struct CSVWriter: Sendable {
    public private(set) var text = ""

    public init(header: [String]) {
        append(header)
    }

    /// A writer with no header, for rows kept apart.
    init() {}

    public mutating func append(_ fields: [String?]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { text += "," }
            text += Self.escape(field ?? "")
        }
        text += "\r\n"
    }

    /// The text so far, which the writer then forgets: for writing a large table in pieces.
    public mutating func take() -> String {
        defer { text = "" }
        return text
    }

    /// The bytes that make a field quoted: , " LF CR.
    private static let needsQuotes = Text.mask(",\"\n\r")

    public static func escape(_ field: String) -> String {
        var f = field
        if let first = f.utf8.first, first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40 || first == 0x09 || first == 0x0D,
           ValueReader.plainNumber(f) == nil {
            f = "'" + f
        }
        if Text.hasByte(f, in: needsQuotes) {
            var quoted: [UInt8] = [0x22]
            for byte in f.utf8 {
                quoted.append(byte)
                if byte == 0x22 { quoted.append(0x22) }
            }
            quoted.append(0x22)
            return String(decoding: quoted, as: UTF8.self)
        }
        return f
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
    static func indicatorRows(_ p: Project) -> String {
        var csv = CSVWriter()
        for i in p.indicators {
            csv.append([
                p.id, p.source.path, String(i.line), i.level1, i.level2, i.name, i.target, i.actual,
                i.weight.isBlank ? nil : i.weight.printed, i.score.isBlank ? nil : i.score.printed,
                i.deviation, i.description, i.basis,
            ])
        }
        return csv.take()
    }

    private static func number(_ d: Double?) -> String? { d.map(JSONValue.format) }
}
