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

        /// False when the process ends right after the build (the command line): the build's
        /// records, findings and states are then left for the exit to reclaim instead of
        /// being freed one by one (a twentieth of a 10,000-form rebuild).
        public var freeAtEnd: Bool

        /// Time the render stage (cmark and the layout) on its own, for `Report.renderCPU`:
        /// a thread's CPU clock is a system call, two per page.
        public var timeRender: Bool

        public init(content: String = "Content", theme: String = "Theme", output: String = "site", useCache: Bool = true,
                    freeAtEnd: Bool = true, timeRender: Bool = false) {
            self.content = content
            self.theme = theme
            self.output = output
            self.useCache = useCache
            self.freeAtEnd = freeAtEnd
            self.timeRender = timeRender
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
        /// Bytes of the data files left in place, not copied (see `Spare.Note`).
        public var leftInPlace = 0
        /// Submissions parsed this build, and submissions taken from the cache.
        public var submissionsRead = 0
        public var submissionsReused = 0
        public var findings = 0
        /// Peer groups (projects of one kind, year and agency) the comparing rules ran on;
        /// the others were as the last build left them and kept its findings.
        public var peerGroupsChecked = 0
        /// Nothing had changed since the last build (no submission, sidecar, setting, page,
        /// theme file or program): the site was left as it was, and the counts are its.
        public var upToDate = false
        /// CPU seconds spent turning Markdown into pages (libcmark and the theme), all threads;
        /// measured only with `Options.timeRender` (0 otherwise).
        public var renderCPU = 0.0
        /// Each step's process CPU seconds (all threads) and wall seconds, in order.
        public var timings: [(step: String, cpu: Double, wall: Double)] = []
        /// Every diagnostic, `path:line: severity: message`.
        public var diagnostics: [String] = []
        /// The diagnostics as `data/diagnostics.txt` holds them and the command line prints
        /// them: a line each.
        public var diagnosticsText: String { diagnostics.isEmpty ? "" : diagnostics.joined(separator: "\n") + "\n" }
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
        var clock = StepClock()
        var report = Report()
        func progress(_ event: ProgressEvent) {
            if case .step(let name) = event { clock.start(name, into: &report.timings) }
            outer(event)
        }
        defer { clock.start(nil, into: &report.timings) }
        let outputURL = URL(fileURLWithPath: options.output).standardizedFileURL
        // One state per output folder (`site` → `.jixiao-cache/site.state`).
        let cache = outputURL.deletingLastPathComponent().appendingPathComponent(".jixiao-cache").path
        let statePath = cache + "/\(outputURL.lastPathComponent).state"
        // A rebuild killed while moving its files in is finished first: the site is whole again.
        SiteWriter.removeLeftovers(in: outputURL.deletingLastPathComponent(), name: outputURL.lastPathComponent)

        progress(.step("load settings"))
        let settings = Settings.load(content: options.content, cache: cache + "/\(outputURL.lastPathComponent).settings",
                                     reuse: options.useCache)
        let config = settings.config, categories = settings.categories
        report.diagnostics += settings.configDiagnostics.map { $0.formatted(path: (options.content as NSString).appendingPathComponent("site.yml")) }
        report.diagnostics += settings.categoryDiagnostics.map { $0.formatted(path: (options.content as NSString).appendingPathComponent("categories.yml")) }
        var pagesLog = DiagnosticLog()
        let handWritten = HandWrittenPages.load(folder: (options.content as NSString).appendingPathComponent("pages"), log: &pagesLog)
        report.diagnostics += pagesLog.items.map { $0.formatted(path: options.content + "/pages") }

        progress(.step("load theme"))
        let theme = try Theme(directory: options.theme)

        // The last build's state: its outputs' fingerprints always (unchanged files are then
        // not rewritten); the rest only when nothing but submissions can have changed.
        progress(.step("read submissions"))
        let environment = BuildEnvironment.fingerprint(options)
        let dataFiles = Self.dataFiles.map { FileSignature.of(outputURL.path + "/" + $0) }
        func usable(_ state: BuildState) -> Bool { state.environment == environment && state.dataFiles == dataFiles && !dataFiles.contains(nil) }
        // The same files with the same signatures as last time, and nothing else changed:
        // the site would come out byte for byte as it is, so it is left as it is, and the
        // report is the last build's (its documents are not even read from the state). A
        // file that cannot be looked at is tried again, as a rebuild always does.
        let inputs = Submissions.list(content: options.content)
        func upToDate(_ state: BuildState) -> Bool { usable(state) && state.inputs == inputs && !inputs.contains { $0.file == nil } }
        let loaded = options.useCache ? BuildState.load(from: statePath, doneAfterHead: upToDate, documentsIf: usable) : nil
        if let loaded, upToDate(loaded) {
            report.upToDate = true
            report.documents = inputs.count
            report.submissionsReused = inputs.count
            report.projects = loaded.outcome.projects
            report.pages = loaded.outcome.pages
            report.findings = loaded.outcome.findings
            report.files = loaded.outcome.files
            report.unchanged = loaded.outcome.files
            report.diagnostics += loaded.outcome.diagnostics
            clock.start(nil, into: &report.timings)
            return report
        }
        let previous = loaded.flatMap { usable($0) ? $0 : nil }
        let folder = Corpus.submissionsFolder(of: options.content)
        let read = Submissions.read(inputs, in: folder, previous: previous, categories: categories, settings: config.checks)
        progress(.count("documents read", done: read.stored.count, total: read.stored.count))
        report.submissionsRead = read.parsed.count
        report.submissionsReused = read.stored.count - read.parsed.count
        report.documents = read.stored.count
        var stored = read.stored
        let ledger: Ledger
        var moved: [String: (before: UInt64, after: UInt64, moved: [String])] = [:]
        let forms = FormStore(parsed: read.parsed, folder: folder)
        let bulk = read.parsed.count > read.stored.count / 10
        func releaseFreeMemory() { if bulk { jixiao_release_free_memory() } }
        // Each submission's content key, by path: what versions and pages are fingerprinted by.
        let keys = Dictionary(stored.map { ($0.path, $0.key) }, uniquingKeysWith: { _, b in b })
        var documentDiagnostics: [String] = []
        var arrangedPrints: [[UInt64]?] = []
        do {
            let arranged = stored.flatMap(\.projects)
            // Held once, by the ledger: the stored copies are made again from it when saving.
            for i in stored.indices { for j in stored[i].projects.indices { stored[i].projects[j].own = [] } }
            documentDiagnostics = Self.diagnosticLines(stored, reread: read.parsed, previous: previous)
            report.diagnostics += documentDiagnostics
            // Reading leaves freed rows and cells between the strings it keeps: give those pages
            // back before the next step allocates (peak memory at national scale). A rebuild
            // that read a few submissions has little to give back, and each page given back
            // is faulted in again by the next step.
            releaseFreeMemory()

            progress(.step("arrange projects and findings"))
            ledger = Ledger(documents: stored.map(\.document), projects: arranged, departments: stored.flatMap(\.departments),
                            categories: categories, settings: config.checks) { a, b in
                let key = Revisions.pairKey(a.id, b.id)
                let (ka, kb) = (keys[a.source.path] ?? 0, keys[b.source.path] ?? 0)
                if let m = previous?.moved[key], m.before == ka, m.after == kb {
                    moved[key] = m
                    return m.moved
                }
                let m = forms.projects([a, b]).map { Revisions.moved($0[0], $0[1]) } ?? []
                moved[key] = (ka, kb, m)
                return m
            }
            arrangedPrints = arranged.map { $0.findingPrints != nil && ledger.keptPeers(of: $0.record) == $0.peers ? $0.findingPrints : nil }
        }
        // The prints of its findings each project of a kept form was saved with, by its
        // position in the ledger, while its findings are the ones it was saved with.
        let knownPrints = arrangedPrints
        var context = SiteContext(ledger: ledger, config: config)
        // A full build lists every finding on four pages: each item is made once, here.
        if previous == nil { context.findingItems = FindingItems(ledger) }
        let site = context
        releaseFreeMemory()
        report.projects = ledger.records.count
        report.findings = ledger.findings.count
        report.peerGroupsChecked = ledger.peerGroupsChecked

        let out: SiteOutput = previous != nil
            ? try PatchedSite(output: options.output, previous: loaded?.outputs ?? OutputFingerprints(), spares: cache + "/\(outputURL.lastPathComponent).spare")
            : try StagedSite(output: options.output, previous: loaded?.outputs ?? OutputFingerprints())
        do {
            let plan = PagePlan(site: site, documentKeys: keys, previous: previous?.pageInputs,
                                known: { r in ledger.slot(of: r).flatMap { knownPrints[$0] } }, keep: { out.keepPage($0, also: $1) })
            var navigation: [(title: String, path: String, section: Page.Section)] = [
                ("首页", Paths.home, .home), ("主管部门", Paths.agencies, .agencies), ("支出分类", Paths.categories, .categories),
                ("问题清单", Paths.issues, .issues), ("检查规则", Paths.rules, .issues), ("搜索", Paths.search, .search),
            ]
            navigation += handWritten.map { ($0.title, $0.path, .about) }
            let nav = navigation
            var pagePaths: [String] = []
            let renderClock = CPUAccumulator(), timeRender = options.timeRender
            /// Renders pages on both cores, a few dozen at a time, then writes them with one thread
            /// for the Markdown copies (all under markdown/) and one for the HTML (never there): the
            /// two never create files in the same folder at once. Creating a file holds its folder's
            /// lock, and with both threads writing both kinds the other one spun on it: 6.6 % of a
            /// 100,000-form build's CPU in `perf` (projects/ has 100,000 pages).
            func emit(_ pages: [Page]) throws {
                let chunkSize = 64
                for start in stride(from: 0, to: pages.count, by: chunkSize) {
                    let chunk = Array(pages[start..<min(start + chunkSize, pages.count)])
                    // The Markdown copy is the page's title line, then its body as it is (written
                    // from both, not joined into a third buffer).
                    let made = chunk.parallelMap { page -> (heading: [UInt8], html: [UInt8]) in
                        var heading = MarkdownBuffer(capacity: page.title.utf8.count + 16)
                        heading += "# "
                        heading.text(page.title)
                        heading += "\n\n"
                        let started = timeRender ? StepClock.threadCPU() : 0
                        let html = page.withBody { markdown in
                            CMark.html(markdown) { theme.render(page, html: $0, site: site, navigation: nav) }
                        }
                        if timeRender { renderClock.add(StepClock.threadCPU() - started) }
                        return (heading.bytes, html)
                    }
                    let failures = [true, false].parallelMap { markdown -> String? in
                        for (page, files) in zip(chunk, made) {
                            do {
                                if markdown {
                                    try files.heading.withUnsafeBytes { heading in
                                        try page.withBody { try out.write(Paths.markdown(of: page.path), head: heading, bytes: $0) }
                                    }
                                } else {
                                    try out.write(page.path, files.html)
                                }
                            } catch {
                                return "\(page.path): \(error)"
                            }
                        }
                        return nil
                    }
                    if let failure = failures.compactMap({ $0 }).first { throw SiteWriter.WriteError.io(failure) }
                }
                pagePaths += pages.map(\.path)
            }

            progress(.step("write and render pages"))
            // The entries of the submissions the changes pages and the feed show, each made
            // once (not those of the archive pages kept from the last build).
            let changes = ledger.revisions.changes
            let prints = changes.parallelMap { ChangesPage.print($0, site: site) }
            let archives = ChangesPage.archivesNeeded(plan: plan, prints: prints)
            let order = ChangesPage.entriesShown(count: changes.count, archives: archives).union(Feed.shown(changes.count)).sorted()
            // An entry whose inputs (its print) are the last build's has the last build's summary.
            let made = order.parallelMap { previous?.summaries[prints[$0]] ?? ChangesPage.summary(changes[$0], from: Paths.changes, site: site) }
            let summaries = Dictionary(uniqueKeysWithValues: zip(order, made))
            var overview = [HomePage.make(site), AgencyPages.index(site), CategoryPages.index(site),
                            RulesPage.make(site), SearchPage.make(site)]
            overview += ChangesPage.pages(site, summaries: summaries, archives: archives)
            overview += handWritten
            try emit(overview)
            try IssuesPage.make(site, plan: plan, emit: emit)
            try AgencyPages.pages(site, plan: plan) { made in
                try emit(made.map(\.page))
                // Each agency's table goes with its page.
                let failures = made.parallelMap { entry -> String? in
                    do { try out.write(site.paths.agencyCSV(entry.agency), Corpus.projectsCSV(records: entry.projects)); return nil } catch { return "\(error)" }
                }
                if let failure = failures.compactMap({ $0 }).first { throw SiteWriter.WriteError.io(failure) }
            }
            try emit(CategoryPages.pages(site, plan: plan))
            releaseFreeMemory()
            // Project pages in batches, so memory does not grow with the number of projects.
            // A shared id has one page, its last record's (the one the id resolves to).
            let needed = ledger.records.filter { ledger.ownsItsID($0) && plan.needs(Paths.project($0.id), plan.project($0)) }
            let batch = 512
            for start in stride(from: 0, to: needed.count, by: batch) {
                let chunk = Array(needed[start..<min(start + batch, needed.count)])
                let projects = forms.projects(chunk) ?? []
                try emit(projects.parallelMap { ProjectPage.make($0, site: site) })
                progress(.count("project pages", done: min(start + batch, needed.count), total: needed.count))
            }
            site.findingItems?.release()
            pagePaths += plan.kept.filter { $0.hasSuffix(".html") && !$0.hasPrefix("markdown/") }
            report.pages = pagePaths.count
            report.renderCPU = renderClock.total

            progress(.step("write data files"))
            try DataFiles.write(out, stored: &stored, forms: forms, site: site)
            try out.write("data/diagnostics.txt", report.diagnosticsText)

            progress(.step("copy assets and search index"))
            for asset in theme.assets { try out.write("assets/" + asset.path, asset.data) }
            try out.write(Paths.feed, Feed.xml(site, summaries: summaries))
            if !config.baseURL.isEmpty {
                try Sitemap.xml(pages: pagePaths, baseURL: config.baseURL).withUnsafeBytes { try out.write("sitemap.xml", bytes: $0) }
            }

            progress(.step("publish \(options.output)"))
            let outcome = try out.commit()
            report.files = outcome.fingerprints.count
            report.written = outcome.written
            report.unchanged = outcome.unchanged
            report.leftInPlace = outcome.leftInPlace
            // What the next build starts from (a build without it is a full build). A document
            // this build took from the last one's state, whose projects' comparing findings are
            // still those it was saved with, is saved again as the same bytes, copied from the
            // loaded state (while its table of shared texts is kept, see `StringTable`); the
            // others are encoded from the ledger.
            let source = previous?.copySource
            for i in stored.indices {
                if source != nil, stored[i].encoded != nil,
                   !stored[i].projects.contains(where: { ledger.keptPeers(of: $0.record) != $0.peers }) { continue }
                stored[i].encoded = nil
                for j in stored[i].projects.indices {
                    let record = stored[i].projects[j].record
                    stored[i].projects[j].own = ledger.ownFindings(of: record)
                    stored[i].projects[j].peers = ledger.keptPeers(of: record)
                    stored[i].projects[j].findingPrints = plan.findingPrints(of: record)
                }
            }
            var state = BuildState()
            state.environment = environment
            state.outcome = BuildState.Outcome(projects: report.projects, pages: report.pages, files: report.files,
                                               findings: report.findings, diagnostics: documentDiagnostics)
            state.documents = stored
            state.source = source
            state.strings = previous?.strings
            state.outputs = outcome.fingerprints
            state.pageInputs = plan.inputs
            state.dataFiles = Self.dataFiles.map { FileSignature.of(outputURL.path + "/" + $0) }
            state.moved = moved
            state.summaries = Dictionary(zip(order.map { prints[$0] }, made), uniquingKeysWith: { a, _ in a })
            try? state.save(to: statePath)
            if !options.freeAtEnd { ProcessLifetime.keep([ledger, stored, state, loaded as Any, forms, read, plan, site]) }
        } catch {
            out.abandon()
            throw error
        }
        clock.start(nil, into: &report.timings)
        return report
    }

    /// The documents' diagnostics as `path:line: severity: message`, in document then line
    /// order (`Corpus.diagnosticLines`). A document taken from the last build's state has the
    /// lines that build printed for it (its state keeps them all in document order): printing
    /// seven thousand of them again was a hundredth of a +1 rebuild at 10,000 forms.
    static func diagnosticLines(_ stored: [BuildState.StoredDocument], reread: [String: Submission],
                                previous: BuildState?) -> [String] {
        var last: [String: ArraySlice<String>] = [:]
        if let previous {
            let lines = previous.outcome.diagnostics
            var at = 0
            for i in previous.documents.indices {
                let n = previous.documents[i].document.diagnostics.count
                guard at + n <= lines.count else { break }
                last[previous.documents[i].path] = lines[at..<(at + n)]
                at += n
            }
            // Lines that do not add up to the documents' are not used at all.
            if at != lines.count { last = [:] }
        }
        var out: [String] = []
        for i in stored.indices {
            let document = stored[i].document
            if reread[document.path] == nil, let kept = last[stored[i].path], kept.count == document.diagnostics.count {
                out += kept
            } else {
                out += document.diagnostics.map { $0.formatted(path: document.path) }
            }
        }
        return out
    }

    /// The files a rebuild copies records from (see `DataFiles`): a state is used only while
    /// each is as the build that saved it left it.
    static let dataFiles = ["data/projects.json", "data/indicators.csv", "data/projects.csv", "assets/search-index.js"]
}

/// Values kept until the process exits, never freed (see `Options.freeAtEnd`).
enum ProcessLifetime {
    private final class Kept: @unchecked Sendable {
        let lock = NSLock()
        var items: [Any] = []
    }
    private static let kept = Kept()

    static func keep(_ items: [Any]) {
        kept.lock.lock()
        kept.items += items
        kept.lock.unlock()
    }
}

/// sitemap.xml, when the site knows its address.
enum Sitemap {
    /// Written into one buffer: a line of the sitemap built as a String and appended took
    /// some 700 instructions, 11,000 times at 10,000 forms.
    static func xml(pages: [String], baseURL: String) -> MarkdownBuffer {
        var out = MarkdownBuffer(capacity: 128 + pages.count * (baseURL.utf8.count + 48))
        out.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")
        for page in pages.sorted() {
            out.raw("  <url><loc>")
            out.html(baseURL)
            out.html(page)
            out.raw("</loc></url>\n")
        }
        out.raw("</urlset>\n")
        return out
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
