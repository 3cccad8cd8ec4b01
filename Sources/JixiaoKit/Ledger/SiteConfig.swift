import Foundation
import Yams

/// `Content/site.yml`: what the site calls itself and where it is published.
public struct SiteConfig: Sendable, Equatable {
    /// Shown in every page's header and title.
    public var title = "绩效公开"
    /// One sentence under the title on the home page and in `<meta name="description">`.
    public var description = "项目支出绩效自评与绩效目标公开"
    /// Where the site is published (https://example.gov.cn/jixiao/); when set, pages get
    /// canonical links and the build writes sitemap.xml. Empty: neither.
    public var baseURL = ""

    public init() {}

    /// Reads the file; a missing file gives the defaults, a broken one diagnostics.
    public static func load(path: String, log: inout DiagnosticLog) -> SiteConfig {
        var config = SiteConfig()
        guard let data = FileManager.default.contents(atPath: path) else { return config }
        let node: Any?
        do {
            node = try Yams.load(yaml: String(decoding: data, as: UTF8.self))
        } catch {
            log.error(1, "site.yml is not valid YAML: \(error)")
            return config
        }
        guard let map = node as? [String: Any] else { return config }
        for (key, value) in map.sorted(by: { $0.key < $1.key }) {
            let text = (value as? String).map(Text.clean)
            switch key {
            case "title": config.title = text ?? config.title
            case "description": config.description = text ?? config.description
            case "baseURL", "base_url":
                var url = text ?? ""
                if !url.isEmpty && !url.hasSuffix("/") { url += "/" }
                if !url.isEmpty && !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
                    log.error(1, "site.yml baseURL \"\(url)\" must start with https:// or http://; ignored")
                    url = ""
                }
                config.baseURL = url
            default:
                log.warning(1, "site.yml key \"\(key)\" is not one of title, description, baseURL; ignored")
            }
        }
        return config
    }
}
