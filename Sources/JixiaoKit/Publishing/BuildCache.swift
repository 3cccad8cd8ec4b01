import Foundation

/// What the last build read and wrote, kept in `.jixiao-cache/` beside the output folder
/// (gitignored): a rebuild re-reads only submissions whose bytes (or sidecar) changed and
/// rewrites only files whose content changed. Deleting the folder gives a clean build,
/// which produces the same site.
public final class BuildCache: @unchecked Sendable {
    /// Bump when the reader's output for the same bytes changes, so old entries are ignored.
    static let readerVersion = "jixiao-reader-4"

    private let folder: URL
    private let lock = NSLock()
    /// Site-relative output path → content fingerprint, as last published.
    private(set) var outputs: [String: String] = [:]
    public private(set) var submissionsRead = 0
    public private(set) var submissionsReused = 0

    public init(folder: String) {
        self.folder = URL(fileURLWithPath: folder)
        if let data = try? Data(contentsOf: self.folder.appendingPathComponent("outputs.json")),
           let map = try? JSONDecoder().decode([String: String].self, from: data) {
            outputs = map
        }
    }

    /// The cache beside an output folder: `site` → `.jixiao-cache`.
    public static func beside(output: String) -> BuildCache {
        let parent = URL(fileURLWithPath: output).standardizedFileURL.deletingLastPathComponent()
        return BuildCache(folder: parent.appendingPathComponent(".jixiao-cache").path)
    }

    private struct Entry: Codable {
        var key: String
        var submission: Submission
    }

    /// The submission at `path`, from the cache when its bytes and sidecar are unchanged.
    func submission(path: String, displayPath: String) -> Submission {
        let bytes = FileManager.default.contents(atPath: path)
        let sidecarPath = (path as NSString).deletingPathExtension
        let sidecar = FileManager.default.contents(atPath: sidecarPath + ".yml") ?? FileManager.default.contents(atPath: sidecarPath + ".yaml") ?? Data()
        guard let bytes else { return SubmissionReader.read(path: path, displayPath: displayPath) }
        let key = Digest.hex([Data(Self.readerVersion.utf8), Data(displayPath.utf8), bytes, sidecar])
        let file = folder.appendingPathComponent("submissions").appendingPathComponent(Digest.hex(Data(displayPath.utf8)) + ".json")
        if let data = try? Data(contentsOf: file), let entry = try? JSONDecoder().decode(Entry.self, from: data), entry.key == key {
            count(reused: true)
            return entry.submission
        }
        let submission = SubmissionReader.read(path: path, displayPath: displayPath)
        count(reused: false)
        if let data = try? JSONEncoder().encode(Entry(key: key, submission: submission)) {
            try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? data.write(to: file, options: .atomic)
        }
        return submission
    }

    private func count(reused: Bool) {
        lock.lock()
        defer { lock.unlock() }
        if reused { submissionsReused += 1 } else { submissionsRead += 1 }
    }

    /// Records what was published.
    func save(outputs: [String: String]) {
        self.outputs = outputs
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        if let data = try? encoder.encode(outputs) {
            try? data.write(to: folder.appendingPathComponent("outputs.json"), options: .atomic)
        }
    }
}
