import Foundation

/// Writes the finished site beside the old one and swaps it in: a build that fails or is
/// killed midway leaves the previous `site/` whole.
public enum SiteWriter {
    public enum WriteError: Error, CustomStringConvertible {
        case unsafePath(String)
        case io(String)

        public var description: String {
            switch self {
            case .unsafePath(let p): "refusing to write \(p): outside the site folder"
            case .io(let m): m
            }
        }
    }

    /// Writes `files` (site-relative path → bytes) as the new content of `output`.
    public static func publish(_ files: [String: Data], to output: String) throws {
        let fm = FileManager.default
        let outputURL = URL(fileURLWithPath: output).standardizedFileURL
        let parent = outputURL.deletingLastPathComponent()
        let name = outputURL.lastPathComponent
        let staging = parent.appendingPathComponent(".\(name).new-\(ProcessInfo.processInfo.processIdentifier)")
        let previous = parent.appendingPathComponent(".\(name).old-\(ProcessInfo.processInfo.processIdentifier)")
        try? fm.removeItem(at: staging)
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            for (path, data) in files.sorted(by: { $0.key < $1.key }) {
                guard isSafe(path) else { throw WriteError.unsafePath(path) }
                let url = staging.appendingPathComponent(path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
            if fm.fileExists(atPath: outputURL.path) {
                try fm.moveItem(at: outputURL, to: previous)
            }
            try fm.moveItem(at: staging, to: outputURL)
            try? fm.removeItem(at: previous)
        } catch {
            try? fm.removeItem(at: staging)
            if !fm.fileExists(atPath: outputURL.path), fm.fileExists(atPath: previous.path) {
                try? fm.moveItem(at: previous, to: outputURL)
            }
            throw error
        }
    }

    /// Relative, no `..`, no absolute path, no empty component.
    static func isSafe(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.contains("\\")
            && path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0 != ".." && $0 != "." }
    }
}
