import Foundation

/// What the site depends on besides the submissions: the program itself, the reader's
/// version, the folders' names, the settings, the categories, the hand-written pages and
/// every file of the theme. A build whose fingerprint differs from the last one's is a
/// full build.
enum BuildEnvironment {
    static func fingerprint(_ options: SiteBuilder.Options) -> UInt64 {
        var f = Fingerprint()
        f.field(BuildState.format)
        f.field(BuildState.readerVersion)
        FileSignature.addProgram(to: &f)
        f.field(options.content)
        f.field(options.theme)
        let content = options.content as NSString
        for file in [content.appendingPathComponent("site.yml"), content.appendingPathComponent("categories.yml")] {
            add(file: file, name: file, to: &f)
        }
        for folder in [content.appendingPathComponent("pages"), options.theme] {
            let files = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).sorted()
            for relative in files { add(file: (folder as NSString).appendingPathComponent(relative), name: relative, to: &f) }
        }
        return f.value
    }

    private static func add(file: String, name: String, to f: inout Fingerprint) {
        f.field(name)
        if let data = FileManager.default.contents(atPath: file) {
            f.field(data.count)
            f.add(data)
        } else {
            f.field(-1)
        }
    }
}

extension FileSignature {
    /// Adds which program is running (its file's size, time and inode) to `f`: what the
    /// build's environment and the settings cache are keyed by, so a new program reads anew.
    static func addProgram(to f: inout Fingerprint) {
        if let program = of("/proc/self/exe") ?? of(CommandLine.arguments[0]) {
            f.field(program.size); f.field(program.seconds); f.field(program.nanoseconds); f.field(program.inode)
        }
    }
}

extension BuildState {
    /// Bump when the reader's output for the same bytes changes.
    static let readerVersion = "jixiao-reader-6"

    /// The sidecars a submission may have (`x.yml`, `x.yaml`).
    static func sidecarPaths(_ path: String) -> [String] {
        let stem = FilePaths.removingExtension(path)
        return [stem + ".yml", stem + ".yaml"]
    }

    /// The content key of a submission: reader version, path, bytes (`contents`, as read)
    /// and sidecars' bytes.
    static func contentKey(_ path: String, contents: Data?) -> UInt64 {
        var f = Fingerprint()
        f.field(readerVersion)
        f.field(path)
        for data in [contents] + sidecarPaths(path).map({ FileManager.default.contents(atPath: $0) }) {
            if let data { f.field(data.count); f.add(data) } else { f.field(-1) }
        }
        return f.value
    }
}

/// The submissions of a build: each from the last build's state when its file (or, failing
/// that, its bytes) has not changed, else read.
enum Submissions {
    struct Result {
        /// Every submission, by path.
        var stored: [BuildState.StoredDocument]
        /// The ones read this build.
        var parsed: [String: Submission]
    }

    /// The submission files of a content folder with their signatures, in listing order.
    static func list(content: String) -> [BuildState.Input] {
        // Only sidecars the listing found are looked at (most submissions have none, and
        // two failed lookups for each were a fiftieth of a 10,000-form rebuild).
        let listing = Corpus.listing(of: Corpus.submissionsFolder(of: content))
        return listing.files.parallelMap { BuildState.Input.of($0, listed: listing.sidecars) }
    }

    static func read(_ inputs: [BuildState.Input], in folder: String, previous: BuildState?, categories: Categories,
                     settings: CheckSettings) -> Result {
        let old = Dictionary((previous?.documents ?? []).map { ($0.path, $0) }, uniquingKeysWith: { _, b in b })
        let formContext = CheckContext(settings: settings, records: [])
        let entries = inputs.parallelMap { input -> (BuildState.StoredDocument, Submission?) in
            let path = input.path
            if let kept = old[path], input.file != nil, kept.input == input { return (kept, nil) }
            // Read once: the bytes give the key and, when it is new, the submission.
            let contents = FileManager.default.contents(atPath: path)
            let key = BuildState.contentKey(path, contents: contents)
            if var kept = old[path], kept.key == key {
                kept.input = input
                return (kept, nil)
            }
            let submission = SubmissionReader.read(path: path, displayPath: path, in: folder, contents: contents)
            // The comparing rules' findings of the file's last version, by id: kept only while
            // the project's peer group prints as it did then (see `Ledger`), so a form whose
            // own figures changed does not make its whole group be checked again.
            let lastPeers = Dictionary((old[path]?.projects ?? []).map { ($0.record.id, $0.peers) }, uniquingKeysWith: { a, _ in a })
            let projects = submission.projects.map { p in
                var stored = BuildState.StoredProject(p, categories: categories, context: formContext)
                stored.peers = lastPeers[p.id] ?? nil
                return stored
            }
            return (BuildState.StoredDocument(input: input, key: key, document: submission.document,
                                              projects: projects, departments: submission.departments), submission)
        }
        var parsed: [String: Submission] = [:]
        for (stored, submission) in entries { if let submission { parsed[stored.path] = submission } }
        return Result(stored: entries.map(\.0), parsed: parsed)
    }
}

/// The full forms a build needs: those read this build, and any other read again on
/// demand (a page to remake, two versions to compare) from its file.
final class FormStore: @unchecked Sendable {
    private var submissions: [String: Submission]
    /// The submissions read by `Submissions.read` (their data-file records are made anew).
    let fresh: Set<String>
    /// The submissions folder (ids are made relative to it, when a file is read again).
    private let folder: String
    private let lock = NSLock()

    init(parsed: [String: Submission], folder: String) {
        submissions = parsed
        fresh = Set(parsed.keys)
        self.folder = folder
    }

    func submission(_ path: String) -> Submission? {
        lock.lock()
        defer { lock.unlock() }
        return submissions[path]
    }

    /// The forms of these records, in order; nil when one cannot be found any more.
    func projects(_ records: [ProjectRecord]) -> [Project]? {
        let missing = Array(Set(records.map(\.source.path)).filter { submission($0) == nil }).sorted()
        let read = missing.parallelMap { [folder] in SubmissionReader.read(path: $0, displayPath: $0, in: folder) }
        lock.lock()
        for (path, s) in zip(missing, read) { submissions[path] = s }
        lock.unlock()
        var out: [Project] = []
        out.reserveCapacity(records.count)
        for r in records {
            guard let p = submission(r.source.path)?.projects.first(where: { $0.id == r.id }) else { return nil }
            out.append(p)
        }
        return out
    }
}

/// The files with a record per project: `data/projects.json` and `data/indicators.csv` (the
/// forms' own records, with their documents' and departments'), `data/projects.csv` (the
/// projects' rows) and `assets/search-index.js` (the current projects' entries). Records of
/// submissions read this build are made anew, the others copied from the last build's files
/// (a search entry too, while its project stays current and no two projects share an id:
/// a shared id's entry names the category of its last record, another submission's).
enum DataFiles {
    static func write(_ out: SiteOutput, stored: inout [BuildState.StoredDocument], forms: FormStore, site: SiteContext) throws {
        let ledger = site.ledger
        var documents: [ExportPieces.Item] = [], projects: [ExportPieces.Item] = []
        var departments: [ExportPieces.Item] = [], indicators: [ExportPieces.Item] = []
        var csvRows: [ExportPieces.Item] = [], entries: [ExportPieces.Item] = []
        // Each project's entry among `entries` (-1: not current, no entry).
        var entryOf: [Int] = []
        entryOf.reserveCapacity(ledger.records.count)
        let reuseEntries = ledger.idsAreUnique
        var slot = 0
        for d in stored {
            let fresh = forms.fresh.contains(d.path) ? forms.submission(d.path) : nil
            if let s = fresh {
                let document = s.document
                documents.append(.fresh { ExportPieces.jsonBody(document.writeJSON) })
                for p in s.projects {
                    projects.append(.fresh { ExportPieces.jsonBody(p.writeJSON) })
                    indicators.append(.fresh { Corpus.indicatorRowBytes(p) })
                }
                for x in s.departments { departments.append(.fresh { ExportPieces.jsonBody(x.writeJSON) }) }
            } else {
                documents.append(.kept(d.jsonDocument))
                projects += d.jsonProjects.map { .kept($0) }
                departments += d.jsonDepartments.map { .kept($0) }
                indicators += d.indicatorRows.map { .kept($0) }
            }
            for j in d.projects.indices {
                let r = ledger.records[slot]
                if fresh == nil, j < d.csvRows.count {
                    csvRows.append(.kept(d.csvRows[j]))
                } else {
                    csvRows.append(.fresh { Array(r.csvRow.utf8) })
                }
                if ledger.isCurrent(slot: slot) {
                    entryOf.append(entries.count)
                    if fresh == nil, reuseEntries, j < d.searchEntries.count, d.searchEntries[j] != .none {
                        entries.append(.kept(d.searchEntries[j]))
                    } else {
                        entries.append(.fresh { SearchIndex.entry(r, ledger) })
                    }
                } else {
                    entryOf.append(-1)
                }
                slot += 1
            }
        }
        let json = try out.write("data/projects.json", chunks: { emit in
            Corpus.writeJSON(documents: documents, projects: projects, departments: departments, emit: emit)
        }, fingerprint: { ExportPieces.fingerprint("projects.json", $0) })
        // A table: its header, then its rows.
        func table(_ name: String, header: [String], _ rows: [ExportPieces.Item]) throws -> [BuildState.Piece] {
            try out.write("data/" + name, chunks: { emit -> [BuildState.Piece] in
                withoutActuallyEscaping(emit) { emit in
                    var stream = ExportPieces.Stream(emit: emit)
                    stream.bytes(CSVWriter(header: header).bytes)
                    return stream.items(rows, separator: [])
                }
            }, fingerprint: { ExportPieces.fingerprint(name, [$0]) })
        }
        let rows = try table("indicators.csv", header: Corpus.indicatorsHeader, indicators)
        let projectRows = try table("projects.csv", header: Corpus.projectsHeader, csvRows)
        // The projects' entries, then the agencies' and categories' (made anew: their counts
        // change with any project), fingerprinted by their bytes.
        let index = try out.write("assets/search-index.js", chunks: { emit -> (pieces: [BuildState.Piece], rest: UInt64) in
            withoutActuallyEscaping(emit) { emit in
                var stream = ExportPieces.Stream(emit: emit)
                stream.bytes(SearchIndex.head)
                if !entries.isEmpty { stream.bytes(SearchIndex.first) }
                let pieces = stream.items(entries, separator: SearchIndex.separator)
                let rest = SearchIndex.rest(site, after: !entries.isEmpty)
                stream.bytes(rest)
                var f = Fingerprint()
                f.add(rest)
                return (pieces, f.value)
            }
        }, fingerprint: { index in
            var f = Fingerprint()
            f.field(ExportPieces.fingerprint("search-index.js", [index.pieces]))
            f.field(index.rest)
            return f.value
        })
        // Where each submission's records now are.
        var (p, x) = (0, 0)
        for i in stored.indices {
            let n = stored[i].projects.count, m = stored[i].departments.count
            stored[i].jsonDocument = json[0][i]
            stored[i].jsonProjects = Array(json[1][p..<(p + n)])
            stored[i].indicatorRows = Array(rows[p..<(p + n)])
            stored[i].csvRows = Array(projectRows[p..<(p + n)])
            stored[i].searchEntries = (p..<(p + n)).map { entryOf[$0] >= 0 && reuseEntries ? index.pieces[entryOf[$0]] : .none }
            stored[i].jsonDepartments = Array(json[2][x..<(x + m)])
            p += n
            x += m
        }
    }
}

extension BuildState.StoredProject {
    /// A form as a build arranges it on its own: its record, its category, what it reports and
    /// what the rules that read one form find (`context` gives only the settings; nil: no checks).
    init(_ p: Project, categories: Categories, context: CheckContext?) {
        self.init(record: ProjectRecord(p), category: categories.classify(p).slug,
                  own: Ledger.ordered(ReportedIssues.findings(for: p) + (context.map { Rules.checkForm(p, context: $0) } ?? [])))
    }
}
