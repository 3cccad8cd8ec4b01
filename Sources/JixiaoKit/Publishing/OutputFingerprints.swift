import Foundation

/// Every file of a published site with the fingerprint of its bytes (`BuildState.outputs`).
///
/// A rebuild keeps all but a few dozen of a site's files, so the entries a loaded state holds
/// are left where its bytes have them, paths undecoded: each is found by the fingerprint of
/// its path (and its bytes compared), a changed fingerprint is noted beside it, new files are
/// kept in a dictionary, and saving copies the loaded entries' bytes as they are. At 10,000
/// forms, decoding 22,000 paths into a dictionary and encoding them again was a fortieth of
/// a +1 rebuild. Reading the paths themselves (`paths`) decodes them.
struct OutputFingerprints: Sendable, Equatable {
    /// The loaded state's bytes the entries are in, and where: each entry is a path (its
    /// length, then its UTF-8 bytes) and then its fingerprint's eight bytes.
    private var source: StateBytes?
    private var section: Range<Int> = 0..<0
    /// Where each loaded entry starts in `source`, its fingerprint (the new one when it
    /// changed), whether it is still in the site, and the entries by their path's key.
    private var starts: [Int] = []
    private var fingerprints: [UInt64] = []
    private var removed: [Bool] = []
    private var removedCount = 0
    private var changed: [Int] = []
    private var byKey: [PathKey: Int] = [:]
    /// Files not among the loaded entries.
    private var others: [String: UInt64] = [:]

    init() {}

    init(_ files: [String: UInt64]) { others = files }

    var count: Int { starts.count - removedCount + others.count }
    var isEmpty: Bool { count == 0 }

    subscript(path: String) -> UInt64? {
        get {
            if let i = loadedEntry(path) { return removed[i] ? nil : fingerprints[i] }
            return others[path]
        }
        set {
            guard let i = loadedEntry(path) else { others[path] = newValue; return }
            if let newValue {
                if removed[i] { removed[i] = false; removedCount -= 1 }
                if fingerprints[i] != newValue { fingerprints[i] = newValue; changed.append(i) }
            } else if !removed[i] {
                removed[i] = true
                removedCount += 1
            }
        }
    }

    /// Every file's path, in no particular order.
    var paths: [String] {
        var out = Array(others.keys)
        for i in starts.indices where !removed[i] { out.append(path(i)) }
        return out
    }

    /// Every file with its fingerprint.
    var dictionary: [String: UInt64] {
        var out = others
        for i in starts.indices where !removed[i] { out[path(i)] = fingerprints[i] }
        return out
    }

    static func == (a: OutputFingerprints, b: OutputFingerprints) -> Bool { a.dictionary == b.dictionary }

    // MARK: - Loaded entries

    /// The loaded entry holding `path`, if any (whether or not it was removed since).
    private func loadedEntry(_ path: String) -> Int? {
        guard !starts.isEmpty, let i = byKey[PathKey(path)] else { return nil }
        var path = path
        return path.withUTF8 { utf8 in
            let bytes = pathBytes(i)
            return bytes.count == utf8.count && (bytes.isEmpty || memcmp(bytes.baseAddress!, utf8.baseAddress!, bytes.count) == 0) ? i : nil
        }
    }

    private func pathBytes(_ i: Int) -> UnsafeRawBufferPointer {
        var r = StateReader(UnsafeRawBufferPointer(rebasing: source!.buffer[starts[i]...]))
        let n = (try? r.count()) ?? 0
        return UnsafeRawBufferPointer(rebasing: source!.buffer[(starts[i] + r.offset)..<(starts[i] + r.offset + n)])
    }

    private func path(_ i: Int) -> String { String(decoding: pathBytes(i), as: UTF8.self) }

    // MARK: - Reading and writing

    /// The entries `write` wrote, read in place in `source` (whose buffer `r` reads).
    static func read(_ r: inout StateReader, in source: StateBytes) throws -> OutputFingerprints {
        var o = OutputFingerprints()
        let n = try r.count()
        let first = r.offset
        o.starts.reserveCapacity(n)
        o.fingerprints.reserveCapacity(n)
        o.byKey.reserveCapacity(n)
        var collided = false
        for _ in 0..<n {
            let start = r.offset
            let length = try r.count()
            let bytes = UnsafeRawBufferPointer(rebasing: r.buffer[r.offset..<(r.offset + length)])
            // PathKey's fingerprint of the path, from its bytes where they are.
            var f = Fingerprint()
            f.field(UInt64(length))
            f.add(bytes)
            let key = PathKey(value: f.value)
            try r.skip(length)
            let fingerprint = try r.uint64()
            if o.byKey.updateValue(o.starts.count, forKey: key) != nil { collided = true }
            o.starts.append(start)
            o.fingerprints.append(fingerprint)
        }
        o.removed = [Bool](repeating: false, count: o.starts.count)
        o.section = first..<r.offset
        o.source = source
        // Two paths with one key (never seen; a 64-bit fingerprint): all of them decoded.
        if collided { return OutputFingerprints(o.dictionary) }
        return o
    }

    func write(_ w: inout StateWriter) {
        w.int(count)
        if let source, removedCount == 0 {
            // The loaded entries as they were, then the changed fingerprints over theirs.
            let base = w.bytes.count
            w.raw(UnsafeRawBufferPointer(rebasing: source.buffer[section]))
            for i in changed { w.patch(fingerprints[i], at: base + end(of: i) - 8 - section.lowerBound) }
        } else if let source {
            for i in starts.indices where !removed[i] {
                w.raw(UnsafeRawBufferPointer(rebasing: source.buffer[starts[i]..<(end(of: i) - 8)]))
                w.uint64(fingerprints[i])
            }
        }
        for (path, fingerprint) in others { w.string(path); w.uint64(fingerprint) }
    }

    /// Where loaded entry `i` ends in `source`.
    private func end(of i: Int) -> Int { i + 1 < starts.count ? starts[i + 1] : section.upperBound }
}
