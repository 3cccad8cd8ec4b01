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
        load(files: submissionFiles(in: (content as NSString).appendingPathComponent("submissions")))
    }

    /// The given files, in the order given.
    public static func load(files: [String]) -> Corpus {
        var corpus = Corpus()
        for submission in files.parallelMap({ SubmissionReader.read(path: $0, displayPath: $0) }) { corpus.add(submission) }
        return corpus
    }

    /// Submission files in a folder, recursively, sorted; `.yml`/`.yaml` are sidecars, not submissions.
    public static func submissionFiles(in folder: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        var files: [String] = []
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") { continue }
            let ext = (name as NSString).pathExtension.lowercased()
            if ["yml", "yaml", "md"].contains(ext) { continue }
            let full = (folder as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(full)
            }
        }
        return files.sorted()
    }

    /// All diagnostics as `path:line: severity: message`, by path then line.
    public var diagnosticLines: [String] { Self.diagnosticLines(documents) }

    /// The documents' diagnostics as `path:line: severity: message`, in document then line order.
    static func diagnosticLines(_ documents: [Document]) -> [String] {
        documents.flatMap { doc in doc.diagnostics.map { $0.formatted(path: doc.path) } }
    }
}
