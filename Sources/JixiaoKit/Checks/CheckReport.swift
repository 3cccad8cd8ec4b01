import Foundation

/// What `jixiao check` prints: every rule finding and every reading diagnostic, by path and
/// line, with a summary. Form-reported issues (what a form says of itself) are not problems
/// with the form and are left to the site.
public struct CheckReport: Sendable {
    public struct Line: Sendable, Equatable {
        public var path: String
        public var line: Int
        public var severity: Severity
        /// A rule id, or `read` for what the reader could not take in.
        public var rule: String
        public var message: String
        public var projectID: String?

        public var formatted: String { "\(path):\(line): \(severity.rawValue): \(rule): \(message)" }
    }

    public var forms = 0
    public var documents = 0
    public var lines: [Line] = []

    /// Checks a corpus with the given settings.
    public init(corpus: Corpus, settings: CheckSettings = CheckSettings()) {
        let ledger = Ledger(corpus: corpus, categories: Categories(list: []), settings: settings)
        documents = corpus.documents.count
        forms = corpus.documents.map(\.forms).reduce(0, +)
        for doc in corpus.documents {
            for d in doc.diagnostics {
                lines.append(Line(path: doc.path, line: d.line, severity: d.severity, rule: "read", message: d.message))
            }
        }
        for p in ledger.records {
            for f in ledger.findings(of: p) where f.origin == .check {
                lines.append(Line(path: f.path, line: f.line, severity: f.severity, rule: f.kind, message: f.message, projectID: p.id))
            }
        }
        lines.sort { ($0.path, $0.line, $0.severity, $0.rule) < ($1.path, $1.line, $1.severity, $1.rule) }
    }

    public func count(_ severity: Severity) -> Int { lines.filter { $0.severity == severity }.count }

    /// 1 when any finding is an error, else 0.
    public var exitStatus: Int32 { count(.error) > 0 ? 1 : 0 }

    public var summary: String {
        "\(documents) 个文件，\(forms) 张表：错误 \(count(.error))，警告 \(count(.warning))，提示 \(count(.info))"
    }

    public var text: String {
        lines.map(\.formatted).joined(separator: "\n") + (lines.isEmpty ? "" : "\n") + summary + "\n"
    }

    public var json: JSONValue {
        .object([
            ("documents", .number(Double(documents))),
            ("forms", .number(Double(forms))),
            ("summary", .object(Severity.allCases.map { ($0.rawValue, .number(Double(count($0)))) })),
            ("findings", .array(lines.map { l in
                .object([("path", .string(l.path)), ("line", .number(Double(l.line))), ("severity", .string(l.severity.rawValue)),
                         ("rule", .string(l.rule)), ("message", .string(l.message)), ("project", .string(l.projectID))])
            })),
        ])
    }
}
