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
    /// The `checks:` section: thresholds and the weights scheme.
    public var checks = CheckSettings()
    /// Issues per page of an issue kind's list (`issues_per_page`, 50–10000).
    public var issuesPerPage = IssuesPage.pageSize

    public init() {}

    /// Reads the file; a missing file gives the defaults, a broken one diagnostics.
    public static func load(path: String, log: inout DiagnosticLog) -> SiteConfig {
        load(data: FileManager.default.contents(atPath: path), log: &log)
    }

    /// The file's bytes read (nil: no file).
    static func load(data: Data?, log: inout DiagnosticLog) -> SiteConfig {
        var config = SiteConfig()
        guard let data else { return config }
        let node: Any?
        do {
            node = try Yams.load(yaml: String(decoding: data, as: UTF8.self), resolver)
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
            case "checks":
                config.checks = readChecks(value, log: &log)
            case "issues_per_page", "issuesPerPage":
                if let n = value as? Int, (50...10_000).contains(n) { config.issuesPerPage = n } else {
                    log.error(1, "site.yml \(key) \"\(value)\" is not a whole number from 50 to 10000; using \(config.issuesPerPage)")
                }
            default:
                log.warning(1, "site.yml key \"\(key)\" is not one of title, description, baseURL, checks, issues_per_page; ignored")
            }
        }
        return config
    }

    /// Scalars as YAML 1.1 reads them, but for the patterns no setting takes (dates, merge
    /// keys, `=`): Yams's default set compiled patterns that cost more than reading the file.
    static let resolver = Resolver.basic.appending(.null).appending(.bool).appending(.int).appending(.float)

    /// checks: { lowExecution: 90%, weights: { 预算执行率: 10, 产出指标: 50, 效益指标: 30, 满意度指标: 10 } }
    static func readChecks(_ value: Any, log: inout DiagnosticLog) -> CheckSettings {
        var settings = CheckSettings()
        guard let map = value as? [String: Any] else {
            log.error(1, "site.yml checks must be a mapping (lowExecution, weights)")
            return settings
        }
        for (key, item) in map.sorted(by: { $0.key < $1.key }) {
            switch key {
            case "lowExecution":
                let text = "\(item)"
                if let v = ValueReader.percent(text).value ?? (item as? Double) ?? (item as? Int).map(Double.init), v > 0, v <= 1.5 {
                    settings.lowExecution = v
                } else {
                    log.error(1, "site.yml checks.lowExecution \"\(text)\" is not a rate such as 90% or 0.9")
                }
            case "weights":
                guard let weights = item as? [String: Any] else {
                    log.error(1, "site.yml checks.weights must map 预算执行率/产出指标/效益指标/满意度指标 to points")
                    continue
                }
                var scheme: [String: Double] = [:]
                for (level, points) in weights {
                    let canonical = level == "预算执行率" ? level : Labels.match(level, in: [.level1])?.rawValue
                    guard let canonical, let v = (points as? Double) ?? (points as? Int).map(Double.init) else {
                        log.error(1, "site.yml checks.weights: \(level): \(points) is not a level 1 with points")
                        continue
                    }
                    scheme[canonical] = v
                }
                settings.weights = scheme
            default:
                log.warning(1, "site.yml checks key \"\(key)\" is not one of lowExecution, weights; ignored")
            }
        }
        return settings
    }
}
