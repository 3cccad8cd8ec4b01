/// The large data files (`projects.json`, `indicators.csv`) as a sequence of records, each
/// made fresh or kept from the last build's file: a rebuild serialises only the records of
/// the submissions that changed and copies the rest byte for byte.
enum ExportPieces {
    /// One record: made now, or the bytes at `Piece` in the previous file.
    enum Item: Sendable {
        case fresh(@Sendable () -> [UInt8])
        case kept(BuildState.Piece)
    }

    /// What to put in the file next.
    enum Chunk {
        case bytes([UInt8])
        case copy(BuildState.Piece)
    }

    /// Emits chunks and counts bytes, so each record's place in the file is known.
    struct Stream {
        let emit: (Chunk) -> Void
        private(set) var offset = 0
        /// A range of the previous file still to copy: kept records that lay one after
        /// another there (with the same separator between them) are copied in one step,
        /// not one system call per record and per separator.
        private var pending: (offset: Int, length: Int)?

        init(emit: @escaping (Chunk) -> Void) { self.emit = emit }

        mutating func bytes(_ b: [UInt8]) {
            guard !b.isEmpty else { return }
            flushCopy()
            emit(.bytes(b))
            offset += b.count
        }

        private mutating func flushCopy() {
            guard let p = pending else { return }
            pending = nil
            if p.length > 0 { emit(.copy(BuildState.Piece(offset: p.offset, length: p.length, fingerprint: 0))) }
        }

        /// The records with `separator` between them; fresh ones are made a batch at a time on
        /// every core, so memory holds a batch, not the file.
        mutating func items(_ items: [Item], separator: [UInt8]) -> [BuildState.Piece] {
            var pieces: [BuildState.Piece] = []
            pieces.reserveCapacity(items.count)
            let batch = 2048
            var previousKept: BuildState.Piece?
            for start in stride(from: 0, to: items.count, by: batch) {
                let range = start..<min(start + batch, items.count)
                let made: [[UInt8]?] = Array(items[range]).parallelMap { item in
                    if case .fresh(let make) = item { return make() }
                    return nil
                }
                for (i, body) in zip(range, made) {
                    if let body {
                        if i > 0 { bytes(separator) }
                        var f = Fingerprint()
                        f.add(body)
                        pieces.append(BuildState.Piece(offset: offset, length: body.count, fingerprint: f.value))
                        bytes(body)
                        previousKept = nil
                    } else if case .kept(let old) = items[i] {
                        // Right after the previous kept record in the old file too: the bytes
                        // between them there are this separator (the same program wrote it).
                        if i > 0, let before = previousKept, pending != nil,
                           old.offset == before.offset + before.length + separator.count {
                            pending!.length += separator.count + old.length
                            offset += separator.count
                        } else {
                            if i > 0 { bytes(separator) }
                            flushCopy()
                            pending = (old.offset, old.length)
                        }
                        pieces.append(BuildState.Piece(offset: offset, length: old.length, fingerprint: old.fingerprint))
                        offset += old.length
                        previousKept = old
                    }
                }
            }
            flushCopy()
            return pieces
        }
    }

    /// A file's fingerprint from its records' (the file is its layout around them).
    static func fingerprint(_ tag: String, _ arrays: [[BuildState.Piece]]) -> UInt64 {
        var f = Fingerprint()
        f.field(tag)
        for pieces in arrays {
            f.field(pieces.count)
            for p in pieces { f.field(p.length); f.field(p.fingerprint) }
        }
        return f.value
    }
}
