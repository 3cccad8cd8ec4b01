import CJixiaoSystem
import Foundation

/// `jixiao build`: the whole pipeline, one named step after another.
/// model → categories → findings → Markdown pages → libcmark → theme → site/.
public struct SiteBuilder {
    public struct Options: Sendable {
        public var content: String
        public var theme: String
        public var output: String

        /// Reuse `.jixiao-cache/` beside the output: re-read only changed submissions.
        public var useCache: Bool

        public init(content: String = "Content", theme: String = "Theme", output: String = "site", useCache: Bool = true) {
            self.content = content
            self.theme = theme
            self.output = output
            self.useCache = useCache
        }
    }

    /// What a build did, for the summary line and for tests.
    public struct Report: Sendable {
        public var documents = 0
        public var projects = 0
        public var pages = 0
        public var files = 0
        /// Files written this build, and files left as they were (content unchanged).
        public var written = 0
        public var unchanged = 0
        /// Submissions parsed this build, and submissions taken from the cache.
        public var submissionsRead = 0
        public var submissionsReused = 0
        public var findings = 0
        /// CPU seconds spent turning Markdown into pages (libcmark and the theme), all threads.
        public var renderCPU = 0.0
        /// Each step's process CPU seconds (all threads) and wall seconds, in order.
        public var timings: [(step: String, cpu: Double, wall: Double)] = []
        /// Every diagnostic, `path:line: severity: message`.
        public var diagnostics: [String] = []
    }

    /// What the build is doing: a step starting, or how far a long step has got.
    public enum ProgressEvent: Sendable {
        case step(String)
        case count(String, done: Int, total: Int)
    }

    /// Receives progress; step names show in progress output and in errors.
    public typealias Progress = (ProgressEvent) -> Void

    public let options: Options

    public init(options: Options) { self.options = options }

    /// Runs every step; throws only when the site cannot be written (theme missing, disk error).
    /// Bad submissions never stop a build: they are diagnostics.
    public func build(progress outer: Progress = { _ in }) throws -> Report {
        let cache = options.useCache ? BuildCache.beside(output: options.output) : nil
        var clock = StepClock()
        var report = Report()
        func progress(_ event: ProgressEvent) {
            if case .step(let name) = event { clock.start(name, into: &report.timings) }
            outer(event)
        }
        defer { clock.start(nil, into: &report.timings) }
        progress(.step("read submissions"))
        let corpus = Corpus.load(content: options.content, cache: cache) { done, total in
            progress(.count("documents read", done: done, total: total))
        }
        report.submissionsRead = cache?.submissionsRead ?? corpus.documents.count
        report.submissionsReused = cache?.submissionsReused ?? 0
        report.documents = corpus.documents.count
        report.diagnostics += corpus.diagnosticLines
        // Reading leaves freed rows and cells between the strings it keeps: give those pages
        // back before the next step allocates (peak memory at national scale).
        jixiao_release_free_memory()

        progress(.step("load settings"))
        var settingsLog = DiagnosticLog()
        let config = SiteConfig.load(path: (options.content as NSString).appendingPathComponent("site.yml"), log: &settingsLog)
        report.diagnostics += settingsLog.items.map { $0.formatted(path: (options.content as NSString).appendingPathComponent("site.yml")) }
        var categoriesLog = DiagnosticLog()
        let categoriesPath = (options.content as NSString).appendingPathComponent("categories.yml")
        let categories = Categories.load(path: categoriesPath, log: &categoriesLog)
        report.diagnostics += categoriesLog.items.map { $0.formatted(path: categoriesPath) }
        var pagesLog = DiagnosticLog()
        let handWritten = HandWrittenPages.load(folder: (options.content as NSString).appendingPathComponent("pages"), log: &pagesLog)
        report.diagnostics += pagesLog.items.map { $0.formatted(path: options.content + "/pages") }

        progress(.step("load theme"))
        let theme = try Theme(directory: options.theme)

        progress(.step("arrange projects and findings"))
        let ledger = Ledger(corpus: corpus, categories: categories, settings: config.checks)
        let site = SiteContext(ledger: ledger, config: config)
        jixiao_release_free_memory()
        report.projects = ledger.records.count
        report.findings = ledger.findings.count

        let staged = try StagedSite(output: options.output, previous: cache?.outputs ?? [:])
        do {
            var navigation: [(title: String, path: String, section: Page.Section)] = [
                ("首页", Paths.home, .home), ("主管部门", Paths.agencies, .agencies), ("支出分类", Paths.categories, .categories),
                ("问题清单", Paths.issues, .issues), ("检查规则", Paths.rules, .issues), ("搜索", Paths.search, .search),
            ]
            navigation += handWritten.map { ($0.title, $0.path, .about) }
            let nav = navigation
            var pagePaths: [String] = []
            let renderClock = CPUAccumulator()
            /// Renders pages on both cores and writes each, with its Markdown, as soon as it is done.
            func emit(_ pages: [Page]) throws {
                let errors = pages.parallelMap { page -> String? in
                    do {
                        try staged.write(Paths.markdown(of: page.path), "# \(Markdown.text(page.title))\n\n" + page.markdown)
                        let started = StepClock.threadCPU()
                        let html = theme.render(page, body: CMark.html(page.markdown), site: site, navigation: nav)
                        renderClock.add(StepClock.threadCPU() - started)
                        try staged.write(page.path, html)
                        return nil
                    } catch {
                        return "\(page.path): \(error)"
                    }
                }
                if let error = errors.compactMap({ $0 }).first { throw SiteWriter.WriteError.io(error) }
                pagePaths += pages.map(\.path)
            }

            progress(.step("write and render pages"))
            var overview = [HomePage.make(site), AgencyPages.index(site), CategoryPages.index(site),
                            RulesPage.make(site), SearchPage.make(site), ChangesPage.make(site)]
            overview += handWritten
            try emit(overview)
            try IssuesPage.make(site, emit: emit)
            try AgencyPages.pages(site, emit: emit)
            try emit(CategoryPages.pages(site))
            jixiao_release_free_memory()
            // Project pages in batches, so memory does not grow with the number of projects.
            let batch = 512
            for start in stride(from: 0, to: corpus.projects.count, by: batch) {
                let projects = Array(corpus.projects[start..<min(start + batch, corpus.projects.count)])
                try emit(projects.parallelMap { ProjectPage.make($0, site: site) })
                progress(.count("project pages", done: min(start + batch, corpus.projects.count), total: corpus.projects.count))
            }
            report.pages = pagePaths.count
            report.renderCPU = renderClock.total

            progress(.step("write data files"))
            try staged.write("data/projects.json", streaming: { emit in corpus.writeJSON(emit) })
            // The tables are independent of each other: made and written on every core.
            let diagnostics = report.diagnostics
            var tables: [@Sendable () throws -> Void] = [
                { try staged.write("data/projects.csv", streaming: { emit in Corpus.projectsCSV(records: ledger.records) { emit(Array($0.utf8)) } }) },
                { try staged.write("data/indicators.csv", streaming: { emit in Corpus.indicatorsCSV(corpus.projects) { emit(Array($0.utf8)) } }) },
                { try staged.write("data/diagnostics.txt", diagnostics.joined(separator: "\n") + (diagnostics.isEmpty ? "" : "\n")) },
            ]
            for (agency, projects) in ledger.byAgency {
                tables.append { try staged.write(site.paths.agencyCSV(agency), Corpus.projectsCSV(records: projects)) }
            }
            let failures = tables.parallelMap { table -> String? in
                do { try table(); return nil } catch { return "\(error)" }
            }
            if let failure = failures.compactMap({ $0 }).first { throw SiteWriter.WriteError.io(failure) }

            progress(.step("copy assets and search index"))
            for asset in theme.assets { try staged.write("assets/" + asset.path, asset.data) }
            try staged.write("assets/search-index.js", SearchIndex.script(site))
            try staged.write(Paths.feed, Feed.xml(site, bodies: ledger.revisions.changes.map {
                CMark.html(ChangesPage.summary($0, from: Paths.changes, site: site))
            }))
            if !config.baseURL.isEmpty {
                try staged.write("sitemap.xml", Sitemap.xml(pages: pagePaths, baseURL: config.baseURL))
            }

            progress(.step("publish \(options.output)"))
            let outcome = try staged.commit()
            cache?.save(outputs: outcome.fingerprints)
            report.files = outcome.fingerprints.count
            report.written = outcome.written
            report.unchanged = outcome.unchanged
        } catch {
            staged.abandon()
            throw error
        }
        clock.start(nil, into: &report.timings)
        return report
    }
}

/// sitemap.xml, when the site knows its address.
enum Sitemap {
    static func xml(pages: [String], baseURL: String) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in pages.sorted() {
            out += "  <url><loc>\(Markdown.html(baseURL + page))</loc></url>\n"
        }
        return out + "</urlset>\n"
    }
}

/// Process CPU time (every thread) and wall time per build step.
struct StepClock {
    private var current: (name: String, cpu: Double, wall: Double)?

    mutating func start(_ name: String?, into timings: inout [(step: String, cpu: Double, wall: Double)]) {
        let cpu = Self.processCPU(), wall = Self.wall()
        if let c = current { timings.append((c.name, cpu - c.cpu, wall - c.wall)) }
        current = name.map { ($0, cpu, wall) }
    }

    static func processCPU() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    static func threadCPU() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    static func wall() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}

/// Sums CPU seconds reported from several threads.
final class CPUAccumulator: @unchecked Sendable {
    private let lock = NSLock()
    private var sum = 0.0

    func add(_ seconds: Double) {
        lock.lock()
        sum += seconds
        lock.unlock()
    }

    var total: Double {
        lock.lock()
        defer { lock.unlock() }
        return sum
    }
}
