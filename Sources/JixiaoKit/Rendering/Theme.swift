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
    public func render(_ page: Page, body: String, site: SiteContext, navigation: [(title: String, path: String, section: Page.Section)]) -> String {
        let root = Paths.root(of: page.path)
        let nav: [[String: Any]] = navigation.map {
            ["title": $0.title, "href": root + $0.path, "current": $0.path == page.path || ($0.section == page.section && $0.section != .about && $0.section != .issues && page.section != .home)]
        }
        var context: [String: Any] = [
            "title": page.title,
            "siteTitle": site.config.title,
            "description": site.config.description,
            "isHome": page.path == Paths.home,
            "root": root,
            "content": body,
            "nav": nav,
            "markdownSource": root + Paths.markdown(of: page.path),
            "generator": "Jixiao",
        ]
        if !site.config.baseURL.isEmpty {
            context["canonical"] = site.config.baseURL + page.path
        }
        return library.render(context, withTemplate: "base") ?? ""
    }
}
