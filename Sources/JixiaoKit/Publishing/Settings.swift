import Foundation

/// `site.yml` and `categories.yml` as a build read them, and what it said about them.
struct Settings: Equatable {
    var config = SiteConfig()
    var categories = Categories(list: [])
    var configDiagnostics: [Diagnostic] = []
    var categoryDiagnostics: [Diagnostic] = []

    /// Reads the two files of a content folder. With a cache file, they are taken from it
    /// (unless `reuse` is false) while the program and both files' bytes are what they were
    /// when it was written, and it is written anew when they are not (best effort). Reading hundreds of category rules
    /// through Yams, and Yams's patterns for site.yml, were a thirtieth of a +1 rebuild at
    /// 10,000 forms; decoding them takes a few hundredths of that.
    static func load(content: String, cache: String? = nil, reuse: Bool = true) -> Settings {
        let files = Files(content: content)
        if reuse, let cache, let settings = cached(files, cache: cache) { return settings }
        var settings = Settings()
        var log = DiagnosticLog()
        settings.config = SiteConfig.load(data: files.config, log: &log)
        settings.configDiagnostics = log.items
        log = DiagnosticLog()
        settings.categories = Categories.load(data: files.categories, log: &log)
        settings.categoryDiagnostics = log.items
        if let cache { settings.save(to: cache, key: files.key) }
        return settings
    }

    /// The settings in the cache file for a content folder as it is now; nil when there are
    /// none for it (no file, another program or other bytes, or a file `save` did not write).
    static func cached(content: String, cache: String) -> Settings? { cached(Files(content: content), cache: cache) }

    private static func cached(_ files: Files, cache: String) -> Settings? {
        guard let saved = FileManager.default.contents(atPath: cache) else { return nil }
        return saved.withUnsafeBytes { decode($0, key: files.key) }
    }

    /// The two files' bytes, and the key of those bytes as this program reads them.
    private struct Files {
        let config: Data?
        let categories: Data?
        let key: UInt64

        init(content: String) {
            config = FileManager.default.contents(atPath: (content as NSString).appendingPathComponent("site.yml"))
            categories = FileManager.default.contents(atPath: (content as NSString).appendingPathComponent("categories.yml"))
            var f = Fingerprint()
            f.field(Settings.format)
            FileSignature.addProgram(to: &f)
            for data in [config, categories] {
                if let data { f.field(data.count); f.add(data) } else { f.field(-1) }
            }
            key = f.value
        }
    }

    static let format = "jixiao-settings-1"

    private func save(to path: String, key: UInt64) {
        var w = StateWriter()
        w.string(Self.format)
        w.uint64(key)
        let c = config
        w.string(c.title); w.string(c.description); w.string(c.baseURL); w.int(c.issuesPerPage)
        w.double(c.checks.lowExecution)
        w.array(c.checks.weights.sorted { $0.key < $1.key }) { w, e in w.string(e.key); w.double(e.value) }
        w.double(c.checks.amountTolerance); w.double(c.checks.rateTolerance); w.double(c.checks.scoreTolerance)
        w.array(categories.list) { w, x in
            w.string(x.name); w.string(x.slug); w.string(x.description)
            w.array(x.keywords) { $0.string($1) }
            w.array(x.codes) { $0.string($1) }
        }
        for list in [configDiagnostics, categoryDiagnostics] {
            w.array(list) { w, d in
                w.int(d.line); w.int(Severity.allCases.firstIndex(of: d.severity)!); w.string(d.message)
            }
        }
        // Written beside and renamed into place: a reader sees the old file or the new one.
        let temporary = path + ".new-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: temporary, contents: Data(w.bytes)),
              rename(temporary, path) == 0 else {
            unlink(temporary)
            return
        }
    }

    /// The settings in `bytes` when they were saved for `key`; nil otherwise, or when the
    /// bytes are not what `save` writes.
    private static func decode(_ bytes: UnsafeRawBufferPointer, key: UInt64) -> Settings? {
        var r = StateReader(bytes)
        guard (try? r.string()) == format, (try? r.uint64()) == key else { return nil }
        var s = Settings()
        do {
            s.config.title = try r.string()
            s.config.description = try r.string()
            s.config.baseURL = try r.string()
            s.config.issuesPerPage = try r.int()
            s.config.checks.lowExecution = try r.double()
            let weights = try r.array { r in (try r.string(), try r.double()) }
            s.config.checks.weights = Dictionary(weights, uniquingKeysWith: { _, b in b })
            s.config.checks.amountTolerance = try r.double()
            s.config.checks.rateTolerance = try r.double()
            s.config.checks.scoreTolerance = try r.double()
            s.categories = Categories(list: try r.array { r in
                Category(name: try r.string(), slug: try r.string(), description: try r.optionalString(),
                         keywords: try r.array { try $0.string() }, codes: try r.array { try $0.string() })
            })
            func diagnostics(_ r: inout StateReader) throws -> [Diagnostic] {
                try r.array { r in
                    let line = try r.int(), severity = try r.int()
                    guard Severity.allCases.indices.contains(severity) else { throw StateReader.Malformed() }
                    return Diagnostic(line: line, severity: Severity.allCases[severity], message: try r.string())
                }
            }
            s.configDiagnostics = try diagnostics(&r)
            s.categoryDiagnostics = try diagnostics(&r)
        } catch {
            return nil
        }
        return r.isAtEnd ? s : nil
    }
}
