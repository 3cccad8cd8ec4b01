import CJixiaoSystem
import Foundation

/// Numbers as the site prints them: amounts in 万元 with thousands separators and two
/// decimals, percentages with one decimal, "—" for a missing value.
public enum Format {
    public static func amount(_ value: Double?) -> String {
        guard let value else { return "—" }
        return grouped(fixed(value, 2))
    }

    public static func percent(_ fraction: Double?) -> String {
        guard let fraction else { return "—" }
        return fixed(fraction * 100, 1) + "%"
    }

    /// A score or weight: no decimals when whole, else up to two.
    public static func number(_ value: Double?) -> String {
        guard let value else { return "—" }
        if value == value.rounded() { return String(Int(value)) }
        var s = fixed(value, 2)
        while s.hasSuffix("0") { s.removeLast() }
        return s
    }

    /// `value` with `digits` decimals, as C's `%.*f` prints it (glibc's correctly rounded
    /// conversion, without Foundation's `String(format:)`, which goes through CFString and
    /// was a tenth of a rebuild's time).
    public static func fixed(_ value: Double, _ digits: Int) -> String {
        // Most values are what a form states ("1234.5"): when the shortest form of the value
        // has at most `digits` decimals, it is the answer padded with zeros. Below 10^12 the
        // binary value lies within 2^-13 of that form, nearer than half a step of the third
        // decimal, so rounding it to `digits` (≤ 3) decimals gives that form.
        if digits >= 1, digits <= 3, value.isFinite, abs(value) < 1e12 {
            let shortest = value.description
            let utf8 = shortest.utf8
            if !utf8.contains(0x65), let dot = utf8.firstIndex(of: 0x2E) {
                let decimals = utf8.distance(from: dot, to: utf8.endIndex) - 1
                if decimals <= digits { return decimals == digits ? shortest : shortest + String(repeating: "0", count: digits - decimals) }
            }
        }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            let n = jixiao_format_fixed(buffer.baseAddress, 64, Int32(digits), value)
            guard n > 0, n < 64 else { return String(format: "%.\(digits)f", value) }
            return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress, count: Int(n)), as: UTF8.self)
        }
    }

    public static func year(_ year: Int?) -> String { year.map { "\($0)年度" } ?? "年度未知" }

    /// "1234567.89" → "1,234,567.89".
    static func grouped(_ s: String) -> String {
        // What `fixed` prints, [-]digits[.digits], grouped on its bytes (every amount on
        // every page is); anything else character by character.
        groupedDigits(s) ?? groupedByCharacters(s)
    }

    static func groupedByCharacters(_ s: String) -> String {
        let negative = s.hasPrefix("-")
        let body = negative ? String(s.dropFirst()) : s
        let parts = body.split(separator: ".", maxSplits: 1)
        var integer = String(parts[0])
        var out = ""
        while integer.count > 3 {
            out = "," + integer.suffix(3) + out
            integer.removeLast(3)
        }
        out = integer + out
        if parts.count > 1 { out += "." + parts[1] }
        return (negative ? "-" : "") + out
    }

    /// `grouped` of [-]D+(.D+)? in ASCII digits; nil for any other text. Read from the
    /// string's bytes and written straight into the new string's (every amount on every
    /// page comes through here: two arrays per number were 0.4 % of a build).
    static func groupedDigits(_ s: String) -> String? {
        var s = s
        return s.withUTF8 { b -> String? in
            let start = b.first == 0x2D ? 1 : 0
            var dot = start
            while dot < b.count, (0x30...0x39).contains(b[dot]) { dot += 1 }
            let integerDigits = dot - start
            guard integerDigits > 0 else { return nil }
            if dot < b.count {
                guard b[dot] == 0x2E, dot + 1 < b.count, b[(dot + 1)...].allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            }
            return String(unsafeUninitializedCapacity: b.count + (integerDigits - 1) / 3) { out in
                var n = 0
                for i in 0..<b.count {
                    // A comma before every digit that has a multiple of three digits after it.
                    if i > start, i < dot, (dot - i) % 3 == 0 { out[n] = 0x2C; n += 1 }
                    out[n] = b[i]
                    n += 1
                }
                return n
            }
        }
    }
}
