import CJixiaoSystem
import Foundation

/// Writes the finished site beside the old one and swaps it in with one atomic exchange:
/// a build that fails or is killed at any point leaves the previous `site/` whole.
/// Files whose content did not change are hard-linked from the old site, not rewritten.
public enum SiteWriter {
    public enum WriteError: Error, CustomStringConvertible {
        case unsafePath(String)

        public var description: String {
            switch self {
            case .unsafePath(let p): "refusing to write \(p): outside the site folder"
            }
        }
    }

    /// What a publish did.
    public struct Outcome: Sendable {
        public var written = 0
        public var unchanged = 0
        /// Fingerprints of everything now in the site.
        public var fingerprints: [String: String] = [:]
    }

    /// Writes `files` (site-relative path → bytes) as the new content of `output`.
    /// `previous` holds the fingerprints of what the last publish wrote there.
    @discardableResult
    public static func publish(_ files: [String: Data], to output: String, previous: [String: String] = [:]) throws -> Outcome {
        let fm = FileManager.default
        let outputURL = URL(fileURLWithPath: output).standardizedFileURL
        let parent = outputURL.deletingLastPathComponent()
        let name = outputURL.lastPathComponent
        let staging = parent.appendingPathComponent(".\(name).new-\(ProcessInfo.processInfo.processIdentifier)")
        removeLeftovers(in: parent, name: name)
        var outcome = Outcome()
        let hadOutput = fm.fileExists(atPath: outputURL.path)
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            var folders: Set<String> = []
            for (path, data) in files.sorted(by: { $0.key < $1.key }) {
                guard isSafe(path) else { throw WriteError.unsafePath(path) }
                let url = staging.appendingPathComponent(path)
                let folder = url.deletingLastPathComponent().path
                if folders.insert(folder).inserted { try fm.createDirectory(atPath: folder, withIntermediateDirectories: true) }
                let fingerprint = Digest.hex(data)
                outcome.fingerprints[path] = fingerprint
                let old = outputURL.appendingPathComponent(path)
                if hadOutput, previous[path] == fingerprint, (try? fm.linkItem(at: old, to: url)) != nil {
                    outcome.unchanged += 1
                    continue
                }
                try data.write(to: url)
                outcome.written += 1
            }
            if hadOutput {
                if jixiao_exchange(staging.path, outputURL.path) == 0 {
                    try? fm.removeItem(at: staging)            // now the old site
                } else {
                    let old = parent.appendingPathComponent(".\(name).old-\(ProcessInfo.processInfo.processIdentifier)")
                    try fm.moveItem(at: outputURL, to: old)
                    try fm.moveItem(at: staging, to: outputURL)
                    try? fm.removeItem(at: old)
                }
            } else {
                try fm.moveItem(at: staging, to: outputURL)
            }
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
        return outcome
    }

    /// Staging folders of builds that were killed before they could clean up.
    static func removeLeftovers(in parent: URL, name: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for entry in entries where entry.hasPrefix(".\(name).new-") || entry.hasPrefix(".\(name).old-") {
            let pid = Int32(entry.split(separator: "-").last ?? "") ?? 0
            if pid != ProcessInfo.processInfo.processIdentifier, pid > 0, kill(pid, 0) != 0 {
                try? FileManager.default.removeItem(at: parent.appendingPathComponent(entry))
            }
        }
    }

    /// Relative, no `..`, no absolute path, no empty component.
    static func isSafe(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.contains("\\")
            && path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0 != ".." && $0 != "." }
    }
}
