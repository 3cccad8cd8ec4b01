import CJixiaoSystem
import Foundation

/// Shared pieces of writing the site; `StagedSite` below does the writing: beside the old
/// site, swapped in with one atomic exchange, so a build that fails or is killed at any
/// point leaves the previous `site/` whole.
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

    /// What a publish did.
    public struct Outcome: Sendable {
        public var written = 0
        public var unchanged = 0
        /// Bytes of the data files a rebuild left in place in the spares it wrote over (see
        /// `Spare.Note`) instead of copying them from the old files.
        public var leftInPlace = 0
        /// Fingerprints of everything now in the site.
        var fingerprints = OutputFingerprints()
    }

    /// Staging folders of builds that were killed before they could clean up.
    static func removeLeftovers(in parent: URL, name: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for entry in entries where entry.hasPrefix(".\(name).new-") || entry.hasPrefix(".\(name).old-") || entry.hasPrefix(".\(name).patch-") {
            let pid = Int32(entry.split(separator: "-").last ?? "") ?? 0
            if pid != ProcessInfo.processInfo.processIdentifier, pid > 0, kill(pid, 0) != 0 {
                // A patch that got as far as its commit list is finished, not thrown away.
                if entry.hasPrefix(".\(name).patch-") {
                    PatchedSite.rollForward(parent.appendingPathComponent(entry), into: parent.appendingPathComponent(name))
                }
                remove(parent.appendingPathComponent(entry))
            }
        }
    }

    /// Writes bytes to a new file with plain POSIX calls. The staging folder is swapped in
    /// whole, so a per-file fsync (which Foundation's `Data.write` does) buys nothing here and
    /// costs a disk round trip per page.
    static func create(_ path: String, _ data: Data) throws {
        try data.withUnsafeBytes { try create(path, $0) }
    }

    static func create(_ path: String, _ raw: UnsafeRawBufferPointer) throws {
        let fd = try openNew(path)
        defer { close(fd) }
        try writeAll(fd, raw, path)
    }

    /// A new file of `head` then `body`, in one `writev` (a page's Markdown copy: its title
    /// line, then the body the page was rendered from, without joining them first).
    static func create(_ path: String, head: UnsafeRawBufferPointer, body: UnsafeRawBufferPointer) throws {
        guard !head.isEmpty else { return try create(path, body) }
        let fd = try openNew(path)
        defer { close(fd) }
        var parts = [iovec(iov_base: UnsafeMutableRawPointer(mutating: head.baseAddress), iov_len: head.count),
                     iovec(iov_base: UnsafeMutableRawPointer(mutating: body.baseAddress), iov_len: body.count)]
        var left = head.count + body.count, first = 0
        while left > 0 {
            let n = parts.withUnsafeBufferPointer { writev(fd, $0.baseAddress! + first, Int32($0.count - first)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw WriteError.io("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            left -= n
            // Past what was written: whole parts dropped, the rest of a part kept.
            var written = n
            while first < parts.count, written >= parts[first].iov_len { written -= parts[first].iov_len; first += 1 }
            if written > 0 { parts[first].iov_base += written; parts[first].iov_len -= written }
        }
    }

    /// A new (or emptied) file for writing.
    static func openNew(_ path: String) throws -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError.io("cannot create \(path): \(String(cString: strerror(errno)))") }
        return fd
    }

    /// Makes each folder of a staging tree once, from several threads.
    final class Folders: @unchecked Sendable {
        private let root: String
        private let lock = NSLock()
        private var made: Set<Substring> = []

        init(root: String) { self.root = root }

        /// The folder `path` (relative to the root) goes into.
        func make(for path: String) throws {
            let folder = SiteWriter.folder(of: path)
            guard !folder.isEmpty else { return }
            lock.lock()
            defer { lock.unlock() }
            if !made.contains(folder) {
                try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
                made.insert(folder)
            }
        }
    }

    /// Removes a folder tree, its top-level entries on every core (a national site is tens
    /// of thousands of files, and unlinking them is most of a rebuild's publish step).
    static func remove(_ folder: URL) {
        let fm = FileManager.default
        let tops = ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).map { folder.path + "/" + $0 }
        // The top-level folders' entries, then the (now empty) top-level entries, then the folder.
        let children = tops.flatMap { top in ((try? fm.contentsOfDirectory(atPath: top)) ?? []).map { top + "/" + $0 } }
        // Unlinking waits on the disk more than on the CPU: eight at a time take about half
        // the wall time two do (0.8 s against 1.7 s for a 10,000-form site, measured here).
        children.forEach(threads: 8) { path in
            if unlink(path) != 0 { try? FileManager.default.removeItem(atPath: path) }   // a folder
        }
        tops.forEach(threads: 8) { try? FileManager.default.removeItem(atPath: $0) }
        try? fm.removeItem(at: folder)
    }

    /// Relative, no `..`, no absolute path, no empty component.
    static func isSafe(_ path: String) -> Bool {
        // On the bytes: every page and data file passes through here.
        var path = path
        return path.withUTF8 { b -> Bool in
            guard !b.isEmpty, b[0] != 0x2F else { return false }
            var start = 0
            for i in 0...b.count {
                if i < b.count {
                    if b[i] == 0x5C { return false }       // a backslash
                    if b[i] != 0x2F { continue }
                }
                // The component start..<i: not empty, not "." or "..".
                let n = i - start
                if n == 0 || (n == 1 && b[start] == 0x2E) || (n == 2 && b[start] == 0x2E && b[start + 1] == 0x2E) { return false }
                start = i + 1
            }
            return true
        }
    }

    /// The folder part of a relative path ("" for a file at the root), without Foundation's
    /// path parsing.
    static func folder(of path: String) -> Substring {
        guard let slash = path.utf8.lastIndex(of: 0x2F) else { return "" }
        return path[..<slash]
    }
}

/// Where a build writes the site: a whole new copy swapped in (`StagedSite`), or the
/// changed files only, moved into the old site (`PatchedSite`). Either way nothing in the
/// output changes until `commit`. The builder clears killed builds' leftovers
/// (`SiteWriter.removeLeftovers`) before it makes one.
protocol SiteOutput: AnyObject, Sendable {
    /// Writes one file of `head` then `bytes` (`head` mostly empty); safe to call from
    /// several threads.
    func write(_ path: String, head: UnsafeRawBufferPointer, bytes: UnsafeRawBufferPointer) throws
    /// A large data file made of chunks (bytes, or ranges of the old site's file at `path`),
    /// fingerprinted by `fingerprint` from what `body` returns.
    func write<T>(_ path: String, chunks body: ((ExportPieces.Chunk) -> Void) -> T, fingerprint: (T) -> UInt64) throws -> T
    /// A file the build did not make again: it stays as the old site has it.
    func keep(_ path: String)
    /// A page the build did not make again, with its Markdown copy (a page's path ends in
    /// `.html`) and the `also` files made with it: they stay as the old site has them. The
    /// caller knows the old site has them all (the page plan keeps only pages the last build
    /// made, whose files the old site's fingerprints hold), so they are not looked up.
    func keepPage(_ path: String, also: [String])
    func commit() throws -> SiteWriter.Outcome
    func abandon()
}

extension SiteOutput {
    func write(_ path: String, bytes: UnsafeRawBufferPointer) throws {
        try write(path, head: UnsafeRawBufferPointer(start: nil, count: 0), bytes: bytes)
    }

    func write(_ path: String, _ data: Data) throws {
        try data.withUnsafeBytes { try write(path, bytes: $0) }
    }

    func write(_ path: String, _ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write(path, bytes: $0) }
    }

    /// Writes a page from the string's own UTF-8 storage (no copy into a `Data`).
    func write(_ path: String, _ text: String) throws {
        var text = text
        try text.withUTF8 { try write(path, bytes: UnsafeRawBufferPointer($0)) }
    }
}

extension SiteWriter {
    /// The folder beside `output` where a build of `kind` (`new`, `patch`) stages its files.
    static func staging(for output: URL, _ kind: String) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).\(kind)-\(ProcessInfo.processInfo.processIdentifier)")
    }

    /// That folder, made anew and empty.
    static func emptyStaging(for output: URL, _ kind: String) throws -> URL {
        let folder = staging(for: output, kind)
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// What `writeChunks` wrote: the body's result; the ranges it copied from the old file
    /// (`copies`, for the next build's `Spare.Note`, kept only with a spare); how many bytes
    /// it left in place in the spare instead of copying them (`leftInPlace`); and the new file.
    struct Written<T> {
        var result: T
        var copies: [Spare.Same] = []
        var leftInPlace = 0
        var file: Spare.FileIdentity?
    }

    /// Writes `body`'s chunks to `path`, copying ranges of `old` (opened on first use); over
    /// the file at `spare` when it can be taken (see `Spare`), else into a new file. Over a
    /// spare, the ranges `note` says it has already (the old file's bytes, where this file
    /// puts them) are left as they are, not copied.
    static func writeChunks<T>(_ path: String, old: String, spare: String? = nil, note: Spare.Note? = nil,
                               _ body: ((ExportPieces.Chunk) -> Void) -> T) throws -> Written<T> {
        let (fd, tookSpare) = try Spare.open(spare, at: path)
        defer { close(fd) }
        var oldFD: Int32 = -1
        defer { if oldFD >= 0 { close(oldFD) } }
        func openOld() -> Bool {
            if oldFD < 0 { oldFD = open(old, O_RDONLY | O_CLOEXEC) }
            return oldFD >= 0
        }
        // What the spare already has, by the note written of these two very files.
        var there: [Spare.Same] = []
        if tookSpare, let note, openOld(), let s = Spare.FileIdentity(fd), let o = Spare.FileIdentity(oldFD) {
            there = note.ranges(spare: s, live: o) ?? []
        }
        var copies: [Spare.Same] = [], leftInPlace = 0
        var buffer: [UInt8] = []
        var failure: String?
        var offset = 0                      // where the next chunk goes in the new file
        func flush() {
            guard failure == nil, !buffer.isEmpty else { buffer.removeAll(keepingCapacity: true); return }
            do { try buffer.withUnsafeBytes { try writeAll(fd, $0, path) } } catch { failure = "\(error)" }
            buffer.removeAll(keepingCapacity: true)
        }
        /// Copies `length` bytes of the old file at `from` to the current position.
        func copy(from: Int, length: Int) {
            var from = Int64(from), left = length
            // In the kernel where it can; by reading and writing where it cannot.
            while left > 0, failure == nil {
                let n = Int(jixiao_copy_range(oldFD, &from, fd, UInt64(left)))
                if n > 0 { left -= n; continue }
                if n < 0, errno == EINTR { continue }
                var bytes = [UInt8](repeating: 0, count: left)
                let got = bytes.withUnsafeMutableBytes { pread(oldFD, $0.baseAddress, left, off_t(from)) }
                guard got == left else { failure = "\(old) is shorter than the last build left it"; return }
                do { try bytes.withUnsafeBytes { try writeAll(fd, $0, path) } } catch { failure = "\(error)" }
                left = 0
            }
        }
        let result = body { chunk in
            switch chunk {
            case .bytes(let b):
                buffer += b
                offset += b.count
                if buffer.count > 1 << 20 { flush() }
            case .copy(let piece):
                let here = offset
                offset += piece.length
                if spare != nil, copies.count < Spare.Note.most {
                    copies.append(Spare.Same(live: here, spare: piece.offset, length: piece.length))
                }
                flush()
                guard failure == nil else { return }
                guard openOld() else { failure = "cannot read \(old)"; return }
                // The parts the spare has where they go are skipped over; the rest is copied.
                var done = 0
                for r in Spare.Same.within(there, old: piece.offset, length: piece.length, at: here) {
                    copy(from: piece.offset + done, length: r.lowerBound - done)
                    guard failure == nil else { return }
                    guard lseek(fd, off_t(r.count), SEEK_CUR) >= 0 else {
                        failure = "cannot write \(path): \(String(cString: strerror(errno)))"
                        return
                    }
                    leftInPlace += r.count
                    done = r.upperBound
                }
                copy(from: piece.offset + done, length: piece.length - done)
            }
        }
        flush()
        if failure == nil, !Spare.cut(fd) { failure = "cannot write \(path): \(String(cString: strerror(errno)))" }
        if let failure { throw WriteError.io(failure) }
        return Written(result: result, copies: copies, leftInPlace: leftInPlace,
                       file: spare == nil ? nil : Spare.FileIdentity(fd))
    }

    static func writeAll(_ fd: Int32, _ raw: UnsafeRawBufferPointer, _ path: String) throws {
        var offset = 0
        while offset < raw.count {
            let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw WriteError.io("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }
}

/// The files remade whole on every rebuild (the data files, the build state): each is written
/// over the copy the build before last left (its spare), not into a new file. A new file is
/// pages of memory the kernel must find, and the file it replaces gives them all back when the
/// rename drops it: at 10,000 forms 85 MB each way, about a tenth of a +1 rebuild's CPU. So the
/// replaced file is kept under a second name in `.jixiao-cache/` instead, and the build after
/// next writes over it in place and cuts it to its new length. A spare is written over only
/// when nothing else can see it (see `jixiao_open_spare`): no other name (so never a file of
/// the site), nobody reading it (a download of the old file still being served), and all its
/// pages in memory (writing over pages the disk must first give back would cost more).
enum Spare {
    /// A file at `path` to write from its start: the spare at `spare` moved there when it can
    /// be taken (`tookSpare`), else a new file. End it with `cut`.
    static func open(_ spare: String?, at path: String) throws -> (fd: Int32, tookSpare: Bool) {
        if let fd = spare.flatMap({ take($0, to: path) }) { return (fd, true) }
        return (try SiteWriter.openNew(path), false)
    }

    /// Moves the spare at `spare` to `path` and opens it to be written over from its start;
    /// nil, with nothing left at `path`, when there is none or it may not be written over.
    private static func take(_ spare: String, to path: String) -> Int32? {
        guard rename(spare, path) == 0 else { return nil }
        let fd = jixiao_open_spare(path)
        if fd >= 0 { return fd }
        unlink(path)
        return nil
    }

    /// Ends a file from `open` where the writing stopped (a new file is that long already; a
    /// spare may be longer). False (errno set) on failure.
    static func cut(_ fd: Int32) -> Bool {
        let end = lseek(fd, 0, SEEK_CUR)
        return end >= 0 && ftruncate(fd, end) == 0
    }

    /// Gives the file at `live` the second name `spare`, so that the new file replacing it
    /// leaves it whole (with its pages) for the build after next. Best effort.
    static func keep(_ live: String, as spare: String) {
        unlink(spare)
        if link(live, spare) != 0, errno == ENOENT {
            try? FileManager.default.createDirectory(atPath: (spare as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            link(live, spare)
        }
    }

    /// Makes the file at `path` (not needed after all) the spare again.
    static func putBack(_ path: String, as spare: String) {
        if rename(path, spare) != 0 { unlink(path) }
    }

    /// One file, as `stat` tells it apart from every other and from itself changed: device,
    /// inode, size and modification time (to the nanosecond; any write sets it).
    struct FileIdentity: Equatable {
        var fields: [Int]

        init?(_ fd: Int32) {
            var st = stat()
            guard fstat(fd, &st) == 0 else { return nil }
            self.init(st)
        }

        init?(path: String) {
            var st = stat()
            guard stat(path, &st) == 0 else { return nil }
            self.init(st)
        }

        private init(_ st: stat) {
            fields = [Int(st.st_dev), Int(st.st_ino), Int(st.st_size), Int(st.st_mtim.tv_sec), Int(st.st_mtim.tv_nsec)]
        }

        init?(fields: ArraySlice<Int>) {
            guard fields.count == 5 else { return nil }
            self.fields = Array(fields)
        }

        var size: Int { fields[2] }
    }

    /// `length` bytes that one file has at `live` and the other at `spare`.
    struct Same: Equatable {
        var live: Int
        var spare: Int
        var length: Int

        /// The parts of a copy of the old (live) file's `length` bytes at `old` to `at` in the
        /// spare that the spare has there already, as offsets into the copy, in order and
        /// apart (one part where ranges meet). `ranges` is sorted by `live`.
        static func within(_ ranges: [Same], old: Int, length: Int, at: Int) -> [Range<Int>] {
            guard !ranges.isEmpty, length > 0 else { return [] }
            // The first range that may reach into the copy: the last one starting at or before it.
            var low = 0, high = ranges.count
            while low < high {
                let mid = (low + high) / 2
                if ranges[mid].live <= old { low = mid + 1 } else { high = mid }
            }
            var parts: [Range<Int>] = []
            var next = 0                    // offsets into the copy below this are decided
            for r in ranges[max(0, low - 1)...] {
                if r.live >= old + length { break }
                // The same bytes must land where the spare has them: the same shift both ways.
                guard r.spare - r.live == at - old else { continue }
                let from = max(r.live, old + next), to = min(r.live + r.length, old + length)
                guard from < to else { continue }
                if let last = parts.last, last.upperBound == from - old {
                    parts[parts.count - 1] = last.lowerBound..<(to - old)
                } else {
                    parts.append((from - old)..<(to - old))
                }
                next = to - old
            }
            return parts
        }
    }

    /// What a rebuild leaves beside a data file's spare (at the spare's path + `.same`): the
    /// ranges that the spare and the file now in the site, these two very files, have the same
    /// bytes in. A rebuild copies most of the old file's records, and the spare, two builds
    /// old, has most of them where the copies go already (a new submission lists last, so a
    /// +1 rebuild's file is the file of two builds before with one record more): the next
    /// rebuild leaves those bytes as they are instead of copying 80 MB at 10,000 forms.
    /// Anything that changed either file since (written, replaced, a full build in between)
    /// changes its identity, and the note no longer describes them.
    struct Note: Equatable {
        /// The new file and the old one of the build that wrote the note.
        var new: FileIdentity
        var old: FileIdentity
        /// `live`: offsets in the new file; `spare`: in the old one.
        var same: [Same]

        /// At most this many ranges are noted (the first ones; a note need not name them all).
        static let most = 10_000

        /// The ranges, with `live` in `live` and `spare` in `spare`, sorted by `live`, when
        /// those are the two files the note was written of (a range past either file's end
        /// is dropped: skipping it would leave a hole).
        func ranges(spare: FileIdentity, live: FileIdentity) -> [Same]? {
            let turned: [Same]
            if spare == old, live == new {
                turned = same
            } else if spare == new, live == old {
                turned = same.map { Same(live: $0.spare, spare: $0.live, length: $0.length) }
            } else {
                return nil
            }
            return turned.filter { $0.live + $0.length <= live.size && $0.spare + $0.length <= spare.size }
                .sorted { $0.live < $1.live }
        }

        static func path(of spare: String) -> String { spare + ".same" }

        /// The note beside `spare`, nil for none or one that cannot be read.
        static func read(_ spare: String) -> Note? {
            guard let data = FileManager.default.contents(atPath: path(of: spare)) else { return nil }
            let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
            func numbers(_ line: Substring) -> [Int]? {
                let fields = line.split(separator: " ")
                let values = fields.compactMap { Int($0) }
                return values.count == fields.count ? values : nil
            }
            guard lines.count >= 2, let head = numbers(lines[0]), head.count == 11, head[0] == lines.count - 1,
                  let new = FileIdentity(fields: head[1..<6]), let old = FileIdentity(fields: head[6..<11]) else { return nil }
            var same: [Same] = []
            for line in lines.dropFirst() {
                guard let n = numbers(line), n.count == 3, n.allSatisfy({ $0 >= 0 }) else { return nil }
                same.append(Same(live: n[0], spare: n[1], length: n[2]))
            }
            return Note(new: new, old: old, same: same)
        }

        /// Written beside `spare` (replacing the note there), or the old note removed when
        /// this one cannot be written. The first line: how many ranges follow and the two
        /// files; then a range a line.
        func write(beside spare: String) {
            let path = Self.path(of: spare), temporary = path + ".new"
            var text = ([same.count] + new.fields + old.fields).map(String.init).joined(separator: " ") + "\n"
            for r in same { text += "\(r.live) \(r.spare) \(r.length)\n" }
            if (try? SiteWriter.create(temporary, Data(text.utf8))) == nil || rename(temporary, path) != 0 {
                unlink(temporary)
                unlink(path)
            }
        }
    }
}

/// A site being written: files go into a staging folder beside the output as they are
/// produced (so a build never holds the whole site in memory), unchanged ones as hard links
/// to the old site; `commit` swaps it in atomically, `abandon` removes it.
public final class StagedSite: SiteOutput, @unchecked Sendable {
    private let fm = FileManager.default
    private let outputURL: URL
    private let staging: URL
    private let previous: OutputFingerprints
    private let hadOutput: Bool
    private let lock = NSLock()
    private let folders: SiteWriter.Folders
    private var outcome = SiteWriter.Outcome()
    /// The two folders' paths, joined to relative paths as strings (a URL per file parses
    /// and percent-encodes each one).
    private let stagingPath: String, outputPath: String

    init(output: String, previous: OutputFingerprints) throws {
        outputURL = URL(fileURLWithPath: output).standardizedFileURL
        staging = try SiteWriter.emptyStaging(for: outputURL, "new")
        folders = SiteWriter.Folders(root: staging.path)
        stagingPath = staging.path
        outputPath = outputURL.path
        self.previous = previous
        hadOutput = fm.fileExists(atPath: outputURL.path)
    }

    func write(_ path: String, head: UnsafeRawBufferPointer, bytes data: UnsafeRawBufferPointer) throws {
        guard SiteWriter.isSafe(path) else { throw SiteWriter.WriteError.unsafePath(path) }
        let target = stagingPath + "/" + path
        let fingerprint = Digest.value(head, data)
        try folders.make(for: path)
        let unchanged = hadOutput && previous[path] == fingerprint && link(outputPath + "/" + path, target) == 0
        if !unchanged { try SiteWriter.create(target, head: head, body: data) }
        // One locked step per file: both cores write pages, and each lock they meet is a
        // chance to queue for it.
        lock.lock()
        outcome.fingerprints[path] = fingerprint
        if unchanged { outcome.unchanged += 1 } else { outcome.written += 1 }
        lock.unlock()
    }


    func write<T>(_ path: String, chunks body: ((ExportPieces.Chunk) -> Void) -> T, fingerprint: (T) -> UInt64) throws -> T {
        guard SiteWriter.isSafe(path) else { throw SiteWriter.WriteError.unsafePath(path) }
        let target = stagingPath + "/" + path
        try folders.make(for: path)
        let result = try SiteWriter.writeChunks(target, old: outputPath + "/" + path, body).result
        let digest = fingerprint(result)
        lock.lock(); outcome.fingerprints[path] = digest; lock.unlock()
        // Unchanged: the old file takes the new one's place (the new one stays if it cannot).
        if hadOutput, previous[path] == digest, link(outputPath + "/" + path, target + ".old") == 0 {
            if rename(target + ".old", target) == 0 {
                lock.lock(); outcome.unchanged += 1; lock.unlock()
                return result
            }
            unlink(target + ".old")
        }
        lock.lock(); outcome.written += 1; lock.unlock()
        return result
    }

    /// A whole new site keeps nothing: every file is written (or linked when unchanged).
    public func keep(_ path: String) {}

    func keepPage(_ path: String, also: [String]) {}

    /// Swaps the staged site in for the old one in one atomic step.
    public func commit() throws -> SiteWriter.Outcome {
        if hadOutput {
            if jixiao_exchange(staging.path, outputURL.path) == 0 {
                SiteWriter.remove(staging)                 // now the old site
            } else {
                let old = SiteWriter.staging(for: outputURL, "old")
                try fm.moveItem(at: outputURL, to: old)
                try fm.moveItem(at: staging, to: outputURL)
                SiteWriter.remove(old)
            }
        } else {
            try fm.moveItem(at: staging, to: outputURL)
        }
        return outcome
    }

    /// Removes the staging folder; the old site is untouched.
    public func abandon() { try? fm.removeItem(at: staging) }
}

/// A rebuild's output: only the files that changed are written, into a folder beside the
/// site; `commit` writes the list of moves and removals first, then moves each file into
/// the site (one atomic rename per file) and removes the files the site no longer has. A
/// build that fails before `commit` leaves the site as it was; one killed during `commit`
/// is finished by the next build from the list.
public final class PatchedSite: SiteOutput, @unchecked Sendable {
    private let fm = FileManager.default
    private let outputURL: URL
    private let staging: URL
    private let previous: OutputFingerprints
    private let lock = NSLock()
    private let folders: SiteWriter.Folders
    /// Path → fingerprint of every file the new site has: the old site's, with the files
    /// written put in (and at `commit` the ones no longer made taken out); `written` those to
    /// move in. (Started from the old site's, not filled path by path: most are kept.)
    private var fingerprints: OutputFingerprints
    private var written: [String] = []
    private var unchanged = 0
    private var leftInPlace = 0
    /// How many of the old site's files this build has made or kept (each is made or kept
    /// once), and which paths it made or kept (looked at only when that is not all of them).
    private var kept = 0
    private var touched: [String] = []
    /// Pages kept with `keepPage`: their Markdown copies are kept too (their paths are made
    /// only when `touched` is looked at).
    private var pagesKept: [String] = []
    #if DEBUG
    /// The tests' check that no path is made or kept twice (which would miscount `kept`).
    private var seen: Set<String> = []
    #endif
    private let stagingPath: String, outputPath: String
    /// Where the data files' spares are kept (see `Spare`), nil for none.
    private let spares: String?

    static let commitList = ".commit"

    init(output: String, previous: OutputFingerprints, spares: String? = nil) throws {
        self.spares = spares
        outputURL = URL(fileURLWithPath: output).standardizedFileURL
        staging = try SiteWriter.emptyStaging(for: outputURL, "patch")
        folders = SiteWriter.Folders(root: staging.path)
        stagingPath = staging.path
        outputPath = outputURL.path
        self.previous = previous
        fingerprints = previous
        touched.reserveCapacity(previous.count)
    }

    func write(_ path: String, head: UnsafeRawBufferPointer, bytes: UnsafeRawBufferPointer) throws {
        guard SiteWriter.isSafe(path) else { throw SiteWriter.WriteError.unsafePath(path) }
        let fingerprint = Digest.value(head, bytes)
        let old = previous[path]
        if old == fingerprint {
            record(path, fingerprint, written: false, wasThere: true)
            return
        }
        try folders.make(for: path)
        try SiteWriter.create(stagingPath + "/" + path, head: head, body: bytes)
        record(path, fingerprint, written: true, wasThere: old != nil)
    }

    func write<T>(_ path: String, chunks body: ((ExportPieces.Chunk) -> Void) -> T, fingerprint: (T) -> UInt64) throws -> T {
        guard SiteWriter.isSafe(path) else { throw SiteWriter.WriteError.unsafePath(path) }
        try folders.make(for: path)
        let target = stagingPath + "/" + path, live = outputPath + "/" + path
        let spare = spares.map { $0 + "/" + path }
        let note = spare.flatMap(Spare.Note.read)
        let written = try SiteWriter.writeChunks(target, old: live, spare: spare, note: note, body)
        let digest = fingerprint(written.result)
        let old = previous[path]
        let liveFile = Spare.FileIdentity(path: live)
        if old == digest {
            if let spare { Spare.putBack(target, as: spare) } else { unlink(target) }
            record(path, digest, written: false, wasThere: true)
        } else {
            // The file this one replaces is the spare of the build after next.
            if let spare, old != nil { Spare.keep(live, as: spare) }
            record(path, digest, written: true, wasThere: old != nil)
        }
        // Either way the spare and the site's file are now the new file and the old one.
        if let spare {
            if let liveFile, let newFile = written.file, liveFile != newFile {
                Spare.Note(new: newFile, old: liveFile, same: written.copies).write(beside: spare)
            } else {
                unlink(Spare.Note.path(of: spare))
            }
        }
        lock.lock(); leftInPlace += written.leftInPlace; lock.unlock()
        return written.result
    }

    public func keep(_ path: String) {
        guard let fingerprint = previous[path] else { return }
        record(path, fingerprint, written: false, wasThere: true)
    }

    func keepPage(_ path: String, also: [String]) {
        // One lock and no lookups: a +1 rebuild keeps 10,000 pages of 10,000 forms, and
        // looking up each page and its copy among the old site's 22,000 paths was a
        // thirtieth of it.
        lock.lock()
        keepKnown(path)
        for file in also { keepKnown(file) }
        lock.unlock()
    }

    /// A file of the old site kept, with its Markdown copy when it is a page; under `lock`.
    private func keepKnown(_ file: String) {
        let page = file.hasSuffix(".html")
        #if DEBUG
        for kept in [file] + (page ? [Paths.markdown(of: file)] : []) {
            precondition(previous[kept] != nil, "\(kept) kept but not in the old site")
            precondition(seen.insert(kept).inserted, "\(kept) made or kept twice")
        }
        #endif
        let files = page ? 2 : 1
        kept += files
        unchanged += files
        if page { pagesKept.append(file) } else { touched.append(file) }
    }

    /// `wasThere`: the old site has a file at `path`. (A file kept, or written with the bytes
    /// it had, has its old fingerprint in `fingerprints` already.)
    private func record(_ path: String, _ fingerprint: UInt64, written isWritten: Bool, wasThere: Bool) {
        lock.lock()
        #if DEBUG
        precondition(seen.insert(path).inserted, "\(path) made or kept twice")
        #endif
        if wasThere { kept += 1 }
        touched.append(path)
        if isWritten {
            fingerprints[path] = fingerprint
            written.append(path)
        } else {
            unchanged += 1
        }
        lock.unlock()
    }

    public func commit() throws -> SiteWriter.Outcome {
        // The old site's files this build has not made or kept are removed; when it made or
        // kept every one (a build that only adds, the common rebuild), there are none to look for.
        var removed: [String] = []
        if kept != previous.count {
            var made = Set(touched)
            for page in pagesKept {
                made.insert(page)
                if page.hasSuffix(".html") { made.insert(Paths.markdown(of: page)) }
            }
            removed = previous.paths.filter { !made.contains($0) }.sorted()
            for path in removed { fingerprints[path] = nil }
        }
        var list = written.sorted().map { "W " + $0 } + removed.map { "D " + $0 }
        list.append("")
        let listPath = staging.path + "/" + Self.commitList
        try SiteWriter.create(listPath + ".new", Data(list.joined(separator: "\n").utf8))
        guard rename(listPath + ".new", listPath) == 0 else { throw SiteWriter.WriteError.io("cannot write \(listPath)") }
        Self.rollForward(staging, into: outputURL)
        try? fm.removeItem(at: staging)
        return SiteWriter.Outcome(written: written.count, unchanged: unchanged, leftInPlace: leftInPlace, fingerprints: fingerprints)
    }

    /// Carries out a patch's commit list: moves its files into the site, removes the files
    /// the list names. Each step can be done again, so a list half carried out is finished.
    static func rollForward(_ patch: URL, into output: URL) {
        guard let data = FileManager.default.contents(atPath: patch.path + "/" + commitList) else { return }
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.count > 2 {
            let path = String(line.dropFirst(2))
            guard SiteWriter.isSafe(path) else { continue }
            let target = output.path + "/" + path
            if line.hasPrefix("W ") {
                let source = patch.path + "/" + path
                guard FileManager.default.fileExists(atPath: source) else { continue }
                try? FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                rename(source, target)
            } else if line.hasPrefix("D ") {
                unlink(target)
            }
        }
    }

    public func abandon() { try? fm.removeItem(at: staging) }
}
