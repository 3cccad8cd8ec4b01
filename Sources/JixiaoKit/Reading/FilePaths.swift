import SystemPackage

/// A file path's pieces, by swift-system's `FilePath`. Foundation's `NSString` path methods
/// bridge and cast their way through some 26,000 instructions for one extension, and a
/// rebuild asks for the sidecars of every submission.
enum FilePaths {
    /// The path without its last component's extension: `a/b.txt` → `a/b`, `a/.yml` → `a/.yml`.
    static func removingExtension(_ path: String) -> String {
        var p = FilePath(path)
        p.extension = nil
        return p.string
    }

    /// The last component's extension (`txt`), nil when it has none.
    static func fileExtension(_ path: String) -> String? { FilePath(path).extension }

    /// The last component without its extension: `a/b.txt` → `b`.
    static func stem(_ path: String) -> String { FilePath(path).stem ?? "" }
}
