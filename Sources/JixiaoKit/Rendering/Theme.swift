import Foundation
import Mustache

/// The site's look: Mustache templates (a base layout and its partials) and the assets
/// copied beside the pages, all from the theme folder.
public struct Theme: Sendable {
    public enum LoadError: Error, CustomStringConvertible {
        case missing(String)
        case template(String, String)

        public var description: String {
            switch self {
            case .missing(let path): "theme: \(path) not found"
            case .template(let name, let error): "theme: template \(name) does not parse: \(error)"
            }
        }
    }

    private let library: MustacheLibrary
    private let memo = LayoutMemo()
    /// Asset files by path relative to the theme's assets/ folder.
    public let assets: [(path: String, data: Data)]

    /// Loads `templates/*.mustache` and every file under `assets/`.
    public init(directory: String) throws {
        let templates = (directory as NSString).appendingPathComponent("templates")
        var library = MustacheLibrary()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: templates) else {
            throw LoadError.missing(templates)
        }
        for name in names.sorted() where name.hasSuffix(".mustache") {
            let path = (templates as NSString).appendingPathComponent(name)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            do {
                try library.register(text, named: String(name.dropLast(".mustache".count)))
            } catch {
                throw LoadError.template(name, "\(error)")
            }
        }
        guard library.getTemplate(named: "base") != nil else { throw LoadError.missing(templates + "/base.mustache") }
        self.library = library

        let assetsFolder = (directory as NSString).appendingPathComponent("assets")
        var assets: [(String, Data)] = []
        if let walker = FileManager.default.enumerator(atPath: assetsFolder) {
            while let relative = walker.nextObject() as? String {
                let full = (assetsFolder as NSString).appendingPathComponent(relative)
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue,
                      !(relative as NSString).lastPathComponent.hasPrefix("."),
                      let data = FileManager.default.contents(atPath: full) else { continue }
                assets.append((relative, data))
            }
        }
        self.assets = assets.sorted { $0.0 < $1.0 }
    }

    /// Renders one page: its HTML body into the base layout.
    ///
    /// Pages differ from one another only in a few values (title, body, links), so the
    /// layout is rendered by Mustache once per kind of page with marked placeholders in
    /// their place, and each page splices its own values in (see `LayoutMemo`). Whatever
    /// the memo cannot reproduce exactly goes through Mustache page by page.
    public func render(_ page: Page, body: String, site: SiteContext, navigation: [(title: String, path: String, section: Page.Section)]) -> String {
        var body = body
        return body.withUTF8 { String(decoding: render(page, html: UnsafeRawBufferPointer($0), site: site, navigation: navigation), as: UTF8.self) }
    }

    /// `render` for a body of HTML bytes (cmark's output as it is), giving the page's bytes.
    public func render(_ page: Page, html body: UnsafeRawBufferPointer, site: SiteContext, navigation: [(title: String, path: String, section: Page.Section)]) -> [UInt8] {
        let root = Paths.root(of: page.path)
        let current = navigation.map { $0.path == page.path || ($0.section == page.section && $0.section != .about && $0.section != .issues && page.section != .home) }
        let isHome = page.path == Paths.home
        // Slot 1 is the body, spliced in from `body` (its string is made only for Mustache).
        var slots = [page.title, "", root + Paths.markdown(of: page.path)]
        if !site.config.baseURL.isEmpty { slots.append(site.config.baseURL + page.path) }
        func direct() -> [UInt8] {
            slots[1] = String(decoding: body, as: UTF8.self)
            return Array(renderDirect(slots: slots, root: root, isHome: isHome, current: current, site: site, navigation: navigation).utf8)
        }
        guard !body.isEmpty, !slots.indices.contains(where: { $0 != 1 && slots[$0].isEmpty }) else { return direct() }
        let kind = LayoutMemo.Kind(root: root, isHome: isHome, current: current)
        let layout = memo.layout(for: kind, config: site.config, navigation: navigation) {
            LayoutMemo.Layout(marked: renderDirect(slots: LayoutMemo.markers(slots.count), root: root, isHome: isHome, current: current, site: site, navigation: navigation), slots: slots.count)
        }
        guard let layout else { return direct() }
        return layout.fill(slots, body: body)
    }

    /// Renders the base layout through Mustache; `slots` are the page's title, body,
    /// Markdown-source link and, when the site has a base URL, canonical URL.
    func renderDirect(slots: [String], root: String, isHome: Bool, current: [Bool], site: SiteContext, navigation: [(title: String, path: String, section: Page.Section)]) -> String {
        let nav: [[String: Any]] = zip(navigation, current).map { entry, isCurrent in
            ["title": entry.title, "href": root + entry.path, "current": isCurrent]
        }
        var context: [String: Any] = [
            "title": slots[0],
            "siteTitle": site.config.title,
            "description": site.config.description,
            "isHome": isHome,
            "root": root,
            "content": slots[1],
            "nav": nav,
            "markdownSource": slots[2],
            "generator": "Jixiao",
        ]
        if slots.count > 3 { context["canonical"] = slots[3] }
        return library.render(context, withTemplate: "base") ?? ""
    }
}
