import Foundation

/// All submissions read: documents, projects and department goals, in path order.
public struct Corpus: Sendable {
    public var documents: [Document] = []
    public var projects: [Project] = []
    public var departments: [Department] = []

    public init() {}

    public mutating func add(_ submission: Submission) {
        documents.append(submission.document)
        projects.append(contentsOf: submission.projects)
        departments.append(contentsOf: submission.departments)
    }

    /// Every submission under `content/submissions` (sidecars and hidden files skipped), sorted by path.
    public static func load(content: String) -> Corpus {
        let folder = submissionsFolder(of: content)
        return load(files: submissionFiles(in: folder), in: folder)
    }

    /// A content folder's `submissions` folder.
    public static func submissionsFolder(of content: String) -> String {
        (content as NSString).appendingPathComponent("submissions")
    }

    /// The given files, in the order given (`folder`: the submissions folder they are in,
    /// if any: project ids are made relative to it).
    public static func load(files: [String], in folder: String? = nil) -> Corpus {
        var corpus = Corpus()
        for submission in files.parallelMap({ SubmissionReader.read(path: $0, displayPath: $0, in: folder) }) { corpus.add(submission) }
        return corpus
    }

    /// Submission files in a folder, recursively, sorted; `.yml`/`.yaml` are sidecars, not
    /// submissions, `.md` notes. Hidden files and folders (`.git`, `.DS_Store`) are skipped;
    /// a link to a file counts as the file, a link to a folder is not followed. A name that
    /// is not UTF-8 is listed with U+FFFD in it, so the file is reported, not lost. Read with
    /// readdir (every rebuild lists the whole folder; Foundation's enumerator took 15 ms of
    /// a 10,000-form rebuild).
    public static func submissionFiles(in folder: String) -> [String] {
        listing(of: folder).files
    }

    /// `submissionFiles`, and the sidecar files (`.yml`, `.yaml`) found beside them, by path.
    static func listing(of folder: String) -> (files: [String], sidecars: Set<String>) {
        var files: [String] = []
        var sidecars: Set<String> = []
        func walk(_ dir: String) {
            guard let handle = opendir(dir) else { return }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name.hasPrefix(".") { continue }
                let full = dir + "/" + name
                var type = Int32(entry.pointee.d_type)
                if type == Int32(DT_UNKNOWN) || type == Int32(DT_LNK) {
                    var info = stat()
                    guard stat(full, &info) == 0 else { continue }
                    let isFolder = (info.st_mode & S_IFMT) == S_IFDIR
                    if isFolder && type == Int32(DT_LNK) { continue }   // a linked folder is not followed
                    type = isFolder ? Int32(DT_DIR) : (info.st_mode & S_IFMT) == S_IFREG ? Int32(DT_REG) : Int32(DT_UNKNOWN)
                }
                if type == Int32(DT_DIR) { walk(full); continue }
                guard type == Int32(DT_REG) else { continue }
                let ext = extensionKind(name)
                if ext == .sidecar { sidecars.insert(full); continue }
                if ext == .note { continue }
                files.append(full)
            }
        }
        walk(folder)
        return (files.sorted(), sidecars)
    }

    private enum ExtensionKind { case sidecar, note, other }

    /// What a file name's extension (after its last dot, any case) makes it: `yml`/`yaml` a
    /// sidecar, `md` a note. Read on the name's bytes (a bridged NSString's `pathExtension`
    /// took a microsecond and a half per file).
    private static func extensionKind(_ name: String) -> ExtensionKind {
        let utf8 = name.utf8
        guard let dot = utf8.lastIndex(of: UInt8(ascii: ".")) else { return .other }
        let ext = utf8[utf8.index(after: dot)...].map { $0 | 0x20 }
        if ext == Array("yml".utf8) || ext == Array("yaml".utf8) { return .sidecar }
        return ext == Array("md".utf8) ? .note : .other
    }

    /// All diagnostics as `path:line: severity: message`, by path then line.
    public var diagnosticLines: [String] { Self.diagnosticLines(documents) }

    /// The documents' diagnostics as `path:line: severity: message`, in document then line order.
    static func diagnosticLines(_ documents: [Document]) -> [String] {
        documents.flatMap { doc in doc.diagnostics.map { $0.formatted(path: doc.path) } }
    }
}
