import Foundation

/// Where a file stood when it was last read: enough to tell, without reading it, that it
/// has not changed since (the test `make` and rsync use, with the inode and nanoseconds).
struct FileSignature: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int
    var seconds: Int
    var nanoseconds: Int

    /// nil when nothing is there.
    static func of(_ path: String) -> FileSignature? {
        var s = stat()
        guard stat(path, &s) == 0 else { return nil }
        return FileSignature(device: UInt64(s.st_dev), inode: UInt64(s.st_ino), size: Int(s.st_size),
                             seconds: Int(s.st_mtim.tv_sec), nanoseconds: Int(s.st_mtim.tv_nsec))
    }

    func write(_ w: inout StateWriter) {
        w.uint64(device); w.uint64(inode); w.int(size); w.int(seconds); w.int(nanoseconds)
    }

    static func read(_ r: inout StateReader) throws -> FileSignature {
        FileSignature(device: try r.uint64(), inode: try r.uint64(), size: try r.int(), seconds: try r.int(), nanoseconds: try r.int())
    }
}

/// What the last build knew, kept beside the output in `.jixiao-cache/SITE.state` (SITE:
/// the output folder's name; see `StateWriter` for the format): its head (the submissions
/// folder as listed, the build's counts), every submission's signature and content key, its
/// document, its projects' records, categories and findings (the comparing rules' with their
/// peer group's print), where each record sits in
/// the data files, every output's fingerprint and every page's input fingerprint. A
/// rebuild reads again only the submissions whose bytes changed and redoes only the pages
/// whose inputs changed; anything else about the build (the program, the theme, the
/// settings, the categories, the hand-written pages) changing makes it a full build.
struct BuildState: Sendable {
    static let format = "jixiao-state-15"

    /// One project as stored.
    struct StoredProject: Sendable {
        var record: ProjectRecord
        var category: String
        /// What the form reports and the single-form rules found, by line.
        var own: [Finding]
        /// What the comparing rules found, and the print of the peer group they compared
        /// (nil: not known, or superseded): kept while the group's print stays the same.
        var peers: KeptPeers? = nil
        /// The page plan's prints of its findings (`PagePlan.findingPrints`), when they depend
        /// on nothing but the project and its findings; nil: not known.
        var findingPrints: [UInt64]? = nil
    }

    /// One submission as stored.
    struct StoredDocument: Sendable {
        /// Its path and its file's and sidecars' signatures, as the folder listing found them.
        var input: Input
        var path: String { input.path }
        /// Fingerprint of the reader's version, the path, the bytes and the sidecar's bytes.
        var key: UInt64
        var document: Document
        var projects: [StoredProject]
        var departments: [Department]
        /// Where this document's encoding (all of it but the key and the pieces) sits in the
        /// state it was loaded from (`BuildState.source`), while it is known to be what
        /// encoding it again would give: a rebuild saves a document it did not read again by
        /// copying those bytes (see `save`). Whoever changes what is encoded (a project's
        /// findings, say) sets it to nil.
        var encoded: Range<Int>? = nil
        /// Where its records sit in `data/projects.json`, `data/indicators.csv`,
        /// `data/projects.csv` and `assets/search-index.js` (a project a record in each; in
        /// the search index only while it is current, `Piece.none` otherwise).
        var jsonDocument = Piece(offset: 0, length: 0, fingerprint: 0)
        var jsonProjects: [Piece] = []
        var jsonDepartments: [Piece] = []
        var indicatorRows: [Piece] = []
        var csvRows: [Piece] = []
        var searchEntries: [Piece] = []
    }

    /// A submission as the folder listing found it: its file's and its sidecars' signatures.
    struct Input: Sendable, Equatable {
        var path: String
        var file: FileSignature?
        var sidecars: [FileSignature?]

        /// Its signatures now; only the sidecars in `listed` (what listing the folder found) are
        /// looked at, one not there is missing.
        static func of(_ path: String, listed: Set<String>) -> Input {
            Input(path: path, file: FileSignature.of(path),
                  sidecars: sidecarPaths(path).map { listed.contains($0) ? FileSignature.of($0) : nil })
        }

        func write(_ w: inout StateWriter) {
            w.string(path)
            w.optional(file) { w, s in s.write(&w) }
            w.array(sidecars) { w, s in w.optional(s) { w, s in s.write(&w) } }
        }

        static func read(_ r: inout StateReader) throws -> Input {
            Input(path: try r.string(), file: try r.optional { try FileSignature.read(&$0) },
                  sidecars: try r.array { r in try r.optional { try FileSignature.read(&$0) } })
        }
    }

    /// What a build reported besides its files, for a later build that has nothing to do.
    struct Outcome: Sendable, Equatable {
        var projects = 0
        var pages = 0
        var files = 0
        var findings = 0
        /// The submissions' diagnostics, `path:line: severity: message`.
        var diagnostics: [String] = []
    }

    /// A record's bytes in a data file: where, how long, and their fingerprint.
    struct Piece: Sendable, Equatable {
        var offset: Int
        var length: Int
        var fingerprint: UInt64

        /// No record in the file.
        static let none = Piece(offset: -1, length: 0, fingerprint: 0)
    }

    /// Digest of everything but the submissions that the site depends on.
    var environment: UInt64 = 0
    /// The submissions folder as the saved build listed it, in listing order (read from the
    /// head; saved as the documents' own inputs, which are that listing): when a later build
    /// lists the same files with the same signatures (and nothing else has changed, see
    /// `environment` and `dataFiles`), its site would be this one, byte for byte.
    var inputs: [Input] = []
    var outcome = Outcome()
    var documents: [StoredDocument] = []
    /// Site path → content fingerprint, as published.
    var outputs = OutputFingerprints()
    /// Page path (by its key) → fingerprint of what the page is made from.
    var pageInputs: [PathKey: UInt64] = [:]
    /// The data files the pieces point into, as they stood after publishing.
    var dataFiles: [FileSignature?] = []
    /// Revisions.pairKey → (keys of the two versions' documents, what moved).
    var moved: [String: (before: UInt64, after: UInt64, moved: [String])] = [:]
    /// The history entries' summaries the last build made, by their inputs' print
    /// (`ChangesPage.print`): the changes page's latest hundred and the feed's.
    var summaries: [UInt64: String] = [:]
    /// The loaded state's bytes past the head, kept while documents point into them
    /// (`StoredDocument.encoded`).
    var source: StateBytes? = nil
    /// The loaded state's table of shared texts, which the documents' encodings in `source`
    /// refer to by number (nil: none loaded; a state saved without it starts a new table).
    var strings: StringTable? = nil

    /// The loaded bytes a document's encoding may be copied from when it is saved again
    /// unchanged (`StoredDocument.encoded`): only while the table its numbers are in is kept.
    var copySource: StateBytes? { strings?.worthKeeping == true ? source : nil }

    // MARK: - Reading and writing

    /// The state beside an output folder, or nil when there is none or the part of it the
    /// build needs cannot be read. Its head (environment, data files, inputs, outcome) is
    /// always read; the rest only when `done` says the head is not all the build needs (a
    /// build with nothing changed needs no more); its documents (most of it) only when
    /// `wanted` says the build will use them, given the rest; otherwise `documents` is empty
    /// (a full build needs only the outputs' fingerprints, and at national scale the
    /// documents are hundreds of megabytes in memory). A mapped state of `keepPagesBelow`
    /// bytes or more lets its pages go once read (see `StateBytes.dropPages`).
    static func load(from path: String, doneAfterHead done: (BuildState) -> Bool = { _ in false },
                     documentsIf wanted: (BuildState) -> Bool = { _ in true },
                     keepPagesBelow: Int = StateBytes.keptWhole) -> BuildState? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        // The format tag and the head's length, then the head: a build with nothing to do
        // reads a small part of a large file.
        var tag = StateWriter()
        tag.string(format)
        tag.uint64(0)
        guard let prefix = try? handle.read(upToCount: tag.bytes.count), prefix.count == tag.bytes.count else { return nil }
        let headLength: UInt64? = prefix.withUnsafeBytes { raw in
            var r = StateReader(raw)
            guard (try? r.string()) == format else { return nil }
            return try? r.uint64()
        }
        guard let headLength, headLength < UInt64(Int.max),
              let head = try? handle.read(upToCount: Int(headLength)), head.count == Int(headLength) else { return nil }
        var s = BuildState()
        let headRead: Bool = head.withUnsafeBytes { raw in
            var r = StateReader(raw)
            return (try? s.readHead(&r)) != nil && r.isAtEnd
        }
        guard headRead else { return nil }
        if done(s) { return s }
        let start = tag.bytes.count + Int(headLength)
        func readRest(_ bytes: StateBytes) -> BuildState? {
            var r = StateReader(bytes)
            guard (try? s.readRest(&r, in: bytes, documentsIf: wanted)) != nil else { return nil }
            // Its documents' bytes are copied when they are saved again unchanged.
            if !s.documents.isEmpty {
                s.source = bytes
                bytes.dropPages(before: bytes.buffer.count)
            }
            return s
        }
        // The rest is read where the page cache holds it, not copied into memory of its own
        // (tens of megabytes at national scale: the copy and the fresh pages it lands in
        // were a tenth of a rebuild). A state file is replaced by a rename, and written over
        // in place only as a spare that no one has open or mapped (see `Spare`), so the
        // mapped file does not change under the reader.
        var info = stat()
        if fstat(handle.fileDescriptor, &info) == 0, Int(info.st_size) >= start,
           let mapped = StateBytes(mapping: handle.fileDescriptor, size: Int(info.st_size), from: start, keepPagesBelow: keepPagesBelow) {
            return readRest(mapped)
        }
        guard let rest = try? handle.readToEnd() else { return nil }
        return readRest(StateBytes(copying: rest))
    }

    func save(to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = path + ".new-\(ProcessInfo.processInfo.processIdentifier)"
        // Written over the state the build before last saved, when it can be (see `Spare`).
        let spare = path + ".spare"
        let fd = try Spare.open(spare, at: temporary).fd
        var failed = false
        func put(_ bytes: UnsafeRawBufferPointer) {
            var done = 0
            while !failed, done < bytes.count {
                let n = Foundation.write(fd, bytes.baseAddress! + done, bytes.count - done)
                if n > 0 { done += n } else if n < 0, errno == EINTR { continue } else { failed = true }
            }
        }
        var head = StateWriter()
        writeHead(&head)
        var w = StateWriter()
        w.string(Self.format)
        w.uint64(UInt64(head.bytes.count))
        w.drain(put)
        head.drain(put)
        writeRest(&w, flush: put)
        w.drain(put)
        if !failed, !Spare.cut(fd) { failed = true }
        if close(fd) != 0 { failed = true }
        if !failed { Spare.keep(path, as: spare) }
        guard !failed, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw SiteWriter.WriteError.io("cannot write \(path)")
        }
    }

    /// What tells whether anything changed, and what the build reported.
    private func writeHead(_ w: inout StateWriter) {
        w.uint64(environment)
        w.array(dataFiles) { w, s in w.optional(s) { w, s in s.write(&w) } }
        w.array(documents) { w, d in d.input.write(&w) }
        w.int(outcome.projects); w.int(outcome.pages); w.int(outcome.files); w.int(outcome.findings)
        w.array(outcome.diagnostics) { $0.string($1) }
    }

    private mutating func readHead(_ r: inout StateReader) throws {
        environment = try r.uint64()
        dataFiles = try r.array { r in try r.optional { try FileSignature.read(&$0) } }
        inputs = try r.array { try Input.read(&$0) }
        outcome = Outcome(projects: try r.int(), pages: try r.int(), files: try r.int(), findings: try r.int(),
                          diagnostics: try r.array { try $0.string() })
    }

    /// `flush` is handed the bytes a megabyte at a time.
    private func writeRest(_ w: inout StateWriter, flush: (UnsafeRawBufferPointer) -> Void) {
        let restStart = w.written
        // Documents are copied from the loaded state only with the table their numbers are
        // in; a table mostly of texts no document uses any more is left behind, and every
        // document encoded again with a new one.
        let source = copySource
        let table = source == nil ? nil : strings
        w.numbers = StringNumbers(extending: table)
        // The documents last, so a build that will not use them stops reading before them;
        // then the table of shared texts, and where it starts and how many texts it has.
        outputs.write(&w)
        // In the dictionary's order: the state is read back into a dictionary, and sorting
        // 31,000 paths took a tenth of what saving does at 10,000 forms.
        w.int(pageInputs.count)
        for (path, fingerprint) in pageInputs { w.uint64(path.value); w.uint64(fingerprint) }
        w.int(moved.count)
        for (key, m) in moved.sorted(by: { $0.key < $1.key }) {
            w.string(key); w.uint64(m.before); w.uint64(m.after); w.array(m.moved) { $0.string($1) }
        }
        w.int(summaries.count)
        for (print, summary) in summaries { w.uint64(print); w.string(summary) }
        w.int(documents.count)
        var copiedThrough = 0
        // By position: each document read in place, not copied out (a dozen retains each).
        for i in documents.indices {
            w.uint64(documents[i].key)
            if let range = documents[i].encoded, let source {
                w.uint64(UInt64(range.count))
                w.raw(UnsafeRawBufferPointer(rebasing: source.buffer[range]))
                copiedThrough = max(copiedThrough, range.upperBound)
            } else {
                let length = w.reserveLength()
                Self.write(documents[i], &w)
                w.fillLength(at: length)
            }
            Self.writePieces(documents[i], &w)
            if w.bytes.count > 1 << 20 {
                w.drain(flush)
                // What was copied is written: its pages need not be held any more.
                source?.dropPages(before: copiedThrough)
            }
        }
        let tableStart = w.written - restStart
        let numbers = w.numbers
        if let table, let source {
            w.raw(UnsafeRawBufferPointer(rebasing: source.buffer[table.bytes]))
        }
        for text in numbers.added { w.string(text) }
        w.uint64(UInt64(tableStart))
        w.uint64(UInt64(numbers.count))
    }

    private mutating func readRest(_ r: inout StateReader, in source: StateBytes, documentsIf wanted: (BuildState) -> Bool) throws {
        outputs = try OutputFingerprints.read(&r, in: source)
        let pages = try r.array { r in (PathKey(value: try r.uint64()), try r.uint64()) }
        pageInputs = Dictionary(pages, uniquingKeysWith: { a, _ in a })
        let moved = try r.array { r in (try r.string(), (try r.uint64(), try r.uint64(), try r.array { try $0.string() })) }
        self.moved = Dictionary(moved.map { ($0.0, (before: $0.1.0, after: $0.1.1, moved: $0.1.2)) }, uniquingKeysWith: { a, _ in a })
        let summaries = try r.array { r in (try r.uint64(), try r.string()) }
        self.summaries = Dictionary(summaries, uniquingKeysWith: { a, _ in a })
        guard wanted(self) else { return }
        // The table of shared texts, at the end: where it starts and how many texts it has
        // are the last sixteen bytes.
        let all = r.buffer
        guard all.count >= r.offset + 16 else { throw StateReader.Malformed() }
        var trailer = StateReader(UnsafeRawBufferPointer(rebasing: all[(all.count - 16)...]))
        let (tableStart, tableCount) = (try trailer.uint64(), try trailer.uint64())
        guard tableStart >= UInt64(r.offset), tableStart <= UInt64(all.count - 16),
              tableCount <= UInt64(all.count - 16) - tableStart else { throw StateReader.Malformed() }
        let tableBytes = Int(tableStart)..<(all.count - 16)
        // Where each text lies; each becomes a String only when it is read as one.
        var t = StateReader(UnsafeRawBufferPointer(rebasing: all[tableBytes]))
        var texts: [Range<Int>] = []
        texts.reserveCapacity(Int(tableCount))
        let offset = tableBytes.lowerBound
        for _ in 0..<tableCount {
            let text = try t.stringRange()
            texts.append((text.lowerBound + offset)..<(text.upperBound + offset))
        }
        guard t.isAtEnd else { throw StateReader.Malformed() }
        r.use(table: texts)
        // Each document's input is the head's, in order.
        guard try r.int() == inputs.count else { throw StateReader.Malformed() }
        documents = try inputs.map { input in
            let key = try r.uint64()
            let length = try r.uint64()
            let start = r.offset
            var d = try Self.readDocument(&r, input: input, key: key)
            guard UInt64(r.offset - start) == length else { throw StateReader.Malformed() }
            d.encoded = start..<r.offset
            try Self.readPieces(&r, into: &d)
            return d
        }
        guard r.offset == tableBytes.lowerBound else { throw StateReader.Malformed() }
        strings = StringTable(source: source, texts: texts, bytes: tableBytes, used: r.used.reduce(0) { $1 ? $0 + 1 : $0 })
    }

    // MARK: - Documents

    /// A document but its key and its pieces (which change when the data files move its
    /// records, though the document does not).
    private static func write(_ d: StoredDocument, _ w: inout StateWriter) {
        let doc = d.document
        w.shared(doc.path)
        w.string(doc.encoding?.rawValue)
        w.string(doc.layout.rawValue)
        w.int(doc.forms)
        w.array(doc.diagnostics) { w, x in w.int(x.line); w.int(Self.severities.firstIndex(of: x.severity)!); w.shared(x.message) }
        w.array(doc.preamble) { $0.string($1) }
        w.optional(doc.sidecar) { w, s in
            w.string(s.agency); w.string(s.region); w.int(s.year); w.string(s.submitted); w.string(s.supersedes)
        }
        w.array(d.projects) { w, p in
            let r = p.record
            w.string(r.id); w.shared(r.kind.rawValue); w.shared(r.source.path); w.int(r.source.line); w.int(r.year)
            w.shared(r.name); w.string(r.code); w.shared(r.agencyResolved); w.shared(r.unit); w.double(r.budget)
            w.double(r.executed); w.shared(r.totalScore.printed); w.double(r.totalScore.value)
            w.int(r.measurableTargets); w.int(r.targets); r.csvRowText.withUTF8 { w.string(utf8: $0) }; w.string(r.revisionKey); w.uint64(r.peerPrint)
            w.shared(p.category)
            func finding(_ w: inout StateWriter, _ f: Finding) {
                // Severity and origin in one byte.
                w.shared(f.kind); w.int(Self.severities.firstIndex(of: f.severity)! * 2 + (f.origin == .check ? 1 : 0))
                w.shared(f.message); w.int(f.line)
            }
            w.array(p.own, finding)
            w.optional(p.peers) { w, k in w.uint64(k.group); w.array(k.findings, finding) }
            w.optional(p.findingPrints) { w, prints in w.array(prints) { $0.uint64($1) } }
        }
        w.array(d.departments) { w, x in
            w.string(x.source.path); w.int(x.source.line); w.int(x.year); w.string(x.agency); w.string(x.overallGoal)
            w.array(x.goals) { w, g in
                w.string(g.title); w.string(g.goal); w.array(g.indicators) { $0.string($1) }; w.string(g.indicatorsPrinted); w.int(g.line)
            }
            w.array(x.measures) { $0.string($1) }
        }
    }

    private static func writePieces(_ d: StoredDocument, _ w: inout StateWriter) {
        func put(_ w: inout StateWriter, _ p: Piece) { w.int(p.offset); w.int(p.length); w.uint64(p.fingerprint) }
        w.int(1)
        put(&w, d.jsonDocument)
        w.array(d.jsonProjects, put)
        w.array(d.jsonDepartments, put)
        w.array(d.indicatorRows, put)
        w.array(d.csvRows, put)
        w.array(d.searchEntries, put)
    }

    /// `r` reads a loaded state (some texts are left in its bytes until asked for).
    private static func readDocument(_ r: inout StateReader, input: Input, key: UInt64) throws -> StoredDocument {
        let docPath = try r.sharedString()
        let encoding = try r.optionalString().map { try enumValue(TextEncoding(rawValue: $0)) }
        let layout = try enumValue(Layout(rawValue: try r.string()))
        let forms = try r.int()
        let diagnostics = try r.array { r in
            Diagnostic(line: try r.int(), severity: try severity(try r.int()), message: try r.sharedString())
        }
        let preamble = try r.array { try $0.string() }
        let sidecar = try r.optional { r in
            Sidecar(agency: try r.optionalString(), region: try r.optionalString(), year: try r.optionalInt(),
                    submitted: try r.optionalString(), supersedes: try r.optionalString())
        }
        let document = Document(path: docPath, encoding: encoding, layout: layout, forms: forms, diagnostics: diagnostics,
                                preamble: preamble, sidecar: sidecar)
        let projects = try r.array { r -> StoredProject in
            let id = try r.string()
            let kind = try enumValue(FormKind(rawValue: try r.sharedString()))
            let source = SourceLocation(path: try r.sharedString(), line: try r.int())
            let record = ProjectRecord(
                id: id, kind: kind, source: source, year: try r.optionalInt(), name: try r.optionalSharedString(), code: try r.optionalString(),
                agencyResolved: try r.sharedString(), unit: try r.optionalSharedString(), budget: try r.optionalDouble(),
                executed: try r.optionalDouble(), totalScore: Amount(printed: try r.sharedString(), value: try r.optionalDouble()),
                measurableTargets: try r.int(),
                targets: try r.int(), csvRow: try r.storedString(), revisionKey: try r.string(), peerPrint: try r.uint64())
            let category = try r.sharedString()
            func finding(_ r: inout StateReader) throws -> Finding {
                let kind = try r.sharedString()
                let code = try r.int()
                let severity = try severity(code >> 1)
                let origin: Finding.Origin = code & 1 == 1 ? .check : .reported
                return Finding(kind: kind, severity: severity, origin: origin, storedMessage: try r.sharedText(),
                               projectID: id, path: source.path, line: try r.int())
            }
            let own = try r.array(finding)
            let peers = try r.optional { r in KeptPeers(group: try r.uint64(), findings: try r.array(finding)) }
            let prints = try r.optional { r in try r.array { try $0.uint64() } }
            return StoredProject(record: record, category: category, own: own, peers: peers, findingPrints: prints)
        }
        let departments = try r.array { r -> Department in
            var d = Department(source: SourceLocation(path: try r.string(), line: try r.int()))
            d.year = try r.optionalInt()
            d.agency = try r.optionalString()
            d.overallGoal = try r.optionalString()
            d.goals = try r.array { r in
                let title = try r.string(), goal = try r.optionalString(), indicators = try r.array { try $0.string() }
                var g = DepartmentGoal(title: title, goal: goal, indicators: indicators, line: 0)
                g.indicatorsPrinted = try r.optionalString()
                g.line = try r.int()
                return g
            }
            d.measures = try r.array { try $0.string() }
            return d
        }
        return StoredDocument(input: input, key: key, document: document, projects: projects, departments: departments)
    }

    private static func readPieces(_ r: inout StateReader, into stored: inout StoredDocument) throws {
        func pieces(_ r: inout StateReader) throws -> [Piece] {
            try r.array { r in Piece(offset: try r.int(), length: try r.int(), fingerprint: try r.uint64()) }
        }
        guard let jsonDocument = try pieces(&r).first else { throw StateReader.Malformed() }
        stored.jsonDocument = jsonDocument
        stored.jsonProjects = try pieces(&r)
        stored.jsonDepartments = try pieces(&r)
        stored.indicatorRows = try pieces(&r)
        stored.csvRows = try pieces(&r)
        stored.searchEntries = try pieces(&r)
        let n = stored.projects.count
        guard stored.jsonProjects.count == n, stored.indicatorRows.count == n, stored.csvRows.count == n, stored.searchEntries.count == n,
              stored.jsonDepartments.count == stored.departments.count else { throw StateReader.Malformed() }
    }

    /// Severities by number, as the state stores them.
    private static let severities: [Severity] = [.error, .warning, .info]

    private static func severity(_ number: Int) throws -> Severity {
        guard severities.indices.contains(number) else { throw StateReader.Malformed() }
        return severities[number]
    }

    private static func enumValue<T>(_ value: T?) throws -> T {
        guard let value else { throw StateReader.Malformed() }
        return value
    }
}

/// A loaded state's bytes past its head: a read-only mapping of the file (the state is only
/// ever replaced by a rename, never rewritten in place, so they do not change under the
/// reader), or a copy where the file cannot be mapped.
final class StateBytes: @unchecked Sendable {
    let buffer: UnsafeRawBufferPointer
    private let release: () -> Void
    /// The mapping, when the bytes are mapped.
    private let mapped: (base: UnsafeMutableRawPointer, size: Int)?
    /// Below this many bytes a mapped state keeps its pages (see `dropPages`).
    static let keptWhole = 64 << 20
    private let keepPagesBelow: Int

    /// The file open at `fd`, `size` bytes long, from `start` on; nil when it cannot be mapped.
    init?(mapping fd: Int32, size: Int, from start: Int, keepPagesBelow: Int = keptWhole) {
        guard size > 0, let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else { return nil }
        buffer = UnsafeRawBufferPointer(start: mapped + start, count: size - start)
        self.mapped = (mapped, size)
        self.keepPagesBelow = keepPagesBelow
        release = { munmap(mapped, size) }
    }

    /// Lets go of the memory the mapped pages before `end` (an offset in `buffer`) take, while
    /// keeping them readable: they are read again from the file (the page cache) if touched.
    /// A rebuild holds the mapping from loading to saving, and at national scale its pages
    /// (200 MB at 100,000 forms) would otherwise count in the process's memory all along.
    /// A state under `keepPagesBelow` bytes (`keptWhole` unless a test says otherwise) is
    /// left as it is: reading its pages again would cost more (a fiftieth of a rebuild at
    /// 10,000 forms, 21 MB) than holding them.
    func dropPages(before end: Int) {
        guard let mapped, buffer.count >= keepPagesBelow else { return }
        let through = (buffer.baseAddress! - UnsafeRawPointer(mapped.base)) + min(end, buffer.count)
        let length = through & ~(Int(getpagesize()) - 1)
        if length > 0 { madvise(mapped.base, length, MADV_DONTNEED) }
    }

    init(copying data: Data) {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(data.count, 1), alignment: 8)
        data.withUnsafeBytes { copy.copyMemory(from: $0) }
        buffer = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(copy)[..<data.count])
        mapped = nil
        keepPagesBelow = 0
        release = { copy.deallocate() }
    }

    deinit { release() }
}
