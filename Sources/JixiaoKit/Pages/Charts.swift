import Foundation

/// Inline SVG charts, drawn at build time: no library, no network. Each has a `<title>`
/// and `<desc>`, labelled values, and scales with the page (viewBox, width 100%).
public enum Charts {
    public struct Bar: Sendable {
        public var label: String
        public var value: Double
        /// Text printed at the bar's end (the formatted value).
        public var valueText: String
        /// A second, thinner bar on the same row (e.g. executed against budget), same scale.
        public var second: Double?
        public var href: String?

        public init(label: String, value: Double, valueText: String, second: Double? = nil, href: String? = nil) {
            self.label = label
            self.value = value
            self.valueText = valueText
            self.second = second
            self.href = href
        }
    }

    /// Horizontal bars, one row each: the label and its value on one line, the bar under
    /// them across the whole width, so the chart stays legible on a phone.
    public static func bars(title: String, description: String, unit: String, bars: [Bar],
                            legend: [(String, String)] = []) -> String {
        let width = 600.0, rowHeight = 48.0
        let top = legend.isEmpty ? 4.0 : 30.0
        let height = top + Double(max(bars.count, 1)) * rowHeight + 26
        let maxValue = max(bars.map { max($0.value, $0.second ?? 0) }.max() ?? 1, 1e-9)
        let id = "c" + Digest.fnv32(title)
        // Written into one buffer: the home page's two charts have a row per agency and per
        // category, and each row's lines appended to a String were copied and checked again.
        var svg = MarkdownBuffer(capacity: 1024 + bars.count * 640)
        svg.raw("<figure class=\"chart\"><svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"100%\" role=\"img\" aria-labelledby=\"\(id)t \(id)d\" xmlns=\"http://www.w3.org/2000/svg\">\n")
        svg.raw("<title id=\"\(id)t\">"); svg.html(title); svg.raw("</title>\n<desc id=\"\(id)d\">"); svg.html(description); svg.raw("</desc>\n")
        for (i, entry) in legend.enumerated() {
            let x = Double(i) * 130
            svg.raw("<rect x=\"\(x)\" y=\"6\" width=\"14\" height=\"14\" class=\"\(entry.1)\"/><text x=\"\(x + 20)\" y=\"18\" class=\"legend\">")
            svg.html(entry.0)
            svg.raw("</text>\n")
        }
        for (i, bar) in bars.enumerated() {
            let y = top + Double(i) * rowHeight
            svg.raw("<text x=\"0\" y=\""); svg.raw(fmt(y + 16)); svg.raw("\" class=\"label\">")
            if let href = bar.href {
                svg.raw("<a href=\""); svg.attribute(href); svg.raw("\">"); svg.html(shorten(bar.label, 24)); svg.raw("</a>")
            } else {
                svg.html(shorten(bar.label, 24))
            }
            svg.raw("<title>"); svg.html(bar.label); svg.raw("</title></text>\n")
            svg.raw("<text x=\"\(Int(width))\" y=\""); svg.raw(fmt(y + 16)); svg.raw("\" text-anchor=\"end\" class=\"value\">")
            svg.html(bar.valueText); svg.raw("</text>\n")
            let w = max(bar.value / maxValue * width, bar.value > 0 ? 1 : 0)
            svg.raw("<rect x=\"0\" y=\""); svg.raw(fmt(y + 23)); svg.raw("\" width=\""); svg.raw(fmt(w))
            svg.raw(bar.second == nil ? "\" height=\"16\" class=\"bar\"/>\n" : "\" height=\"11\" class=\"bar\"/>\n")
            if let second = bar.second {
                let w2 = max(second / maxValue * width, second > 0 ? 1 : 0)
                svg.raw("<rect x=\"0\" y=\""); svg.raw(fmt(y + 34)); svg.raw("\" width=\""); svg.raw(fmt(w2)); svg.raw("\" height=\"6\" class=\"bar2\"/>\n")
            }
        }
        let axisY = top + Double(bars.count) * rowHeight + 4
        svg.raw("<line x1=\"0\" y1=\"\(fmt(axisY))\" x2=\"\(Int(width))\" y2=\"\(fmt(axisY))\" class=\"axis\"/>\n")
        svg.raw("<text x=\"0\" y=\"\(fmt(axisY + 18))\" class=\"axis-label\">0</text>")
        svg.raw("<text x=\"\(Int(width))\" y=\"\(fmt(axisY + 18))\" text-anchor=\"end\" class=\"axis-label\">")
        svg.html(Format.number(maxValue) + " " + unit)
        svg.raw("</text>\n</svg><figcaption><strong>"); svg.html(title); svg.raw("</strong>　"); svg.html(description)
        svg.raw("</figcaption></figure>\n\n")
        return svg.string
    }

    /// A histogram of counts per bucket (e.g. 总分 bands), vertical bars with counts on top.
    public static func histogram(title: String, description: String, buckets: [(String, Int)]) -> String {
        let width = 600.0, height = 250.0, left = 56.0, bottom = 212.0, top = 28.0
        let maxCount = Double(max(buckets.map(\.1).max() ?? 1, 1))
        let slot = (width - left - 10) / Double(max(buckets.count, 1))
        let id = "h" + Digest.fnv32(title)
        var svg = "<figure class=\"chart narrow\"><svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"100%\" role=\"img\" aria-labelledby=\"\(id)t \(id)d\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        svg += "<title id=\"\(id)t\">\(Markdown.html(title))</title>\n<desc id=\"\(id)d\">\(Markdown.html(description))</desc>\n"
        for (i, (label, count)) in buckets.enumerated() {
            let h = Double(count) / maxCount * (bottom - top)
            let x = left + Double(i) * slot + slot * 0.15
            svg += "<rect x=\"\(fmt(x))\" y=\"\(fmt(bottom - h))\" width=\"\(fmt(slot * 0.7))\" height=\"\(fmt(h))\" class=\"bar\"><title>\(Markdown.html(label))：\(count)</title></rect>\n"
            svg += "<text x=\"\(fmt(x + slot * 0.35))\" y=\"\(fmt(bottom - h - 6))\" text-anchor=\"middle\" class=\"value\">\(count)</text>\n"
            svg += "<text x=\"\(fmt(x + slot * 0.35))\" y=\"\(fmt(bottom + 20))\" text-anchor=\"middle\" class=\"label\">\(Markdown.html(label))</text>\n"
        }
        svg += "<line x1=\"\(Int(left))\" y1=\"\(Int(bottom))\" x2=\"\(Int(width - 10))\" y2=\"\(Int(bottom))\" class=\"axis\"/>\n"
        svg += "<text x=\"4\" y=\"\(Int(top))\" class=\"axis-label\">项目数</text>\n"
        svg += "</svg><figcaption><strong>\(Markdown.html(title))</strong>　\(Markdown.html(description))</figcaption></figure>\n\n"
        return svg
    }

    private static func fmt(_ d: Double) -> String { Format.fixed(d, 1) }

    static func shorten(_ s: String, _ n: Int) -> String { s.count > n ? String(s.prefix(n - 1)) + "…" : s }
}
