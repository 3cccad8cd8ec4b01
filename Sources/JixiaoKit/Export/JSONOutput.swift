/// Where the export's records are written: as compact bytes (the data files and
/// `jixiao export`: no tree is made per record) or as a `JSONValue` tree (tests compare the
/// two). Each record's fields are listed once, in `writeJSON(_:)`, for both.
protocol JSONOutput {
    mutating func null()
    mutating func bool(_ b: Bool)
    mutating func number(_ d: Double)
    mutating func string(_ s: String)
    /// The next member's name, inside an object.
    mutating func key(_ k: StaticString)
    mutating func key(_ k: String)
    mutating func beginObject()
    mutating func endObject()
    mutating func beginArray()
    mutating func endArray()
}

extension JSONOutput {
    mutating func string(_ s: String?) { if let s { string(s) } else { null() } }
    mutating func number(_ d: Double?) { if let d { number(d) } else { null() } }
    mutating func int(_ i: Int?) { if let i { number(Double(i)) } else { null() } }
    /// `write` for a value, null for none.
    mutating func value<T>(_ v: T?, _ write: (inout Self, T) -> Void) { if let v { write(&self, v) } else { null() } }

    mutating func field(_ k: StaticString, _ s: String?) { key(k); string(s) }
    mutating func field(_ k: StaticString, number d: Double?) { key(k); number(d) }
    mutating func field(_ k: StaticString, int i: Int?) { key(k); int(i) }

    mutating func object(_ members: (inout Self) -> Void) {
        beginObject()
        members(&self)
        endObject()
    }

    mutating func array<C: Collection>(_ items: C, _ item: (inout Self, C.Element) -> Void) {
        beginArray()
        for x in items { item(&self, x) }
        endArray()
    }
}

/// Compact JSON, as `JSONValue.write` lays out a value at `expand: 0`: no spaces, members in
/// the order written.
struct CompactJSON: JSONOutput {
    /// Written into a page buffer (a record is hundreds of small pieces; see `PageBytes`).
    private var out: PageBytes
    /// A value was written at this level, so the next one needs a comma.
    private var separate = false

    init(prefix: [UInt8] = [], capacity: Int = 0) {
        out = PageBytes(capacity: Swift.max(capacity, prefix.count))
        prefix.withUnsafeBytes { out.append($0) }
    }

    /// What has been written, copied out.
    var bytes: [UInt8] { out.array }

    private mutating func comma() {
        if separate { out.append(UInt8(0x2C)) }
    }

    private mutating func raw(_ s: StaticString) {
        out.append(UnsafeRawBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    mutating func null() { comma(); raw("null"); separate = true }
    mutating func bool(_ b: Bool) { comma(); raw(b ? "true" : "false"); separate = true }
    mutating func number(_ d: Double) { comma(); JSONValue.write(d, into: &out); separate = true }
    mutating func string(_ s: String) { comma(); JSONValue.quote(s, into: &out); separate = true }

    mutating func key(_ k: StaticString) {
        // The contract's names: ASCII letters, nothing to escape.
        comma()
        out.append(UInt8(0x22))
        raw(k)
        out.append(UInt8(0x22))
        out.append(UInt8(0x3A))
        separate = false
    }
    mutating func key(_ k: String) { comma(); JSONValue.quote(k, into: &out); out.append(UInt8(0x3A)); separate = false }

    /// Bytes of the layout around values (a line break and indentation between records):
    /// the next value follows them without a comma of its own.
    mutating func separator(_ text: StaticString) {
        raw(text)
        separate = false
    }

    mutating func beginObject() { comma(); out.append(UInt8(0x7B)); separate = false }
    mutating func endObject() { out.append(UInt8(0x7D)); separate = true }
    mutating func beginArray() { comma(); out.append(UInt8(0x5B)); separate = false }
    mutating func endArray() { out.append(UInt8(0x5D)); separate = true }
}

/// The same calls made into a `JSONValue` tree.
struct JSONTree: JSONOutput {
    private enum Open { case object([(String, JSONValue)]), array([JSONValue]) }
    private var open: [Open] = []
    private var keys: [String] = []
    private(set) var value: JSONValue = .null

    static func make(_ write: (inout JSONTree) -> Void) -> JSONValue {
        var tree = JSONTree()
        write(&tree)
        return tree.value
    }

    private mutating func add(_ v: JSONValue) {
        switch open.popLast() {
        case nil: value = v
        case .object(var members)?: members.append((keys.removeLast(), v)); open.append(.object(members))
        case .array(var items)?: items.append(v); open.append(.array(items))
        }
    }

    mutating func null() { add(.null) }
    mutating func bool(_ b: Bool) { add(.bool(b)) }
    mutating func number(_ d: Double) { add(.number(d)) }
    mutating func string(_ s: String) { add(.string(s)) }
    mutating func key(_ k: StaticString) { keys.append(k.description) }
    mutating func key(_ k: String) { keys.append(k) }
    mutating func beginObject() { open.append(.object([])) }
    mutating func endObject() { if case .object(let m)? = open.popLast() { add(.object(m)) } }
    mutating func beginArray() { open.append(.array([])) }
    mutating func endArray() { if case .array(let a)? = open.popLast() { add(.array(a)) } }
}
