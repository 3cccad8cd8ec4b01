import Foundation

/// Stable digests (not security hashes): a 64-bit `Fingerprint` of content for the build
/// cache and the unchanged-file check; 32-bit FNV-1a, as 8 hex digits, for short stable
/// slugs and ids from names (those appear in URLs, so that function must never change).
enum Digest {
    /// A 64-bit digest as 16 hex digits.
    static func hex(_ hash: UInt64) -> String { hexDigits(hash, count: 16) }

    /// The fingerprint of `bytes` (what the site's files are told apart by).
    static func value(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var fingerprint = Fingerprint()
        fingerprint.add(bytes)
        return fingerprint.value
    }

    /// The fingerprint of `head` and `bytes` one after the other: `value` of the two joined.
    static func value(_ head: UnsafeRawBufferPointer, _ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var fingerprint = Fingerprint()
        fingerprint.add(head)
        fingerprint.add(bytes)
        return fingerprint.value
    }

    /// The fingerprint of `data` (`value`), as 16 hex digits.
    static func hex(_ data: Data) -> String { hex(data.withUnsafeBytes(value)) }

    /// The fingerprint of several byte strings, each delimited by its length, so moving a
    /// byte from one part to the next changes it.
    static func hex(_ parts: [Data]) -> String {
        var fingerprint = Fingerprint()
        for part in parts {
            fingerprint.add(part)
            withUnsafeBytes(of: UInt64(part.count).littleEndian) { fingerprint.add($0) }
        }
        return hex(fingerprint.value)
    }

    /// 32-bit FNV-1a of the UTF-8 of `s`, as 8 hex digits.
    static func fnv32(_ s: String) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in s.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return hexDigits(UInt64(hash), count: 8)
    }

    /// The low `count` nibbles of `value`, most significant first, lower-case.
    private static func hexDigits(_ value: UInt64, count: Int) -> String {
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: count) { out in
            for i in 0..<count {
                let nibble = Int((value >> UInt64(4 * (count - 1 - i))) & 0xF)
                out[i] = digits.utf8Start[nibble]
            }
            return count
        }
    }
}

/// A 64-bit content fingerprint, fed in pieces of any size (the same bytes give the same
/// value however they are split), eight bytes per step: the site's half a gigabyte of
/// pages at 10,000 forms is fingerprinted on every build, and byte-at-a-time FNV-1a cost
/// several times what writing them did.
///
/// Each step is `lane = xorshift(odd × (lane ^ word))`, a bijection of the lane for a given
/// word and of the word for a given lane. Word n goes to lane n mod 4: four independent
/// chains, which the processor runs side by side (one chain waited on each multiply; four
/// fingerprint the pages in about a third of the time). The value chains the lanes that
/// took a word, then the length, through the same step, so two inputs of one length that
/// differ in a single word (one lane) never collide, and zero padding of the final word
/// cannot collide either. A short input (one word) costs what it did with one chain.
/// A site path by the fingerprint of its bytes: what the build state keys page inputs by.
/// A rebuild looks up every page's inputs, and a path decoded, hashed and compared as text
/// cost several times an integer. Two paths with one key would only make a page be made
/// again (its inputs' print would not be the one stored for the other path).
struct PathKey: Hashable, Sendable {
    let value: UInt64

    init(_ path: String) {
        var f = Fingerprint()
        f.field(path)
        value = f.value
    }

    init(value: UInt64) { self.value = value }
}

struct Fingerprint {
    private var lanes: (UInt64, UInt64, UInt64, UInt64) =
        (0x243F_6A88_85A3_08D3, 0x1319_8A2E_0370_7344, 0xA409_3822_299F_31D0, 0x082E_FA98_EC4E_6C89)
    /// Words mixed so far (which lane the next one goes to).
    private var words: UInt64 = 0
    private var pending: UInt64 = 0
    private var pendingBytes = 0
    private var length: UInt64 = 0

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        let count = bytes.count
        var i = 0
        length &+= UInt64(count)
        while pendingBytes != 0, i < count {
            take(bytes[i]); i += 1
        }
        func word(_ at: Int) -> UInt64 { UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
        if pendingBytes == 0 {
            while words & 3 != 0, i + 8 <= count { mix(word(i)); i += 8 }
            if words & 3 == 0, i + 32 <= count {
                var (a, b, c, d) = lanes
                let start = i
                repeat {
                    a = Self.step(a, word(i), 0); b = Self.step(b, word(i + 8), 1)
                    c = Self.step(c, word(i + 16), 2); d = Self.step(d, word(i + 24), 3)
                    i += 32
                } while i + 32 <= count
                lanes = (a, b, c, d)
                words &+= UInt64((i - start) / 8)
            }
            while i + 8 <= count { mix(word(i)); i += 8 }
        }
        while i < count {
            take(bytes[i]); i += 1
        }
    }

    mutating func add(_ data: Data) { data.withUnsafeBytes { add($0) } }

    mutating func add(_ bytes: [UInt8]) { bytes.withUnsafeBytes { add($0) } }

    /// One field of a record: its length, then its bytes, so ("ab", "c") and ("a", "bc")
    /// differ.
    mutating func field(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            field(UInt64(utf8.count))
            add(UnsafeRawBufferPointer(utf8))
        }
    }

    mutating func field(_ text: String?) {
        if let text { field(1); field(text) } else { field(0) }
    }

    /// A number as one word. Every field starts on a word boundary (the bytes before it are
    /// padded with zeros to a whole word): fields are mostly short strings, and fed through
    /// `add` at any other offset each went in a byte at a time. Padding is unambiguous
    /// because a string field gives its length first.
    mutating func field(_ number: UInt64) {
        flush()
        mix(number)
        length &+= 8
    }

    mutating func field(_ number: Int) { field(UInt64(bitPattern: Int64(number))) }

    var value: UInt64 {
        var copy = self
        copy.flush()
        var h = copy.lanes.0
        if copy.words > 1 { h = Self.step(h, copy.lanes.1, 0) }
        if copy.words > 2 { h = Self.step(h, copy.lanes.2, 0) }
        if copy.words > 3 { h = Self.step(h, copy.lanes.3, 0) }
        h = Self.step(h, length, 0)
        h ^= h >> 33; h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33; h = h &* 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 33)
    }

    /// Mixes in the partial word, zero-padded.
    private mutating func flush() {
        guard pendingBytes > 0 else { return }
        mix(pending)
        pending = 0
        pendingBytes = 0
    }

    private mutating func take(_ byte: UInt8) {
        pending |= UInt64(byte) << UInt64(8 * pendingBytes)
        pendingBytes += 1
        if pendingBytes == 8 {
            mix(pending)
            pending = 0
            pendingBytes = 0
        }
    }

    private mutating func mix(_ word: UInt64) {
        switch words & 3 {
        case 0: lanes.0 = Self.step(lanes.0, word, 0)
        case 1: lanes.1 = Self.step(lanes.1, word, 1)
        case 2: lanes.2 = Self.step(lanes.2, word, 2)
        default: lanes.3 = Self.step(lanes.3, word, 3)
        }
        words &+= 1
    }

    /// One step of lane `lane`. The lanes shift by different amounts: with one shift the
    /// compiler turned the four chains into SSE2 vectors, whose 64-bit multiply is three
    /// 32-bit ones, slower than the scalar multiplies it replaced.
    @inline(__always)
    private static func step(_ state: UInt64, _ word: UInt64, _ lane: Int) -> UInt64 {
        var h = (state ^ word) &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> UInt64(29 + 2 &* lane)
        return h
    }
}
