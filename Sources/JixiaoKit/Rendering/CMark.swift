#if canImport(Glibc)
import Glibc
#endif
import CCmark

/// The one door to libcmark: Markdown in, HTML out. No cmark pointer leaves this file.
public enum CMark {
    /// Renders CommonMark to HTML. Raw HTML blocks pass through (the page writers put data
    /// tables there); every string from a submission is escaped before it reaches Markdown.
    public static func html(_ markdown: String) -> String {
        var markdown = markdown
        return markdown.withUTF8 { html(UnsafeRawBufferPointer($0)) { String(decoding: $0, as: UTF8.self) } }
    }

    /// Renders `markdown` (UTF-8) and hands the HTML bytes to `use`, without making a String
    /// of them; the bytes are freed when `use` returns.
    public static func html<T>(_ markdown: UnsafeRawBufferPointer, _ use: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let options = CMARK_OPT_UNSAFE | CMARK_OPT_SMART
        let rendered = markdown.isEmpty ? cmark_markdown_to_html("", 0, options)
            : markdown.withMemoryRebound(to: CChar.self) { cmark_markdown_to_html($0.baseAddress, $0.count, options) }
        guard let rendered else { return try use(UnsafeRawBufferPointer(start: nil, count: 0)) }
        defer { free(rendered) }
        return try use(UnsafeRawBufferPointer(start: rendered, count: strlen(rendered)))
    }

    /// libcmark's version, e.g. "0.30.2".
    public static var version: String { String(cString: cmark_version_string()) }
}
