/// Writing Markdown with untrusted text in it. Text from a submission goes through
/// `text` (Markdown) or `html`/`attribute` (inside the HTML blocks that hold data tables
/// and charts, which CommonMark passes through untouched), never straight in.
public enum Markdown {
    /// Escapes text for a Markdown paragraph, heading or list item: every ASCII
    /// punctuation character is backslash-escaped (CommonMark allows it for all of them),
    /// line breaks become spaces, so `*`, `[`, `<`, `|`, `#`, `&` show as themselves.
    public static func text(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 8)
        for byte in s.utf8 {
            switch byte {
            case 0x0A, 0x0D: out.append(0x20)
            case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: out += [0x5C, byte]
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Escapes text for HTML element content.
    public static func html(_ s: String) -> String { escape(s, lineBreak: lineBreakTag) }

    /// Escapes text for a quoted HTML attribute value.
    public static func attribute(_ s: String) -> String { escape(s, lineBreak: [0x20]) }

    private static let amp: [UInt8] = Array("&amp;".utf8), lt: [UInt8] = Array("&lt;".utf8), gt: [UInt8] = Array("&gt;".utf8)
    private static let quot: [UInt8] = Array("&quot;".utf8), apos: [UInt8] = Array("&#39;".utf8)
    private static let lineBreakTag: [UInt8] = Array("<br>".utf8)

    /// HTML-escapes `s`; a line feed becomes `lineBreak` (a blank line would end the HTML
    /// block early, so content keeps it as `<br>`, an attribute as a space); CR is dropped.
    private static func escape(_ s: String, lineBreak: [UInt8]) -> String {
        var s = s
        return s.withUTF8 { bytes in
            guard bytes.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 == 0x0A || $0 == 0x0D }) else {
                return String(decoding: bytes, as: UTF8.self)
            }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            for byte in bytes {
                switch byte {
                case 0x26: out += amp
                case 0x3C: out += lt
                case 0x3E: out += gt
                case 0x22: out += quot
                case 0x27: out += apos
                case 0x0A: out += lineBreak
                case 0x0D: continue
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// A Markdown link whose text is untrusted and whose target is a path this site built
    /// (spaces and `)` percent-encoded so the destination stays one token).
    public static func link(_ label: String, to href: String) -> String {
        var target: [UInt8] = []
        target.reserveCapacity(href.utf8.count)
        for byte in href.utf8 {
            switch byte {
            case 0x20: target += [0x25, 0x32, 0x30]
            case 0x29: target += [0x25, 0x32, 0x39]
            default: target.append(byte)
            }
        }
        return "[" + text(label) + "](" + String(decoding: target, as: UTF8.self) + ")"
    }

    /// An HTML link for use inside HTML blocks.
    public static func htmlLink(_ label: String, to href: String) -> String {
        "<a href=\"\(attribute(href))\">\(html(label))</a>"
    }
}

/// An HTML data table written as one CommonMark HTML block (CommonMark has no pipe tables).
public struct HTMLTable {
    public enum Align: Sendable { case left, right }

    private var head: [(String, Align)]
    private var rows: [[String]] = []
    private var foot: [String]?
    private let caption: String?
    private let className: String

    /// `columns` are plain text; cells added later are HTML the caller has escaped.
    public init(caption: String? = nil, className: String = "data", columns: [(String, Align)]) {
        self.caption = caption
        self.className = className
        self.head = columns
    }

    public mutating func row(_ cells: [String]) { rows.append(cells) }
    public mutating func footer(_ cells: [String]) { foot = cells }
    public var isEmpty: Bool { rows.isEmpty }

    /// The block, with no blank line inside so CommonMark keeps it whole.
    public var markdown: String {
        var out = "<div class=\"table-wrap\"><table class=\"\(className)\">\n"
        if let caption { out += "<caption>\(Markdown.html(caption))</caption>\n" }
        out += "<thead><tr>"
        for (title, align) in head { out += "<th scope=\"col\""; out += cls(align); out += ">"; out += Markdown.html(title); out += "</th>" }
        out += "</tr></thead>\n<tbody>\n"
        // Appended piece by piece: these tables are most of every page's bytes.
        func cells(_ r: [String]) {
            for (cell, column) in zip(r, head) { out += "<td"; out += cls(column.1); out += ">"; out += cell; out += "</td>" }
        }
        for r in rows {
            out += "<tr>"
            cells(r)
            out += "</tr>\n"
        }
        out += "</tbody>\n"
        if let foot {
            out += "<tfoot><tr>"
            cells(foot)
            out += "</tr></tfoot>\n"
        }
        out += "</table></div>\n\n"
        return out
    }

    private func cls(_ a: Align) -> String { a == .right ? " class=\"num\"" : "" }
}
