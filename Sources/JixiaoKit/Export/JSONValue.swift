import Foundation

/// A JSON tree with keys in a fixed order. Not `indirect`: it nests through arrays, which
/// are already on the heap, so a value is not boxed on its own (the data files and search
/// index make hundreds of thousands of them).
/// Absent values are `null`, never dropped: the export is a contract.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case let (.bool(x), .bool(y)): x == y
        case let (.number(x), .number(y)): x == y
        case let (.string(x), .string(y)): x == y
        case let (.array(x), .array(y)): x == y
        case let (.object(x), .object(y)): x.map(\.0) == y.map(\.0) && x.map(\.1) == y.map(\.1)
        default: false
        }
    }

    static func string(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }

    /// Serialised as the data files are: the outer object and its arrays one item per line
    /// (two-space indentation), each item compact on its line (a record per line, some 45 %
    /// fewer bytes than indenting every level).
    public func serialized() -> String {
        var out: [UInt8] = []
        write(into: &out, indent: 0, expand: 2)
        out.append(0x0A)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the UTF-8 of this value nested `indent` levels deep, without a trailing newline:
    /// its outer `expand` levels of arrays and objects one item per line, the rest compact.
    /// (Byte by byte with `append`: an array literal here would be a heap array per bracket.)
    func write(into out: inout [UInt8], indent: Int = 0, expand: Int = 0) {
        switch self {
        case .null: out.append(contentsOf: Self.nullBytes)
        case .bool(let b): out.append(contentsOf: b ? Self.trueBytes : Self.falseBytes)
        case .number(let d): Self.write(d, into: &out)
        case .string(let s): JSONValue.quote(s, into: &out)
        case .array(let items):
            out.append(0x5B)
            if items.isEmpty { out.append(0x5D); return }
            for i in items.indices {
                if i > 0 { out.append(0x2C) }
                Self.newline(&out, expand, indent + 1)
                items[i].write(into: &out, indent: indent + 1, expand: expand - 1)
            }
            Self.newline(&out, expand, indent)
            out.append(0x5D)
        case .object(let pairs):
            out.append(0x7B)
            if pairs.isEmpty { out.append(0x7D); return }
            for i in pairs.indices {
                if i > 0 { out.append(0x2C) }
                Self.newline(&out, expand, indent + 1)
                JSONValue.quote(pairs[i].0, into: &out)
                out.append(0x3A)
                if expand > 0 { out.append(0x20) }
                pairs[i].1.write(into: &out, indent: indent + 1, expand: expand - 1)
            }
            Self.newline(&out, expand, indent)
            out.append(0x7D)
        }
    }

    static let nullBytes: [UInt8] = Array("null".utf8)
    static let trueBytes: [UInt8] = Array("true".utf8)
    static let falseBytes: [UInt8] = Array("false".utf8)

    /// A line break and `indent` levels of two spaces, when this level is expanded.
    private static func newline(_ out: inout [UInt8], _ expand: Int, _ indent: Int) {
        guard expand > 0 else { return }
        out.append(0x0A)
        out.append(contentsOf: repeatElement(0x20, count: 2 * indent))
    }

    /// `format(d)`'s bytes; whole numbers (most figures and every line number) digit by digit.
    static func write<Sink: ByteSink>(_ d: Double, into out: inout Sink) {
        if d.isFinite, d == d.rounded(), abs(d) < 1e15 {
            out.putDecimal(Int64(d))
            return
        }
        // The shortest form that reads back the same, as `format` gives it (its description:
        // a string on the stack for the usual 15 bytes or fewer, not an interpolation's buffer).
        guard d.isFinite else { nullBytes.withUnsafeBytes { out.put($0) }; return }
        var text = d.description
        text.withUTF8 { out.put(UnsafeRawBufferPointer($0)) }
    }

    /// Integers without a fraction, others in the shortest form that reads back the same.
    static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return d.description
    }

    /// A JSON string literal (RFC 8259): quote, backslash and control characters escaped,
    /// everything else written as UTF-8.
    static func quote(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 2)
        quote(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Whether any of the eight bytes of `word` is below 0x20, a quote or a backslash (never
    /// false when one is; a byte below 0x20 borrows into its top bit as a zero byte does).
    @inline(__always)
    static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let control = (word &- ones &* 0x20) & ~word & 0x8080_8080_8080_8080 != 0
        return control || Text.wordMayHold(word, 0x22) || Text.wordMayHold(word, 0x5C)
    }

    static func quote<Sink: ByteSink>(_ s: String, into out: inout Sink) {
        out.put(0x22)
        var s = s
        s.withUTF8 { bytes in
            // Runs of bytes that need no escape are copied whole. Eight bytes are looked at
            // at once (most texts have nothing to escape): a word goes byte by byte only when
            // one of its bytes may need it.
            var run = 0
            var i = 0
            let count = bytes.count
            while i < count {
                if i + 8 <= count, !Self.mayNeedEscape(UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)) {
                    i += 8
                    continue
                }
                let end = min(i + 8, count)
                while i < end {
                    let byte = bytes[i]
                    i += 1
                    guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
                    if run < i - 1 { out.put(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[run..<(i - 1)])) }
                    run = i
                    switch byte {
                    case 0x22: out.put(0x5C); out.put(0x22)
                    case 0x5C: out.put(0x5C); out.put(0x5C)
                    case 0x0A: out.put(0x5C); out.put(0x6E)
                    case 0x0D: out.put(0x5C); out.put(0x72)
                    case 0x09: out.put(0x5C); out.put(0x74)
                    case 0x08: out.put(0x5C); out.put(0x62)
                    case 0x0C: out.put(0x5C); out.put(0x66)
                    default: out.put(0x5C); out.put(0x75); out.put(0x30); out.put(0x30); out.put(hex[Int(byte >> 4)]); out.put(hex[Int(byte & 0xF)])
                    }
                }
            }
            if run < bytes.count { out.put(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[run...])) }
        }
        out.put(0x22)
    }
}
