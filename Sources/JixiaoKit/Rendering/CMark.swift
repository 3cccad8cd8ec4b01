#if canImport(Glibc)
import Glibc
#endif
import CCmark

/// The one door to libcmark: Markdown in, HTML out. No cmark pointer leaves this file.
public enum CMark {
    /// Renders CommonMark to HTML. Raw HTML blocks pass through (the page writers put data
    /// tables there); every string from a submission is escaped before it reaches Markdown.
    public static func html(_ markdown: String) -> String {
        let options = CMARK_OPT_UNSAFE | CMARK_OPT_SMART
        var markdown = markdown
        let rendered = markdown.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { cmark_markdown_to_html($0.baseAddress, $0.count, options) }
        }
        guard let rendered else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    /// libcmark's version, e.g. "0.30.2".
    public static var version: String { String(cString: cmark_version_string()) }
}
