import Foundation
import XCTest
@testable import JixiaoKit

/// The site built from the bundled samples, once for the suite.
let sampleSite: (folder: String, report: SiteBuilder.Report) = {
    let folder = scratchPath("site") + "/site"
    let report = try! SiteBuilder(options: .init(content: repoRoot + "/Content", theme: repoRoot + "/Theme", output: folder)).build()
    return (folder, report)
}()

func siteFile(_ path: String, in folder: String = sampleSite.folder) -> String {
    (try? String(contentsOfFile: folder + "/" + path, encoding: .utf8)) ?? ""
}

/// Every file under a folder, relative paths.
func files(under folder: String) -> [String] {
    (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).filter {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: folder + "/" + $0, isDirectory: &isDirectory) && !isDirectory.boolValue
    }
}

final class SiteTests: XCTestCase {
    private var paths: Paths { SiteContext(ledger: Ledger(corpus: samples, categories: Categories(list: [])), config: SiteConfig()).paths }

    func testEveryProjectHasItsPageAndItsMarkdown() {
        let all = files(under: sampleSite.folder)
        for p in samples.projects {
            XCTAssertTrue(all.contains(Paths.project(p.id)), p.id)
            XCTAssertTrue(all.contains(Paths.markdown(of: Paths.project(p.id))), p.id)
        }
        XCTAssertEqual(all.filter { $0.hasPrefix("projects/") }.count, 58)
        XCTAssertTrue(siteFile(Paths.project("002_76a79c8772463e2e-04")).contains("<h1>环卫经费项目</h1>"))
    }

    // MARK: - Totals, against sums of the hand-read figures

    /// Σ of a sample file's hand-read budgets/executed (Fixtures/HandReadForms.swift).
    private func handSum(_ file: String, _ field: KeyPath<HandReadForm, Double?>) -> Double {
        handReadForms.filter { $0.file == file }.compactMap { $0[keyPath: field] }.reduce(0, +)
    }

    private func totalsRow(_ label: String, in html: String) -> String? {
        guard let r = html.range(of: "<td>\(label)</td><td class=\"num\">") else { return nil }
        return String(html[r.upperBound...].prefix { $0 != "<" })
    }

    func testAgencyTotalsEqualTheSumsOfTheirProjects() {
        // 衡阳市公安局: 001 supersedes 000, so only 001's 13 projects count.
        let hengyang = siteFile(Paths.markdown(of: paths.agency("衡阳市公安局")))
        XCTAssertEqual(handSum("001", \.budget), 2533.91, accuracy: 0.001)
        XCTAssertEqual(totalsRow("全年预算数合计 ΣA（万元）", in: hengyang), "2,533.91")
        XCTAssertEqual(totalsRow("全年执行数合计 ΣB（万元）", in: hengyang), "2,533.91")
        XCTAssertEqual(totalsRow("自评项目数（年终）", in: hengyang), "13")
        XCTAssertEqual(totalsRow("预算执行率 ΣB/ΣA", in: hengyang), "100.0%")

        let panzhihua = siteFile(Paths.markdown(of: paths.agency("攀枝花市西区河门口街道办事处")))
        XCTAssertEqual(handSum("002", \.budget), 562.01, accuracy: 0.001)
        XCTAssertEqual(handSum("002", \.executed), 524.23, accuracy: 0.001)
        XCTAssertEqual(totalsRow("全年预算数合计 ΣA（万元）", in: panzhihua), "562.01")
        XCTAssertEqual(totalsRow("全年执行数合计 ΣB（万元）", in: panzhihua), "524.23")
        XCTAssertEqual(totalsRow("预算执行率 ΣB/ΣA", in: panzhihua), Format.percent(524.23 / 562.01))
        XCTAssertEqual(Format.percent(524.23 / 562.01), "93.3%")

        let changji = siteFile(Paths.markdown(of: paths.agency("中共昌吉回族自治州委员会政法委员会")))
        XCTAssertEqual(totalsRow("全年预算数合计 ΣA（万元）", in: changji), "113.00")

        // Target tables are planned budgets, summed apart and never in ΣA.
        let branch = siteFile(Paths.markdown(of: paths.agency("高新公安分局")))
        XCTAssertEqual(handSum("004", \.budget), 1019.7, accuracy: 0.01)
        XCTAssertEqual(totalsRow("目标表预算数合计（万元，计划）", in: branch), "1,019.70")
        XCTAssertEqual(totalsRow("全年预算数合计 ΣA（万元）", in: branch), "0.00")
        XCTAssertEqual(totalsRow("绩效目标表项目数（预算编制时）", in: branch), "15")
        XCTAssertTrue(branch.contains("部门整体绩效目标"), "the department's goals are on its page")
    }

    func testHomeTotalsPerYearAndOverall() {
        let home = siteFile("markdown/index.md")
        // 2021: 001 (2,533.91) + 003 (113) self-evaluated; 004 planned 1,019.70.
        XCTAssertTrue(home.contains("<tr><td>2021年度</td><td class=\"num\">15</td><td class=\"num\">3</td><td class=\"num\">2,646.91</td><td class=\"num\">2,646.91</td><td class=\"num\">100.0%</td><td class=\"num\">15</td><td class=\"num\">1,019.70</td>"), home)
        XCTAssertTrue(home.contains("<tr><td>2020年度</td><td class=\"num\">15</td><td class=\"num\">1</td><td class=\"num\">562.01</td><td class=\"num\">524.23</td><td class=\"num\">93.3%</td><td class=\"num\">0</td>"))
        XCTAssertTrue(home.contains("<tfoot><tr><td>合计</td><td class=\"num\">30</td><td class=\"num\">4</td><td class=\"num\">3,208.92</td><td class=\"num\">3,171.14</td>"))
        XCTAssertTrue(home.contains("13 个旧版项目不计入合计"))
    }

    func testCategoryTotalsEqualTheSumsOfTheirProjects() {
        let drug = siteFile("markdown/categories/drug-control.md")
        // 001's 禁毒驻滇 100 + 禁毒专项 550 + 生理脱毒 156 + 所政管理 54.6 + 生活补助 252.72 + 教育评估 31.2.
        XCTAssertEqual(totalsRow("全年预算数合计 ΣA（万元）", in: drug), "1,144.52")
        XCTAssertEqual(totalsRow("自评项目数（年终）", in: drug), "6")
        let unclassified = siteFile("markdown/categories/unclassified.md")
        XCTAssertEqual(totalsRow("自评项目数（年终）", in: unclassified), "0", "the shipped rules place every sample project")
        let ledger = Ledger(corpus: samples, categories: Categories.load(path: repoRoot + "/Content/categories.yml", log: &Self.log))
        XCTAssertTrue(ledger.current.allSatisfy { ledger.category(of: $0) != .unclassified })
        let sum = ledger.byCategory.map { Totals($0.projects, ledger: ledger).budget }.reduce(0, +)
        XCTAssertEqual(sum, 2533.91 + 562.01 + 113, accuracy: 0.001, "categories partition the projects")
        // Agencies counted by their groups, as a set of names counts them; 禁毒 is 001's agency alone.
        for (category, projects) in ledger.byCategory {
            XCTAssertEqual(ledger.agencyCount(projects), Set(projects.map(\.agencyResolved)).count, category.slug)
        }
        XCTAssertEqual(ledger.agencyCount(ledger.byCategory.first { $0.category.slug == "drug-control" }!.projects), 1)
        XCTAssertEqual(ledger.agencyCount(ledger.current), ledger.byAgency.count)
        XCTAssertEqual(ledger.agencyCount(ledger.records), Set(ledger.records.map(\.agencyResolved)).count, "superseded records, counted by name")
    }
    /// categories.yml is read as written: a code with a leading zero is not an octal number,
    /// `yes` and `1.0` are words, a tagged `!!int 3050` is 3050, one keyword may stand without
    /// a list (with a warning when it has commas in it), a null is no keyword, and an entry
    /// that is not a mapping is skipped with an error (it once emptied the whole list).
    func testCategoryRulesAreReadAsWritten() throws {
        let path = scratchPath("categories") + ".yml"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try """
        categories:
          - name: 公安
            slug: police
            codes: [0204, 2040220, !!int 3050]
            keywords: [yes, 1.0, ~]
          - name: 禁毒
            slug: drug-control
            keywords: 禁毒
          - 不是映射
          - name: 环卫
            slug: sanitation
            keywords: 环卫, 保洁
        """.write(toFile: path, atomically: true, encoding: .utf8)
        var log = DiagnosticLog()
        let categories = Categories.load(path: path, log: &log)
        XCTAssertEqual(log.items.map(\.message), ["category 3 is not a mapping (name:, slug:, keywords:, codes:); skipped",
                                                   "category 环卫: keywords \"环卫, 保洁\" is one entry; for several, write a list: [a, b]"])
        XCTAssertEqual(categories.list.map(\.codes), [["0204", "2040220", "3050"], [], []])
        XCTAssertEqual(categories.list.map(\.keywords), [["yes", "1.0"], ["禁毒"], ["环卫, 保洁"]])
        let projects = samples.projects
        let coded = try XCTUnwrap(projects.first { $0.code == "2040220" })
        XCTAssertEqual(categories.classify(coded).slug, "police", "\(coded.name ?? "")")
        let drug = try XCTUnwrap(projects.first { $0.code == nil && ($0.name ?? "").contains("禁毒") })
        XCTAssertEqual(categories.classify(drug).slug, "drug-control", "\(drug.name ?? "")")
    }

    /// The first rule the keyword index finds in a text is the one searching the text for
    /// every keyword of every rule in order finds: over the shipped rules and the synthetic
    /// corpus's 285, on every sample and generated project's name, purpose and goals.
    func testTheKeywordIndexFindsTheFirstRuleAKeywordSearchFinds() throws {
        let root = scratchPath("keywords")
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = try CorpusGenerator(options: .init(forms: 300, seed: 11)).write(to: root)
        var texts = ["", "a", "禁", "禁毒", "x禁毒y", "社区社区", "ÿ禁毒", "🙂禁毒🙂"]
        for p in samples.projects + Corpus.load(content: root).projects {
            texts += [p.name ?? "", ([p.purpose] + p.goals.map(\.planned)).compactMap { $0 }.joined()]
        }
        var log = DiagnosticLog()
        var found = 0
        for path in [repoRoot + "/Content/categories.yml", root + "/categories.yml"] {
            let rules = Categories.load(path: path, log: &log).list.map { $0.keywords.map { Text.key($0) }.filter { !$0.isEmpty } }
            let index = KeywordIndex(rules + [["a", "🙂", "ÿ"]])
            for text in texts.map({ Text.key($0) }) {
                let searched = (rules + [["a", "🙂", "ÿ"]]).firstIndex { $0.contains { Text.has(text, $0) } }
                XCTAssertEqual(index.firstRule(in: text), searched, text)
                if searched != nil { found += 1 }
            }
        }
        XCTAssertGreaterThan(found, texts.count / 3, "many texts match some rule (\(found) of twice \(texts.count))")
    }

    nonisolated(unsafe) static var log = DiagnosticLog()

    func testSupersededProjectsAreShownButNotCounted() {
        let old = siteFile(Paths.project("000_99f9f67b1f4c80f4-02"))
        XCTAssertTrue(old.contains("这是旧版本"))
        XCTAssertTrue(old.contains("href=\"../projects/001_669c653f55a3158e-02.html\""), "links to the revision")
        XCTAssertTrue(old.contains("450.00"), "its own figures stay visible")
        // The ledger tells revised records by position: the superseded are not current, the
        // records that replaced them are, and neither is passed over as never revised.
        let ledger = Ledger(corpus: samples, categories: Categories(list: []))
        XCTAssertEqual(ledger.current.map(\.id), ledger.records.map(\.id).filter { ledger.superseded[$0] == nil })
        XCTAssertFalse(ledger.superseded.isEmpty)
        XCTAssertTrue(ledger.current.contains { $0.id == "001_669c653f55a3158e-02" })
        XCTAssertFalse(ledger.history(of: "001_669c653f55a3158e-02").isEmpty)
        for r in ledger.records {
            let revised = ledger.superseded[r.id] != nil || !ledger.history(of: r.id).isEmpty
            if revised { XCTAssertTrue(ledger.mayBeRevised(r), r.id) }
            // Asked by record, the answers are the id's.
            XCTAssertEqual(ledger.replacement(of: r), ledger.superseded[r.id], r.id)
            XCTAssertEqual(ledger.history(of: r).map(\.id), ledger.history(of: r.id).map(\.id), r.id)
        }
        XCTAssertTrue(ledger.records.contains { !ledger.mayBeRevised($0) })
    }

    func testProjectPageShowsEveryField() {
        let page = siteFile(Paths.project("002_76a79c8772463e2e-04"))
        for expected in ["112.12", "74.68", "66.6%", "上年结转资金", "河门口片区主次干道的道路清扫及公厕管理等",
                         "指标1：主次干道、公厕清扫", "94.67 999994.67", "002_76a79c8772463e2e.txt 第 635 行",
                         "环境卫生", "得分 19 低于分值 20"] {
            XCTAssertTrue(page.contains(expected), expected)
        }
        let target = siteFile(Paths.project("004_ba98e3692e2d171f-02"))   // -01 is the department goals
        for expected in ["2040220", "资金支出计划", "10%", "确定依据", "保障分局耳目眼线的发展"] {
            XCTAssertTrue(target.contains(expected), expected)
        }
    }

    func testIssuesPageGroupsBySeverityAndKindAndLinksToProjects() {
        let issues = siteFile(Paths.issues)
        XCTAssertTrue(issues.contains("<h2>全部问题</h2>"))
        XCTAssertTrue(issues.contains("指标无完成值"))
        XCTAssertTrue(issues.contains("预算未全部执行"))
        XCTAssertTrue(issues.contains("href=\"projects/002_76a79c8772463e2e-04.html\""))
        XCTAssertTrue(issues.contains("<h2>按主管部门</h2>"))
    }

    /// A full build makes each finding's list item once (`FindingItems`): every page with an
    /// issue list is the same as the one made item by item, and the table is what is used.
    func testFindingItemsMadeOnceAreTheItemsEachPageMakes() {
        let ledger = Ledger(corpus: samples, categories: Categories(list: []))
        let plain = SiteContext(ledger: ledger, config: SiteConfig())
        var made = plain
        made.findingItems = FindingItems(ledger)
        let items = made.findingItems!
        XCTAssertEqual(ledger.findings.count, sampleSite.report.findings)

        // The first finding of the revised 环卫 project, as its pages list it.
        let project = "002_76a79c8772463e2e-04"
        let first = ledger.findings(of: project)[0], position = ledger.findingPositions(of: project)[0]
        var md = MarkdownBuffer()
        XCTAssertTrue(items.append(first, at: position, into: &md))
        let item = md.string
        XCTAssertTrue(item.hasPrefix("<li><a href=\"../projects/\(project).html\">环卫经费项目</a>："), item)
        XCTAssertTrue(item.hasSuffix("<span class=\"where\">\(first.path):\(first.line)</span></li>\n"), item)
        XCTAssertTrue(siteFile(Paths.project(project)).contains(item.dropLast()), "the built page lists it so")

        // Every current finding is in the table at its position; a finding changed since, or
        // asked for at another position, is not.
        for (i, f) in ledger.findings.enumerated() { XCTAssertTrue(items.append(f, at: i, into: &md)) }
        var changed = first
        changed.message += "（已改）"
        XCTAssertFalse(items.append(changed, at: position, into: &md))
        XCTAssertFalse(items.append(first, at: position + 1, into: &md))
        XCTAssertFalse(items.append(first, at: -1, into: &md))
        XCTAssertFalse(items.append(first, at: ledger.findings.count, into: &md))

        // The pages with issue lists, with the table and without it.
        func bodies(_ site: SiteContext) -> [String: [UInt8]] {
            var pages = samples.projects.map { ProjectPage.make($0, site: site) }
            pages += ledger.byAgency.map { AgencyPages.page(agency: $0.agency, projects: $0.projects, site: site) }
            pages += CategoryPages.pages(site, plan: nil)
            IssuesPage.make(site, plan: nil) { pages += $0 }
            return Dictionary(uniqueKeysWithValues: pages.map { ($0.path, $0.body) })
        }
        let before = bodies(plain), after = bodies(made)
        XCTAssertGreaterThan(before.count, 60)
        XCTAssertEqual(Set(before.keys), Set(after.keys))
        for (path, body) in before { XCTAssertTrue(body == after[path], "\(path) differs") }
    }

    // MARK: - Offline: relative links only, all resolving

    func testEveryInternalLinkResolvesAndNothingLoadsFromAnotherHost() throws {
        let all = files(under: sampleSite.folder).filter { $0.hasSuffix(".html") }
        XCTAssertGreaterThan(all.count, 70)
        let pattern = try NSRegularExpression(pattern: #"(?:href|src)="([^"]*)""#)
        for page in all {
            let html = siteFile(page)
            let base = URL(fileURLWithPath: sampleSite.folder + "/" + page).deletingLastPathComponent()
            for match in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                let link = String(html[Range(match.range(at: 1), in: html)!])
                XCTAssertFalse(link.hasPrefix("//") || link.hasPrefix("http://") || link.hasPrefix("https://"),
                               "\(page) links to another host: \(link)")
                XCTAssertFalse(link.hasPrefix("/"), "\(page) has a root-absolute link: \(link)")
                let path = String(link.prefix { $0 != "#" && $0 != "?" }).removingPercentEncoding ?? link
                if path.isEmpty { continue }
                let target = base.appendingPathComponent(path).standardizedFileURL.path
                XCTAssertTrue(FileManager.default.fileExists(atPath: target), "\(page) → \(link)")
                XCTAssertTrue(target.hasPrefix(sampleSite.folder), "\(page) → \(link) leaves the site")
            }
        }
    }

    func testSearchIndexShipsAsAScript() {
        let index = siteFile("assets/search-index.js")
        XCTAssertTrue(index.hasPrefix("window.JIXIAO_INDEX = ["))
        XCTAssertTrue(index.contains("{\"t\":\"禁毒专项经费\""))
        XCTAssertTrue(index.contains(",\"h\":\"projects/001_669c653f55a3158e-06.html\"}"))
        XCTAssertFalse(index.contains("000_99f9f67b1f4c80f4-06"), "superseded versions are not search results")
    }

    func testDataFilesAndPerAgencyCSV() {
        let all = files(under: sampleSite.folder)
        for f in ["data/projects.json", "data/projects.csv", "data/indicators.csv", paths.agencyCSV("衡阳市公安局")] {
            XCTAssertTrue(all.contains(f), f)
        }
        XCTAssertTrue(siteFile(Paths.markdown(of: paths.agency("衡阳市公安局"))).contains(paths.agencyCSV("衡阳市公安局")))
        XCTAssertFalse(all.contains("sitemap.xml"), "no base URL, no sitemap")
    }

    func testHandWrittenPagesAreRenderedAndLinked() {
        XCTAssertTrue(siteFile("about.html").contains("<h1>关于本站</h1>"))
        XCTAssertTrue(siteFile("methodology.html").contains("<li><strong>禁毒与戒毒</strong>"))
        XCTAssertTrue(siteFile(Paths.home).contains("href=\"methodology.html\""))
    }

    // MARK: - Checks on the site

    func testRulesPageExplainsEveryRuleAndFindingsLinkToIt() {
        let rules = siteFile(Paths.rules)
        for rule in Rules.all {
            XCTAssertTrue(rules.contains("<h3 id=\"\(rule.id)\">"), rule.id)
        }
        XCTAssertTrue(rules.contains("检查什么"))
        let project = siteFile(Paths.project("002_76a79c8772463e2e-04"))
        XCTAssertTrue(project.contains("href=\"../rules.html#total-score-unreadable\""), "a finding names its rule and links to it")
        XCTAssertTrue(project.contains("总分填写为「94.67 999994.67」"))
        XCTAssertTrue(siteFile(Paths.issues).contains("href=\"rules.html#rate-mismatch\""))
        // Each rule's count is the number of the current projects' findings of its kind (the
        // issues pages' tally, shared with this page).
        let config = SiteConfig.load(path: repoRoot + "/Content/site.yml", log: &Self.log)
        let ledger = Ledger(corpus: samples, categories: Categories.load(path: repoRoot + "/Content/categories.yml", log: &Self.log),
                            settings: config.checks)
        var counted = 0
        for rule in Rules.all {
            let count = ledger.findings.filter { $0.kind == rule.id }.count
            counted += count
            XCTAssertTrue(rules.contains("<td><code>\(rule.id)</code></td><td>\(PageBlocks.severityTitle(rule.severity))</td><td class=\"num\">\(count)</td>"),
                          "\(rule.id): \(count)")
            XCTAssertTrue(rules.contains("本站发现 \(count) 个"), rule.id)
        }
        XCTAssertGreaterThan(counted, 20, "the samples have findings of several rules")
    }

    func testAgencyPagesShowQualityAndTheIndexComparesAgencies() {
        let branch = siteFile(Paths.markdown(of: paths.agency("高新公安分局")))
        XCTAssertTrue(branch.contains("## 填报质量"))
        XCTAssertTrue(branch.contains("可衡量目标占"))
        // Each project's issues by severity, as the ledger has them; no blank line inside <details>.
        let ledger = Ledger(corpus: samples, categories: Categories(list: []))
        let projects = ledger.current.filter { $0.agencyResolved == "高新公安分局" }
        XCTAssertGreaterThan(projects.count, 3)
        for p in projects {
            let f = ledger.findings(of: p)
            let counts = [Severity.error, .warning, .info].map { s in f.filter { $0.severity == s }.count }
            XCTAssertTrue(branch.contains("\(p.name ?? p.id)</a></td>" + counts.map { "<td class=\"num\">\($0)</td>" }.joined()), p.id)
        }
        XCTAssertTrue(branch.contains("</tbody>\n</table></div>\n</details>\n\n"))
        let index = siteFile("markdown/agencies/index.md")
        XCTAssertTrue(index.contains("<caption>填报质量比较</caption>"))
        XCTAssertTrue(index.contains("可衡量目标占比"))
    }
}
