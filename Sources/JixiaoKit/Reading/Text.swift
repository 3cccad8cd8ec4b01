import Foundation
/// Text normalisation shared by every stage: one place decides what "the same text" means.
public enum Text {
    /// Whitespace as submissions use it: ASCII, TAB, NBSP, U+3000 and the typographic spaces.
    public static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0x0B, 0x0C, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000, 0xFEFF:
            return true
        default:
            return false
        }
    }

    /// Splits at every `byte` (an ASCII control such as LF or TAB, which is always a
    /// grapheme of its own), keeping empty pieces: `split(separator:)` without walking graphemes.
    public static func split(_ s: Substring, on byte: UInt8) -> [Substring] {
        let utf8 = s.utf8
        // By byte offsets in the contiguous UTF-8 (index arithmetic on the view is slower).
        let fast = utf8.withContiguousStorageIfAvailable { b -> [Substring] in
            // Counted first: a file's lines are thousands of pieces, grown one by one they
            // were copied over and over.
            var pieces: [Substring] = []
            pieces.reserveCapacity(count(byte, in: s) + 1)
            var start = 0
            let base = utf8.startIndex
            func piece(_ from: Int, _ to: Int) -> Substring {
                s[utf8.index(base, offsetBy: from)..<utf8.index(base, offsetBy: to)]
            }
            for i in 0..<b.count where b[i] == byte {
                pieces.append(piece(start, i))
                start = i + 1
            }
            pieces.append(piece(start, b.count))
            return pieces
        }
        if let fast { return fast }
        // Text not stored as contiguous UTF-8 (bridged): split a native copy.
        return split(Substring(String(s)), on: byte)
    }

    /// How many times `byte` occurs in the UTF-8 of `s` (counted on the bytes in place:
    /// every line of every file is counted when its layout is detected).
    static func count(_ byte: UInt8, in s: Substring) -> Int {
        let fast = s.utf8.withContiguousStorageIfAvailable { b in
            var n = 0
            for x in b where x == byte { n += 1 }
            return n
        }
        return fast ?? s.utf8.reduce(0) { $0 + ($1 == byte ? 1 : 0) }
    }

    /// True when every character of `s` is one Unicode scalar, so working on scalars or
    /// bytes gives what working on characters would (see `isPlain`).
    static func isOneScalarPerCharacter(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy(isPlain)
    }

    /// Whether a scalar is a character on its own and its own only spelling: it never joins
    /// its neighbour into one grapheme (no combining or variation marks, joiners, CR,
    /// Hangul jamo, regional indicators), and text made of such scalars is already in NFC,
    /// so no other text is canonically equivalent to it (the singletons with another
    /// spelling, Ω K Å 〈 〉 ⫝̸ and the compatibility ideographs, are left out). Covers ASCII,
    /// Latin, the punctuation, symbols, kana and CJK of the forms.
    static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2126, 0x212A, 0x212B, 0x2329, 0x232A, 0x2ADC:
            false
        case 0x00...0x0C, 0x0E...0x7E, 0xA0...0x2FF, 0x2010...0x2027, 0x2030...0x205E, 0x2100...0x2BFF,
             0x3000...0x3029, 0x3030...0x3098, 0x309B...0x30FF, 0x3100...0x9FFF,
             0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF01...0xFF9D, 0xFFE0...0xFFEE:
            true
        default:
            false
        }
    }

    /// True when the line holds nothing but whitespace.
    public static func isBlank<S: StringProtocol>(_ s: S) -> Bool {
        s.unicodeScalars.allSatisfy(isSpace)
    }

    /// Display form of a cell: every kind of space becomes one ASCII space, runs collapse, ends trimmed.
    public static func clean<S: StringProtocol>(_ s: S) -> String {
        if isClean(s.utf8) { return String(s) }
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in s.unicodeScalars {
            if isSpace(scalar) || scalar == "\n" {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" ") }
            pendingSpace = false
            out.append(scalar)
        }
        return String(out)
    }

    /// Whether `clean` would return the text unchanged: no space but single ASCII spaces
    /// between other characters (most cells), decided on the UTF-8 bytes.
    static func isClean<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        if let clean = bytes.withContiguousStorageIfAvailable({ isClean(buffer: $0) }) { return clean }
        return Array(bytes).withUnsafeBufferPointer { isClean(buffer: $0) }
    }

    static func isClean(buffer b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        guard n > 0 else { return true }
        if b[0] == 0x20 || b[n - 1] == 0x20 { return false }   // a leading or trailing space
        var i = 0
        while i < n {
            let byte = b[i]
            switch byte {
            case 0x20:
                if b[i + 1] == 0x20 { return false }   // i + 1 < n: the last byte is no space
            case 0x09, 0x0A, 0x0B, 0x0C:
                return false
            // The other spaces, by their first byte: NBSP C2 A0, U+1680 E1 9A 80,
            // U+2000–200B E2 80 80–8B, U+202F E2 80 AF, U+205F E2 81 9F,
            // U+3000 E3 80 80, U+FEFF EF BB BF. Other bytes are decided by one comparison.
            case 0xC2:
                if i + 1 < n, b[i + 1] == 0xA0 { return false }
            case 0xE1, 0xE2, 0xE3, 0xEF:
                if i + 2 < n {
                    switch (byte, b[i + 1], b[i + 2]) {
                    case (0xE1, 0x9A, 0x80), (0xE2, 0x80, 0x80...0x8B), (0xE2, 0x80, 0xAF),
                         (0xE2, 0x81, 0x9F), (0xE3, 0x80, 0x80), (0xEF, 0xBB, 0xBF):
                        return false
                    default: break
                    }
                }
            default: break
            }
            i += 1
        }
        return true
    }

    /// Joins the lines of one cell: no space between CJK text (a Word line break inside
    /// 负责人/及电话 is not a word break), one space between Latin words or numbers.
    public static func joinLines<S: StringProtocol>(_ lines: [S]) -> String {
        var out = ""
        for line in lines {
            let piece = clean(line)
            if piece.isEmpty { continue }
            if let last = out.unicodeScalars.last, let first = piece.unicodeScalars.first,
               isWordScalar(last) && isWordScalar(first) {
                out += " "
            }
            out += piece
        }
        return out
    }

    private static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s))
    }

    /// The text in NFC, so that byte comparison agrees with String's `==` (canonical
    /// equivalence: a compatibility ideograph such as U+F9E4 is 理). Plain text is returned as it is.
    static func canonical(_ s: String) -> String {
        isOneScalarPerCharacter(s) ? s : s.precomposedStringWithCanonicalMapping
    }

    /// Matching form: no whitespace at all, full-width ASCII folded to ASCII (（）％：／０-９),
    /// and the traditional variants seen in submissions folded to simplified.
    public static func key<S: StringProtocol>(_ s: S) -> String {
        isASCIIKey(s.utf8) ? String(s) : keyByScalars(s)
    }

    /// `key`, scalar by scalar, for any text, written straight into the new string (an array
    /// first, then a string of it, was two allocations and a copy per key made).
    static func keyByScalars<S: StringProtocol>(_ s: S) -> String {
        // A folded scalar takes at most four bytes, and at most twice the bytes it was.
        String(unsafeUninitializedCapacity: 2 * s.utf8.count) { out in
            var n = 0
            var previous: UInt32 = 0x20
            for scalar in s.unicodeScalars {
                let original = scalar.value
                if original == 0x0A || isSpace(scalar) { continue }
                var v = original < 0x80 ? original : fold(scalar).value
                // A doubled mark (，，) is a typing slip, not a different text.
                if v == previous, isOtherPunctuation(v) { continue }
                // 截至 and 截止 ("by, up to") are written interchangeably: one form.
                if v == 0x81F3, previous == 0x622A { v = 0x6B62 }
                n = writeUTF8(v, into: out, at: n)
                previous = v
            }
            return n
        }
    }

    /// General category Po, by value for ASCII (digits double far more often than marks).
    private static func isOtherPunctuation(_ v: UInt32) -> Bool {
        v < 0x80 ? asciiOtherPunctuation(UInt8(v)) : Unicode.Scalar(v)?.properties.generalCategory == .otherPunctuation
    }

    /// Writes scalar `v` as UTF-8 at `n`; returns the position after it.
    private static func writeUTF8(_ v: UInt32, into out: UnsafeMutableBufferPointer<UInt8>, at n: Int) -> Int {
        switch v {
        case ..<0x80:
            out[n] = UInt8(v)
            return n + 1
        case ..<0x800:
            out[n] = UInt8(0xC0 | (v >> 6)); out[n + 1] = UInt8(0x80 | (v & 0x3F))
            return n + 2
        case ..<0x10000:
            out[n] = UInt8(0xE0 | (v >> 12)); out[n + 1] = UInt8(0x80 | ((v >> 6) & 0x3F)); out[n + 2] = UInt8(0x80 | (v & 0x3F))
            return n + 3
        default:
            out[n] = UInt8(0xF0 | (v >> 18)); out[n + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
            out[n + 2] = UInt8(0x80 | ((v >> 6) & 0x3F)); out[n + 3] = UInt8(0x80 | (v & 0x3F))
            return n + 4
        }
    }

    /// Whether `key` leaves this text as it is: ASCII (folds nothing) with no space, line
    /// break or control, and no punctuation mark doubled. Amounts, rates and codes are.
    static func isASCIIKey<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        var previous: UInt8 = 0
        for byte in bytes {
            guard byte > 0x20, byte < 0x7F else { return false }
            if byte == previous, asciiOtherPunctuation(byte) { return false }
            previous = byte
        }
        return true
    }

    /// ASCII characters of general category Po: ! " # % & ' * , . / : ; ? @ \\
    private static func asciiOtherPunctuation(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x21, 0x22, 0x23, 0x25, 0x26, 0x27, 0x2A, 0x2C, 0x2E, 0x2F, 0x3A, 0x3B, 0x3F, 0x40, 0x5C: true
        default: false
        }
    }

    /// Folds one scalar: full-width forms to ASCII, look-alikes to one form, traditional to simplified.
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let v = scalar.value
        if (0xFF01...0xFF5E).contains(v), let ascii = Unicode.Scalar(v - 0xFEE0) { return ascii }
        switch v {
        case 0x2215, 0x2044: return "/"          // ∕ ⁄
        case 0x2266: return "≤"                   // ≦
        case 0x2267: return "≥"                   // ≧
        case 0x3001: return "、"
        case 0xFE50: return ","
        case traditionalRange:
            let simplified = traditionalTable[Int(v - traditionalRange.lowerBound)]
            return simplified == 0 ? scalar : Unicode.Scalar(simplified)!
        default: return scalar
        }
    }

    /// The traditional characters below as a flat table over their code point range
    /// (0 = no folding): a lookup per character without hashing.
    private static let traditionalRange: ClosedRange<UInt32> = {
        let values = traditional.keys.map(\.value)
        return values.min()!...values.max()!
    }()
    private static let traditionalTable: [UInt32] = {
        var table = [UInt32](repeating: 0, count: Int(traditionalRange.upperBound - traditionalRange.lowerBound) + 1)
        for (from, to) in traditional { table[Int(from.value - traditionalRange.lowerBound)] = to.value }
        return table
    }()

    /// Traditional characters met in form labels, folded so labels match.
    static let traditional: [Unicode.Scalar: Unicode.Scalar] = [
        "額": "额", "標": "标", "項": "项", "預": "预", "執": "执", "單": "单", "門": "门",
        "資": "资", "計": "计", "劃": "划", "實": "实", "際": "际", "質": "质", "時": "时",
        "數": "数", "滿": "满", "說": "说", "總": "总", "評": "评", "績": "绩", "產": "产",
        "經": "经", "濟": "济", "會": "会", "態": "态", "響": "响", "續": "续", "務": "务",
        "對": "对", "編": "编", "碼": "码", "級": "级", "設": "设", "補": "补", "轉": "转",
        "結": "结", "億": "亿", "萬": "万", "達": "达", "減": "减", "應": "应",
    ]

    /// Whether `needle` occurs in `s`, compared as UTF-8 bytes. Foundation's `contains`
    /// folds character clusters, and the standard library's generic `firstRange(of:)` took
    /// twice the whole read time: both were hot spots on large corpora.
    public static func has<S: StringProtocol>(_ s: S, _ needle: String) -> Bool {
        var needle = needle
        // Empty text holds nothing (asked often: the words around a number are mostly empty).
        if s.utf8.isEmpty { return needle.isEmpty }
        return needle.withUTF8 { n in
            func search(_ h: UnsafeBufferPointer<UInt8>) -> Bool {
                guard !n.isEmpty else { return true }
                guard h.count >= n.count else { return false }
                let first = n[0]
                for i in 0...(h.count - n.count) where h[i] == first {
                    var j = 1
                    while j < n.count, h[i + j] == n[j] { j += 1 }
                    if j == n.count { return true }
                }
                return false
            }
            return s.utf8.withContiguousStorageIfAvailable(search) ?? Array(s.utf8).withUnsafeBufferPointer(search)
        }
    }

    /// Whether `s` holds one of the ASCII bytes below 64 whose bits are set in `mask`, e.g.
    /// `Text.mask(",\"\n\r")`: what escapers ask of every field, on the contiguous bytes.
    static func hasByte(_ s: String, in mask: UInt64) -> Bool {
        var s = s
        return s.withUTF8 { hasByte($0, in: mask) }
    }

    static func hasByte(_ bytes: UnsafeBufferPointer<UInt8>, in mask: UInt64) -> Bool {
        for byte in bytes where byte < 64 && (mask >> UInt64(byte)) & 1 != 0 { return true }
        return false
    }

    /// Whether one of the eight bytes of `word` may be `byte`: never false when one is (the
    /// usual bit trick, a zero byte of `word ^ byte…` borrowing into its top bit), for
    /// scanning text eight bytes at a time.
    @inline(__always)
    static func wordMayHold(_ word: UInt64, _ byte: UInt8) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & 0x8080_8080_8080_8080 != 0
    }

    /// The mask of `hasByte` for these ASCII characters (each below 64).
    static func mask(_ characters: String) -> UInt64 {
        characters.utf8.reduce(0) { precondition($1 < 64); return $0 | (1 << UInt64($1)) }
    }

    /// A cell that means "not applicable": —, ——, -, /.
    public static func isDash<S: StringProtocol>(_ s: S) -> Bool {
        // A character that does not fold to one of the dashes' rules the text out before its
        // key is made (this is asked of every amount and value cell).
        for scalar in s.unicodeScalars where !(isSpace(scalar) || scalar == "\n") {
            guard dashScalars.contains(fold(scalar).value) else { return false }
        }
        // The key is made of dash scalars only, none of which has a decomposition or combines
        // with another: it is its own NFC form, so String's equality is byte equality here.
        return dashKeys.contains(TextKey(key(s)))
    }

    static let dashes: Set<String> = ["—", "——", "-", "--", "/", "─", "–", "---"]
    private static let dashScalars = Set(dashes.flatMap { $0.unicodeScalars.map(\.value) })
    private static let dashKeys = Set(dashes.map(TextKey.init))

    /// True when the text is one of the completion words forms use in the 完成值 column.
    public static func isStatusWord<S: StringProtocol>(_ s: S) -> Bool {
        isStatusKey(key(s))
    }

    /// `isStatusWord` of a key. The words are two to five ideographs (6–15 bytes; a canonically
    /// equivalent spelling is no shorter and at most a few bytes longer): other lengths are out
    /// before the set hashes the text, which for CJK means normalising it first.
    static func isStatusKey(_ k: String) -> Bool {
        (6...24).contains(k.utf8.count) && statusWords.contains(k)
    }

    static let statusWords = WordSet([
        "已完成", "完成", "按时完成", "按时按成", "全部完成", "已按时完成", "未完成", "部分完成",
        "按期完成", "已达成", "达成", "已实现", "实现",
    ])

    /// Whether String's equality comes down to byte equality for this text: every scalar is
    /// ASCII or an ideograph from U+4000 to U+9FFF. None of those has a decomposition or
    /// combines with its neighbour, so such a text is its own NFC form, and two such texts are
    /// canonically equivalent only when their bytes are equal. Most labels and values are.
    static func comparesByBytes(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { b in
            var i = 0
            while i < b.count {
                let lead = b[i]
                if lead < 0x80 { i += 1; continue }
                // E4–E9 lead U+4000–U+9FFF (the String's UTF-8 is valid: two bytes follow).
                guard lead >= 0xE4, lead <= 0xE9 else { return false }
                i += 3
            }
            return true
        }
    }

    /// `a == b` as String has it (canonical equivalence), without its normalising comparison
    /// when both texts compare by bytes: labels checked against every indicator row are.
    static func same(_ a: String, _ b: String) -> Bool {
        if TextKey.same(a, b) { return true }
        if comparesByBytes(a), comparesByBytes(b) { return false }
        return a == b
    }
}

/// A dictionary keyed by names (agencies) with String's equality, looked up by bytes for a
/// name that compares by bytes (`Text.comparesByBytes`) and as a String otherwise. A
/// `[String: Value]` hashes a CJK name by normalising it first and compares a hit the slow
/// way: some 2,000 instructions a look-up of an agency's slug. Every entry is kept in the
/// String dictionary too, which decides for any other text, equivalent spellings included.
struct NameTable<Value> {
    private var byString: [String: Value] = [:]
    /// The entries by the bytes of each name's NFC form, when that compares by bytes: the
    /// only texts of that kind the name is equal to.
    private var byBytes: [TextKey: Value] = [:]

    init() {}

    subscript(name: String) -> Value? {
        get { Text.comparesByBytes(name) ? byBytes[TextKey(name)] : byString[name] }
        set {
            byString[name] = newValue
            let form = Text.comparesByBytes(name) ? name : name.precomposedStringWithCanonicalMapping
            if Text.comparesByBytes(form) { byBytes[TextKey(form)] = newValue }
        }
    }
}

extension NameTable: Sendable where Value: Sendable {}

/// A set of words asked about with String's equality, looked up as `NameTable` looks up
/// names (by bytes for a text that compares by bytes).
struct WordSet: Sendable {
    private let table: NameTable<Bool>

    init(_ words: [String]) {
        var table = NameTable<Bool>()
        for word in words { table[word] = true }
        self.table = table
    }

    func contains(_ text: String) -> Bool { table[text] != nil }
}

/// A string compared and hashed by its UTF-8 bytes. Swift's own `String` hashing normalises
/// non-ASCII text first, which dominated label lookups; matching keys come out of `Text.key`
/// already in one form, so their bytes are the identity.
struct TextKey: Hashable, Sendable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (a: TextKey, b: TextKey) -> Bool { same(a.text, b.text) }

    /// Byte equality (String's `==` compares canonical equivalence, slowly for CJK text).
    static func same(_ a: String, _ b: String) -> Bool {
        let count = a.utf8.count
        guard count == b.utf8.count else { return false }
        if count == 0 { return true }
        if let same = a.utf8.withContiguousStorageIfAvailable({ pa in
            b.utf8.withContiguousStorageIfAvailable { pb in memcmp(pa.baseAddress!, pb.baseAddress!, count) == 0 }
        }), let same { return same }
        return a.utf8.elementsEqual(b.utf8)
    }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

/// Numbers for a few dozen names (finding kinds, which are rule ids), in order of first
/// appearance, by String equality. Asked once per issue (91,000 times at 10,000 forms), a
/// name is found by comparing its bytes with each name known, where a String key hashed it
/// first (some 400 instructions a look-up); only a name that no known name matches byte for
/// byte is looked up by String equality.
struct FewNameNumbers {
    private(set) var names: [String] = []
    /// Each name's length in bytes: most names are told apart by it alone.
    private var lengths: [Int] = []
    private var numbers: [String: Int] = [:]

    /// The name's number, and whether this is the first time it is asked for.
    mutating func number(_ name: String) -> (number: Int, isNew: Bool) {
        let length = name.utf8.count
        for i in lengths.indices where lengths[i] == length && TextKey.same(names[i], name) { return (i, false) }
        if let n = numbers[name] { return (n, false) }
        numbers[name] = names.count
        names.append(name)
        lengths.append(length)
        return (names.count - 1, true)
    }
}

/// Numbers for names (agencies), in order of first appearance, by String equality (canonically
/// equivalent spellings share one). A name is looked up only when its bytes differ from the
/// last one asked for: records come in runs of one agency, and a String key hashes CJK text by
/// normalising it first.
struct NameNumbers {
    private var numbers: [String: Int] = [:]
    private var last = (name: "", number: -1)

    /// The name's number, and whether this is the first time it is asked for.
    mutating func number(_ name: String) -> (number: Int, isNew: Bool) {
        if last.number >= 0, TextKey.same(last.name, name) { return (last.number, false) }
        var isNew = false
        let n = numbers[name] ?? {
            isNew = true
            numbers[name] = numbers.count
            return numbers.count - 1
        }()
        last = (name, n)
        return (n, isNew)
    }
}
