import Foundation

/// The byte format of `.jixiao-cache/SITE.state` (SITE: the output folder's name): LEB128
/// integers, doubles as their bit patterns, strings as a length and UTF-8 bytes (or, for the
/// texts many records repeat, as a number in the table at the end, see `StringTable`),
/// optionals behind a 0/1 byte. Field by
/// field, in the order `BuildState` writes them: a rebuild reads the whole corpus's records
/// and findings back, and Codable's keyed containers (JSON, property lists) took 3 s and
/// 9 s for a 10,000-form corpus where this takes a few tens of milliseconds. The file
/// starts with a format tag and the length of the head that follows it (see
/// `BuildState.load`); anything unexpected makes the reader fail, and the build then
/// starts from scratch.
struct StateWriter {
    private(set) var bytes: [UInt8] = []
    /// Bytes handed on by `drain` so far.
    private(set) var drained = 0
    /// Numbers of the texts written with `shared` (see `StringTable`).
    var numbers = StringNumbers(extending: nil)

    /// Bytes written so far, drained or not.
    var written: Int { drained + bytes.count }

    mutating func int(_ v: Int) {
        var u = UInt64(bitPattern: Int64(v))
        // Zigzag, so small negative numbers stay short.
        u = (u << 1) ^ UInt64(bitPattern: Int64(v) >> 63)
        while u >= 0x80 {
            bytes.append(UInt8(u & 0x7F) | 0x80)
            u >>= 7
        }
        bytes.append(UInt8(u))
    }

    mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }

    mutating func uint64(_ v: UInt64) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func double(_ v: Double) { uint64(v.bitPattern) }

    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { string(utf8: UnsafeRawBufferPointer($0)) }
    }

    mutating func optional<T>(_ v: T?, _ write: (inout StateWriter, T) -> Void) {
        if let v {
            bool(true)
            write(&self, v)
        } else {
            bool(false)
        }
    }

    mutating func string(_ s: String?) { optional(s) { $0.string($1) } }

    /// A text from its UTF-8: its length, then its bytes.
    mutating func string(utf8: UnsafeRawBufferPointer) {
        int(utf8.count)
        bytes.append(contentsOf: utf8)
    }

    /// A text many records repeat, as its number in the state's table of such texts.
    mutating func shared(_ s: String) { int(numbers.number(of: s)) }
    mutating func shared(_ s: String?) { optional(s) { $0.shared($1) } }
    mutating func int(_ v: Int?) { optional(v) { $0.int($1) } }
    mutating func double(_ v: Double?) { optional(v) { $0.double($1) } }

    mutating func array<T>(_ items: [T], _ write: (inout StateWriter, T) -> Void) {
        int(items.count)
        for item in items { write(&self, item) }
    }

    /// Eight bytes for a length written later by `fillLength(at:)` (a part of the state whose
    /// length is known only once it is written); returns where they are.
    mutating func reserveLength() -> Int {
        uint64(0)
        return bytes.count - 8
    }

    /// Fills the length reserved at `at` with the number of bytes written after it.
    mutating func fillLength(at: Int) {
        patch(UInt64(bytes.count - at - 8), at: at)
    }

    /// Writes `value` (as `uint64` does) over the eight bytes at `at` of `bytes`.
    mutating func patch(_ value: UInt64, at: Int) {
        withUnsafeBytes(of: value.littleEndian) { for (k, b) in $0.enumerated() { bytes[at + k] = b } }
    }

    /// Bytes already encoded (a part of a loaded state, copied as it is).
    mutating func raw(_ encoded: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: encoded)
    }

    /// Hands what was written so far to `body`, then starts again in the same memory (for
    /// writing a large state in pieces).
    mutating func drain(_ body: (UnsafeRawBufferPointer) -> Void) {
        bytes.withUnsafeBytes(body)
        drained += bytes.count
        bytes.removeAll(keepingCapacity: true)
    }
}

/// Reads what `StateWriter` wrote; every read throws on running past the end or on a
/// malformed value.
struct StateReader {
    struct Malformed: Error {}

    private let base: UnsafeRawBufferPointer
    /// The loaded state whose bytes are read, when they are one's: texts can then be left in
    /// them until asked for (`storedString`, `sharedText`).
    private let source: StateBytes?
    private var at = 0
    /// The texts `sharedString` and `sharedText` refer to by number: where each lies in the
    /// bytes read, the String made of it once it was asked for as one, and which numbers
    /// were read.
    private var table: [Range<Int>] = []
    private var made: [String?] = []
    private(set) var used: [Bool] = []

    init(_ buffer: UnsafeRawBufferPointer) {
        base = buffer
        source = nil
    }

    /// A reader of a loaded state's bytes.
    init(_ state: StateBytes) {
        base = state.buffer
        source = state
    }

    /// What is read.
    var buffer: UnsafeRawBufferPointer { base }

    /// Sets the table the shared texts that follow are numbers in: ranges of the bytes read.
    mutating func use(table: [Range<Int>]) {
        self.table = table
        made = [String?](repeating: nil, count: table.count)
        used = [Bool](repeating: false, count: table.count)
    }

    var isAtEnd: Bool { at == base.count }

    /// How many bytes have been read.
    var offset: Int { at }

    /// A number as `StateWriter.int` wrote it (zigzag, then seven bits a byte). Most are
    /// below 64 and take one byte: read here without a call (a rebuild reads half a million).
    @inline(__always)
    mutating func int() throws -> Int {
        if at < base.count {
            let b = base[at]
            if b < 0x80 {
                at += 1
                let u = Int(b)
                return (u >> 1) ^ -(u & 1)
            }
        }
        return try longInt()
    }

    @inline(never)
    private mutating func longInt() throws -> Int {
        var u: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard at < base.count, shift < 64 else { throw Malformed() }
            let b = base[at]
            at += 1
            u |= UInt64(b & 0x7F) << shift
            if b < 0x80 { break }
            shift += 7
        }
        return Int(Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1))))
    }

    mutating func count() throws -> Int {
        let n = try int()
        guard n >= 0, n <= base.count - at else { throw Malformed() }
        return n
    }

    mutating func bool() throws -> Bool {
        guard at < base.count, base[at] <= 1 else { throw Malformed() }
        at += 1
        return base[at - 1] == 1
    }

    /// Passes over `n` bytes.
    mutating func skip(_ n: Int) throws {
        guard n >= 0, n <= base.count - at else { throw Malformed() }
        at += n
    }

    mutating func uint64() throws -> UInt64 {
        guard base.count - at >= 8 else { throw Malformed() }
        var v: UInt64 = 0
        withUnsafeMutableBytes(of: &v) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: base[at..<(at + 8)])) }
        at += 8
        return UInt64(littleEndian: v)
    }

    mutating func double() throws -> Double { Double(bitPattern: try uint64()) }

    /// Where the next text (as `string` reads it) is in the bytes, skipping it.
    mutating func stringRange() throws -> Range<Int> {
        let n = try count()
        defer { at += n }
        return at..<(at + n)
    }

    /// The next text, left in the loaded state's bytes (see `StoredText`).
    mutating func storedString() throws -> StoredText {
        guard let source else { throw Malformed() }
        return .stored(source, try stringRange())
    }

    mutating func string() throws -> String { text(at: try stringRange()) }

    /// The text in `range` of the bytes read.
    private func text(at range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: base[range]), as: UTF8.self)
    }

    /// A text that many records repeat (a finding's kind, an agency, a path), by its number
    /// in the table (see `StringTable`), made into a String the first time it is read.
    mutating func sharedString() throws -> String {
        let n = try sharedNumber()
        if let s = made[n] { return s }
        let s = text(at: table[n])
        made[n] = s
        return s
    }

    /// A shared text left in the state's bytes until someone asks for it: a finding's message.
    /// A state of 10,000 forms holds 16,000 distinct messages, and a rebuild shows a few
    /// pages of them; making them all into Strings as the state was read (a UTF-8 check, an
    /// allocation and a copy each) was a sixteenth of a +1 rebuild's instructions.
    mutating func sharedText() throws -> StoredText {
        let n = try sharedNumber()
        guard let source else { throw Malformed() }
        return .stored(source, table[n])
    }

    private mutating func sharedNumber() throws -> Int {
        let n = try int()
        guard n >= 0, n < table.count else { throw Malformed() }
        used[n] = true
        return n
    }

    mutating func optionalSharedString() throws -> String? { try bool() ? sharedString() : nil }

    mutating func optional<T>(_ read: (inout StateReader) throws -> T) throws -> T? {
        try bool() ? read(&self) : nil
    }

    mutating func optionalString() throws -> String? { try optional { try $0.string() } }
    mutating func optionalInt() throws -> Int? { try optional { try $0.int() } }
    mutating func optionalDouble() throws -> Double? { try optional { try $0.double() } }

    mutating func array<T>(_ read: (inout StateReader) throws -> T) throws -> [T] {
        let n = try int()
        // Every element takes at least a byte: a count beyond the bytes left is corrupt.
        guard n >= 0, n <= base.count - at else { throw Malformed() }
        var out: [T] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try read(&self)) }
        return out
    }
}

/// Texts many records repeat (a finding's kind and message, an agency, a path, a name), each
/// stored once, at the end of the state, and written elsewhere as its number. At 10,000
/// forms the state holds 92,000 findings with 16,000 distinct messages and thirty kinds, and
/// 10,000 records from a few hundred agencies: reading each text anew (an allocation, a
/// UTF-8 check and a copy) and then recognising repeats by hashing their bytes was a sixth
/// of a rebuild; a number is read in a few nanoseconds, and the state is two fifths smaller.
///
/// A rebuild copies the encoding of the documents it did not change from the last state
/// (`BuildState.StoredDocument.encoded`), numbers and all, so the table it writes is the last
/// one with the new texts after it: the old numbers keep their meaning. Texts no document
/// uses any more stay until more than half the table is such; the table is then made anew
/// and every document encoded again (see `BuildState.save`).
struct StringTable: Sendable {
    /// The loaded state's bytes (`BuildState.source`).
    let source: StateBytes
    /// Where each text lies in them, by number.
    let texts: [Range<Int>]
    /// Where the whole table's encoding lies in them.
    var bytes: Range<Int>
    /// How many of them the loaded documents use.
    var used: Int

    /// How many texts the table has.
    var count: Int { texts.count }

    /// The texts, by number (a build needs only their count: the texts it adds are numbered
    /// after them, and the table itself is copied as bytes).
    var strings: [String] { texts.map { StoredText.stored(source, $0).string } }

    /// Whether a state saved from this one should keep this table (and copy documents that
    /// use it) rather than start a new one.
    var worthKeeping: Bool { used * 2 >= count }
}

/// The numbers of the texts a state being written shares (`StateWriter.shared`): a loaded
/// table's, then new ones in the order met. Texts are told apart by their bytes, not by
/// canonical equivalence (`String ==`): a text comes back exactly as it was written.
///
/// A document encoded again gets its texts from the new ones, not from the loaded table: a
/// rebuild encodes a few documents again, and indexing the 27,000 texts of a 10,000-form
/// state to find theirs was a sixtieth of a +1 rebuild. The few hundred texts it repeats
/// leave their old copies unused, which counts towards the table being made anew (see
/// `StringTable.worthKeeping`).
struct StringNumbers {
    /// How many texts the table it extends has (numbered first).
    let inherited: Int
    /// The texts numbered after them, in order.
    private(set) var added: [String] = []
    /// The new texts, by open addressing, linear probing, at most half full: a hash of the
    /// text's bytes and its number (-1: empty); made when first needed.
    private var slots: [(hash: UInt64, index: Int32)] = []

    init(extending table: StringTable?) {
        inherited = table?.count ?? 0
    }

    /// How many texts are numbered.
    var count: Int { inherited + added.count }

    mutating func number(of text: String) -> Int {
        if slots.count < 2 * (added.count + 1) { rehash() }
        var text = text
        return text.withUTF8 { bytes in
            let hash = Digest.value(UnsafeRawBufferPointer(bytes))
            let mask = slots.count - 1
            var i = Int(truncatingIfNeeded: hash) & mask
            while slots[i].index >= 0 {
                if slots[i].hash == hash {
                    let n = Int(slots[i].index)
                    var candidate = added[n - inherited]
                    let same = candidate.withUTF8 { $0.count == bytes.count && (bytes.isEmpty || memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0) }
                    if same { return n }
                }
                i = (i + 1) & mask
            }
            slots[i] = (hash, Int32(count))
            added.append(String(decoding: bytes, as: UTF8.self))
            return count - 1
        }
    }

    private mutating func rehash() {
        var size = 1024
        while size < 4 * (added.count + 1) { size *= 2 }
        slots = [(hash: UInt64, index: Int32)](repeating: (0, -1), count: size)
        let mask = size - 1
        for n in inherited..<count {
            var text = added[n - inherited]
            let hash = text.withUTF8 { Digest.value(UnsafeRawBufferPointer($0)) }
            var i = Int(truncatingIfNeeded: hash) & mask
            while slots[i].index >= 0 { i = (i + 1) & mask }
            slots[i] = (hash, Int32(n))
        }
    }
}
