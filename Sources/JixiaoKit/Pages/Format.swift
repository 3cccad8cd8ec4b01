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
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            let n = withVaList([Int32(digits), value]) { vsnprintf(buffer.baseAddress, 64, "%.*f", $0) }
            guard n > 0, n < 64 else { return String(format: "%.\(digits)f", value) }
            return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress, count: Int(n)), as: UTF8.self)
        }
    }

    public static func year(_ year: Int?) -> String { year.map { "\($0)年度" } ?? "年度未知" }

    /// "1234567.89" → "1,234,567.89".
    static func grouped(_ s: String) -> String {
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
}
