import Foundation

/// `Content/pages/*.md`: pages the site's editors write (about, methodology), rendered
/// like the generated ones and linked from the navigation. The first `# ` heading is the title.
enum HandWrittenPages {
    static func load(folder: String, log: inout DiagnosticLog) -> [Page] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var pages: [Page] = []
        for name in names.sorted() where name.hasSuffix(".md") && !name.hasPrefix(".") {
            let path = (folder as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                log.error(1, "\(path): cannot read")
                continue
            }
            var text = String(decoding: data, as: UTF8.self)
            var title = String(name.dropLast(3))
            if text.hasPrefix("# "), let end = text.firstIndex(of: "\n") {
                title = Text.clean(text[text.index(text.startIndex, offsetBy: 2)..<end])
                text = String(text[text.index(after: end)...])
            }
            let stem = String(name.dropLast(3)).lowercased()
            let slug = Paths.isSafeSlug(stem) ? stem : "page-" + Digest.fnv32(stem)
            pages.append(Page(path: Paths.page(slug), title: title, section: .about, markdown: text))
        }
        return pages
    }
}
