/// How serious a diagnostic is.
public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
    case error, warning, info

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .info: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// Something the reader could not take in as data, or an oddity worth a person's look,
/// always tied to the line of the submission it is about.
public struct Diagnostic: Sendable, Equatable, Hashable, Codable {
    /// 1-based line in the document; 0 when the diagnostic is about the whole file.
    public var line: Int
    public var severity: Severity
    public var message: String

    public init(line: Int, severity: Severity, message: String) {
        self.line = line
        self.severity = severity
        self.message = message
    }

    /// `path:line: severity: message`, the form compilers use, so editors can jump to it.
    public func formatted(path: String) -> String {
        "\(path):\(line): \(severity.rawValue): \(message)"
    }
}

/// Collects diagnostics while a document is read; the reader never stops at the first.
public struct DiagnosticLog: Sendable {
    public private(set) var items: [Diagnostic] = []

    public init() {}

    public mutating func error(_ line: Int, _ message: String) {
        items.append(Diagnostic(line: line, severity: .error, message: message))
    }

    public mutating func warning(_ line: Int, _ message: String) {
        items.append(Diagnostic(line: line, severity: .warning, message: message))
    }

    public mutating func info(_ line: Int, _ message: String) {
        items.append(Diagnostic(line: line, severity: .info, message: message))
    }

    public mutating func append(contentsOf other: [Diagnostic]) {
        items.append(contentsOf: other)
    }
}
