import Foundation

/// A JSON tree with keys in a fixed order.
/// Absent values are `null`, never dropped: the export is a contract.
public indirect enum JSONValue: Sendable, Equatable {
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
    static func number(_ d: Double?) -> JSONValue { d.map(JSONValue.number) ?? .null }
    static func int(_ i: Int?) -> JSONValue { i.map { .number(Double($0)) } ?? .null }

    /// Serialised with two-space indentation.
    public func serialized() -> String {
        var out: [UInt8] = []
        write(into: &out, indent: 0)
        out.append(0x0A)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the UTF-8 of this value nested `indent` levels deep, without a trailing newline.
    func write(into out: inout [UInt8], indent: Int) {
        switch self {
        case .null: out += Self.nullBytes
        case .bool(let b): out += b ? Self.trueBytes : Self.falseBytes
        case .number(let d): out += JSONValue.format(d).utf8
        case .string(let s): JSONValue.quote(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += [0x5B, 0x5D]; return }
            out += [0x5B, 0x0A]
            for (i, item) in items.enumerated() {
                Self.pad(&out, indent + 1)
                item.write(into: &out, indent: indent + 1)
                if i < items.count - 1 { out.append(0x2C) }
                out.append(0x0A)
            }
            Self.pad(&out, indent)
            out.append(0x5D)
        case .object(let pairs):
            if pairs.isEmpty { out += [0x7B, 0x7D]; return }
            out += [0x7B, 0x0A]
            for (i, (key, value)) in pairs.enumerated() {
                Self.pad(&out, indent + 1)
                JSONValue.quote(key, into: &out)
                out += [0x3A, 0x20]
                value.write(into: &out, indent: indent + 1)
                if i < pairs.count - 1 { out.append(0x2C) }
                out.append(0x0A)
            }
            Self.pad(&out, indent)
            out.append(0x7D)
        }
    }

    private static let nullBytes: [UInt8] = Array("null".utf8)
    private static let trueBytes: [UInt8] = Array("true".utf8)
    private static let falseBytes: [UInt8] = Array("false".utf8)

    private static func pad(_ out: inout [UInt8], _ indent: Int) {
        for _ in 0..<(2 * indent) { out.append(0x20) }
    }

    /// Integers without a fraction, others in the shortest form that reads back the same.
    static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
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

    static func quote(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { bytes in
            for byte in bytes {
                switch byte {
                case 0x22: out += [0x5C, 0x22]
                case 0x5C: out += [0x5C, 0x5C]
                case 0x0A: out += [0x5C, 0x6E]
                case 0x0D: out += [0x5C, 0x72]
                case 0x09: out += [0x5C, 0x74]
                case 0x08: out += [0x5C, 0x62]
                case 0x0C: out += [0x5C, 0x66]
                case 0x00..<0x20: out += [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
                default: out.append(byte)
                }
            }
        }
        out.append(0x22)
    }
}
