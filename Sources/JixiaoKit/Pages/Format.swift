import Foundation

/// Numbers as the site prints them: amounts in 万元 with thousands separators and two
/// decimals, percentages with one decimal, "—" for a missing value.
public enum Format {
    public static func amount(_ value: Double?) -> String {
        guard let value else { return "—" }
        return grouped(String(format: "%.2f", value))
    }

    public static func percent(_ fraction: Double?) -> String {
        guard let fraction else { return "—" }
        return String(format: "%.1f%%", fraction * 100)
    }

    /// A score or weight: no decimals when whole, else up to two.
    public static func number(_ value: Double?) -> String {
        guard let value else { return "—" }
        if value == value.rounded() { return String(Int(value)) }
        var s = String(format: "%.2f", value)
        while s.hasSuffix("0") { s.removeLast() }
        return s
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
