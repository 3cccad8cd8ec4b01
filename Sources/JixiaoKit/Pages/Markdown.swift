/// Writing Markdown with untrusted text in it. Text from a submission goes through
/// `text` (Markdown) or `html`/`attribute` (inside the HTML blocks that hold data tables
/// and charts, which CommonMark passes through untouched), never straight in.
public enum Markdown {
    /// Escapes text for a Markdown paragraph, heading or list item: every ASCII
    /// punctuation character is backslash-escaped (CommonMark allows it for all of them),
    /// line breaks become spaces, so `*`, `[`, `<`, `|`, `#`, `&` show as themselves.
    public static func text(_ s: String) -> String {
        var out = MarkdownBuffer(capacity: s.utf8.count + 8)
        out.text(s)
        return out.string
    }

    /// Escapes text for HTML element content.
    public static func html(_ s: String) -> String {
        guard MarkdownBuffer.needsHTMLEscape(s) else { return s }
        var out = MarkdownBuffer(capacity: s.utf8.count + 16)
        out.html(s)
        return out.string
    }

    /// Escapes text for a quoted HTML attribute value.
    public static func attribute(_ s: String) -> String {
        guard MarkdownBuffer.needsHTMLEscape(s) else { return s }
        var out = MarkdownBuffer(capacity: s.utf8.count + 16)
        out.attribute(s)
        return out.string
    }

    /// A Markdown link whose text is untrusted and whose target is a path this site built
    /// (spaces and `)` percent-encoded so the destination stays one token).
    public static func link(_ label: String, to href: String) -> String {
        var out = MarkdownBuffer(capacity: label.utf8.count + href.utf8.count + 8)
        out.link(label, to: href)
        return out.string
    }

    /// An HTML link for use inside HTML blocks.
    public static func htmlLink(_ label: String, to href: String) -> String {
        var out = MarkdownBuffer(capacity: label.utf8.count + href.utf8.count + 16)
        out.htmlLink(label, to: href)
        return out.string
    }
}

/// A page's Markdown (and the HTML blocks in it) written into one growing byte buffer:
/// the page's own pieces as they are, text from a submission escaped on the way in
/// (`text`, `html`, `attribute`, the links), with no string made per piece. Pages are most
/// of a build's output, and building them from small strings was most of making them.
public struct MarkdownBuffer {
    private var buffer: PageBytes

    public init(capacity: Int = 0) { buffer = PageBytes(capacity: capacity) }

    /// What has been written, as the buffer itself (shared, not copied: a page's body).
    var contents: PageBytes { buffer }
    /// What has been written, as bytes (copied out).
    public var bytes: [UInt8] { buffer.array }
    /// How many bytes have been written.
    public var count: Int { buffer.count }
    /// The bytes written so far, in place.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R { try buffer.withUnsafeBytes(body) }
    public var string: String { buffer.withUnsafeBytes { String(decoding: $0, as: UTF8.self) } }
    public var isEmpty: Bool { buffer.isEmpty }

    /// The page's own Markdown or HTML, as it is (never text from a submission).
    public mutating func raw(_ s: String) {
        var s = s
        s.withUTF8 { buffer.append($0) }
    }

    public mutating func raw(_ other: MarkdownBuffer) { buffer.append(other.buffer) }
    public mutating func raw(bytes more: [UInt8]) { more.withUnsafeBytes { buffer.append($0) } }
    mutating func raw(_ more: UnsafeBufferPointer<UInt8>) { buffer.append(more) }

    /// A whole number in decimal.
    public mutating func number(_ n: Int) { buffer.putDecimal(Int64(n)) }

    /// Text for a Markdown paragraph, heading or list item: every ASCII punctuation
    /// character is backslash-escaped (CommonMark allows it for all of them), line breaks
    /// become spaces, so `*`, `[`, `<`, `|`, `#`, `&` show as themselves.
    public mutating func text(_ s: String) {
        var s = s
        s.withUTF8 { input in
            // Runs of bytes that need nothing (letters, digits, every byte of a CJK character)
            // are copied whole; the rest one at a time.
            var start = 0
            for i in 0..<input.count {
                let byte = input[i]
                switch byte {
                case 0x0A, 0x0D, 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: break
                default: continue
                }
                if start < i { buffer.append(UnsafeBufferPointer(rebasing: input[start..<i])) }
                start = i + 1
                if byte == 0x0A || byte == 0x0D { buffer.append(UInt8(0x20)) } else { buffer.append(UInt8(0x5C)); buffer.append(byte) }
            }
            if start < input.count { buffer.append(UnsafeBufferPointer(rebasing: input[start...])) }
        }
    }

    /// Text for HTML element content; a line feed becomes `<br>` (a blank line would end
    /// the HTML block early).
    public mutating func html(_ s: String) { escape(s, lineBreak: false) }

    /// Text for a quoted HTML attribute value; a line feed becomes a space.
    public mutating func attribute(_ s: String) { escape(s, lineBreak: true) }

    /// A Markdown link whose text is untrusted and whose target is a path this site built
    /// (spaces and `)` percent-encoded so the destination stays one token).
    public mutating func link(_ label: String, to href: String) {
        buffer.append(0x5B)
        text(label)
        buffer.append(0x5D); buffer.append(0x28)
        for byte in href.utf8 {
            switch byte {
            case 0x20: buffer.append(0x25); buffer.append(0x32); buffer.append(0x30)
            case 0x29: buffer.append(0x25); buffer.append(0x32); buffer.append(0x39)
            default: buffer.append(byte)
            }
        }
        buffer.append(0x29)
    }

    /// An HTML link for use inside HTML blocks.
    public mutating func htmlLink(_ label: String, to href: String) {
        raw("<a href=\"")
        attribute(href)
        raw("\">")
        html(label)
        raw("</a>")
    }

    /// & < > " ' LF CR: all below 64, so one bit each of a word.
    /// (A literal, not `Text.mask`'s result: a computed static is a lazy global, checked on
    /// every call of the escaping below, which runs for every cell of every page.)
    static let specials: UInt64 = 1 << 0x26 | 1 << 0x3C | 1 << 0x3E | 1 << 0x22 | 1 << 0x27 | 1 << 0x0A | 1 << 0x0D

    @inline(__always)
    static func isSpecial(_ byte: UInt8) -> Bool { byte < 64 && (specials >> UInt64(byte)) & 1 != 0 }

    static func needsHTMLEscape(_ s: String) -> Bool { Text.hasByte(s, in: specials) }

    /// HTML-escapes `s` into the buffer, runs without special bytes copied whole; CR is dropped.
    private mutating func escape(_ s: String, lineBreak asSpace: Bool) {
        var s = s
        s.withUTF8 { input in
            var start = 0
            for i in 0..<input.count where Self.isSpecial(input[i]) {
                if start < i { buffer.append(UnsafeBufferPointer(rebasing: input[start..<i])) }
                start = i + 1
                switch input[i] {
                case 0x26: raw("&amp;")
                case 0x3C: raw("&lt;")
                case 0x3E: raw("&gt;")
                case 0x22: raw("&quot;")
                case 0x27: raw("&#39;")
                case 0x0A: if asSpace { buffer.append(0x20) } else { raw("<br>") }
                default: break   // CR
                }
            }
            if start < input.count { buffer.append(UnsafeBufferPointer(rebasing: input[start...])) }
        }
    }

    public static func += (buffer: inout MarkdownBuffer, s: String) { buffer.raw(s) }
    public static func += (buffer: inout MarkdownBuffer, table: HTMLTable) { table.write(into: &buffer) }
}

/// An HTML data table written as one CommonMark HTML block (CommonMark has no pipe tables).
/// Rows are written into the table's buffer as they are added.
public struct HTMLTable {
    public enum Align: Sendable { case left, right }

    private let aligns: [Align]
    private var body = MarkdownBuffer()
    private var foot: [String]?
    private var rows = 0

    /// `columns` are plain text; cells added later are HTML the caller has escaped.
    public init(caption: String? = nil, className: String = "data", columns: [(String, Align)]) {
        aligns = columns.map(\.1)
        body.raw("<div class=\"table-wrap\"><table class=\"")
        body.raw(className)
        body.raw("\">\n")
        if let caption { body.raw("<caption>"); body.html(caption); body.raw("</caption>\n") }
        body.raw("<thead><tr>")
        for (title, align) in columns {
            body.raw(align == .right ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">")
            body.html(title)
            body.raw("</th>")
        }
        body.raw("</tr></thead>\n<tbody>\n")
    }

    /// The cells of one row, written in place: each call is the next column's cell (cells
    /// past the last column are dropped).
    public struct Cells {
        fileprivate var out: MarkdownBuffer
        fileprivate let aligns: [Align]
        fileprivate var column = 0

        private mutating func open() -> Bool {
            guard column < aligns.count else { return false }
            out.raw(aligns[column] == .right ? "<td class=\"num\">" : "<td>")
            column += 1
            return true
        }

        /// A cell of HTML the caller has escaped (or the site's own text).
        public mutating func raw(_ s: String) { if open() { out.raw(s); out.raw("</td>") } }
        /// A cell of untrusted text.
        public mutating func html(_ s: String) { if open() { out.html(s); out.raw("</td>") } }
        /// A whole number.
        public mutating func number(_ n: Int) { if open() { out.number(n); out.raw("</td>") } }
        /// A link to a page of this site, its label untrusted.
        public mutating func link(_ label: String, to href: String) { if open() { out.htmlLink(label, to: href); out.raw("</td>") } }
    }

    /// Adds a row whose cells `fill` writes straight into the table.
    public mutating func row(_ fill: (inout Cells) -> Void) {
        var cells = Cells(out: MarkdownBuffer(), aligns: aligns)
        swap(&cells.out, &body)          // the buffer moves, it is not copied
        cells.out.raw("<tr>")
        fill(&cells)
        cells.out.raw("</tr>\n")
        swap(&cells.out, &body)
        rows += 1
    }

    /// Adds a row of cells the caller has escaped.
    public mutating func row(_ cells: [String]) { row { r in for c in cells { r.raw(c) } } }
    public mutating func footer(_ cells: [String]) { foot = cells }
    public var isEmpty: Bool { rows == 0 }

    /// The block, with no blank line inside so CommonMark keeps it whole.
    public var markdown: String { markdown(blankLineAfter: true) }

    /// The block; without the blank line after it when it goes inside another HTML block
    /// (a `<details>`), which a blank line would end early.
    public func markdown(blankLineAfter: Bool) -> String {
        var out = MarkdownBuffer(capacity: body.count + 64)
        write(into: &out, blankLineAfter: blankLineAfter)
        return out.string
    }

    public func write(into out: inout MarkdownBuffer, blankLineAfter: Bool = true) {
        out.raw(body)
        out.raw("</tbody>\n")
        if let foot {
            out.raw("<tfoot><tr>")
            for (cell, align) in zip(foot, aligns) { out.raw(align == .right ? "<td class=\"num\">" : "<td>"); out.raw(cell); out.raw("</td>") }
            out.raw("</tr></tfoot>\n")
        }
        out.raw(blankLineAfter ? "</table></div>\n\n" : "</table></div>\n")
    }
}
