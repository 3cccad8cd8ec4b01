import Foundation

/// Everything read from one submission file.
public struct Submission: Sendable, Codable {
    public var document: Document
    public var projects: [Project]
    public var departments: [Department]
}

/// One file → a document record, its projects and department goals, and diagnostics
/// for everything that could not be read. Never throws: an unreadable file is a diagnostic.
public enum SubmissionReader {
    /// Reads the file at `path` (shown as `displayPath` in output), with its sidecar if any.
    /// `folder`: the submissions folder it was found in, which its projects' ids are made
    /// relative to (see `idStem(relativePath:)`); nil for a file given on its own.
    public static func read(path: String, displayPath: String, in folder: String? = nil) -> Submission {
        read(path: path, displayPath: displayPath, in: folder, contents: FileManager.default.contents(atPath: path))
    }

    /// The same, with the file's bytes already read (nil: it could not be).
    static func read(path: String, displayPath: String, in folder: String? = nil, contents: Data?) -> Submission {
        let relative = folder.flatMap { path.hasPrefix($0 + "/") ? String(path.dropFirst($0.count + 1)) : nil }
        let stem = relative.map { idStem(relativePath: $0) } ?? idStem(displayPath)
        var log = DiagnosticLog()
        let sidecar = loadSidecar(for: path, displayPath: displayPath, log: &log)
        guard let data = contents else {
            // The folder listing shows a name that is not UTF-8 with U+FFFD in it: no such path.
            if path.unicodeScalars.contains("\u{FFFD}") {
                log.error(1, "the file name is not valid UTF-8 (shown with �), so the file cannot be opened; rename it")
            } else {
                log.error(1, "cannot read the file (missing, a folder, or no permission)")
            }
            return empty(displayPath, log: log, sidecar: sidecar)
        }
        return read(bytes: [UInt8](data), displayPath: displayPath, sidecar: sidecar, log: log, idStem: stem)
    }

    /// Reads bytes already in memory (tests, stdin).
    public static func read(bytes: [UInt8], displayPath: String, sidecar: Sidecar?,
                            log initial: DiagnosticLog = DiagnosticLog(), idStem given: String? = nil) -> Submission {
        var log = initial
        if bytes.isEmpty {
            log.warning(1, "the file is empty; no forms")
            return empty(displayPath, log: log, sidecar: sidecar)
        }
        if looksBinary(bytes) {
            log.error(1, "not a text export (binary content, e.g. a .docx or .xlsx); save the document as plain text")
            return empty(displayPath, log: log, sidecar: sidecar)
        }
        let decoded = TextDecoder.decode(bytes)
        for line in decoded.badLines {
            log.error(line, "bytes that are not valid \(decoded.encoding.rawValue) replaced by �; values on this line may be wrong")
        }
        var (layout, rows) = GridReader.read(decoded.text)
        let (preamble, slices) = FormSplitter.split(rows)
        rows = []

        var projects: [Project] = []
        var departments: [Department] = []
        let stem = given ?? idStem(displayPath)
        let documentYear = slices.first { $0.kind == .department }
            .flatMap { FormText.year(inTitle: $0.rows[0].filled.map(\.text).joined()) }
        for (index, slice) in slices.enumerated() {
            let context = FormContext(path: displayPath, id: stem + (index < 9 ? "-0" : "-") + String(index + 1),
                                      sidecar: sidecar, documentYear: documentYear)
            switch slice.kind {
            case .selfEvaluation: projects.append(SelfEvaluationReader.read(slice, context: context, log: &log))
            case .target: projects.append(TargetTableReader.read(slice, context: context, log: &log))
            case .department: departments.append(DepartmentReader.read(slice, context: context, log: &log))
            }
        }
        if slices.isEmpty {
            let last = preamble.last?.endLine ?? 1
            log.warning(1, "no form found (项目支出绩效自评表, 项目绩效目标表 or 部门整体绩效目标); lines 1–\(last) not read")
        } else {
            for row in preamble where !isPreambleLabel(row) {
                log.warning(row.line, "text before the first form not understood: \(row.preview)")
            }
        }
        if !departments.isEmpty {
            layout = layout == .tabRows ? .proseAndTabRows : (layout == .cellLines ? .proseAndCellLines : layout)
        }
        let document = Document(
            path: displayPath, encoding: decoded.encoding, layout: layout,
            forms: slices.count, diagnostics: log.items.sorted { ($0.line, $0.severity) < ($1.line, $1.severity) },
            preamble: preamble.map { $0.filled.map(\.text).joined(separator: " ") }, sidecar: sidecar)
        return Submission(document: document, projects: projects, departments: departments)
    }

    /// Attachment labels and part headings that sit above the first form: 附件5：, 第一部分.
    private static func isPreambleLabel(_ row: Row) -> Bool {
        let k = Text.key(row.filled.map(\.text).joined())
        return k.range(of: #"^(附件|附表)\d*[:：]?$|^第[一二三四五六七八九十]+部分$"#, options: .regularExpression) != nil
    }

    private static func empty(_ path: String, log: DiagnosticLog, sidecar: Sidecar?) -> Submission {
        Submission(document: Document(path: path, encoding: nil, layout: .empty, forms: 0,
                                      diagnostics: log.items, preamble: [], sidecar: sidecar),
                   projects: [], departments: [])
    }

    /// NUL bytes outside UTF-16 mean a binary file.
    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return false }
        return bytes.prefix(8192).contains(0)
    }

    /// The sidecar beside a submission: `000_x.txt` → `000_x.yml` (or `.yaml`).
    static func loadSidecar(for path: String, displayPath: String, log: inout DiagnosticLog) -> Sidecar? {
        let base = FilePaths.removingExtension(path)
        for ext in ["yml", "yaml"] {
            let sidecarPath = base + "." + ext
            guard let data = FileManager.default.contents(atPath: sidecarPath) else { continue }
            var sidecarLog = DiagnosticLog()
            let yaml = String(decoding: data, as: UTF8.self)
            let sidecar = Sidecar.load(yaml: yaml, log: &sidecarLog)
            for d in sidecarLog.items {
                let shown = FilePaths.removingExtension(displayPath) + "." + ext
                logForeign(&log, d, path: shown)
            }
            return sidecar
        }
        return nil
    }

    /// A sidecar diagnostic is reported on the document, naming the sidecar and its line.
    private static func logForeign(_ log: inout DiagnosticLog, _ d: Diagnostic, path: String) {
        let message = "\(path):\(d.line): \(d.message)"
        switch d.severity {
        case .error: log.error(1, message)
        case .warning: log.warning(1, message)
        case .info: log.info(1, message)
        }
    }

    /// The id stem of a file at `relativePath` in the submissions folder. A `.txt` file
    /// directly in the folder is named by its file name alone (`idStem(_:)`); any other is
    /// that name and a short stable hash of its whole relative path (`x/a.txt` →
    /// `a-ca926edd`), so the same file name in two folders, or `a.txt` beside `a.csv` or `a`,
    /// never gives two forms one id — one page, one link, one record each.
    static func idStem(relativePath: String) -> String {
        if !relativePath.contains("/") && FilePaths.fileExtension(relativePath) == "txt" { return idStem(relativePath) }
        return idStem(relativePath) + "-" + Digest.fnv32(relativePath)
    }

    /// ASCII id stem from the file name: letters, digits, '-' and '_' kept, anything else
    /// replaced by a short stable hash so two Chinese file names never collide.
    static func idStem(_ path: String) -> String {
        let name = FilePaths.stem(path)
        let ascii = name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
        if ascii && !name.isEmpty { return name }
        let kept = String(name.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }.map(Character.init))
        return (kept.isEmpty ? "doc" : kept) + "-" + Digest.fnv32(name)
    }
}
