import XCTest
@testable import JixiaoKit

/// The memoised layout gives the same bytes as Mustache page by page, and steps aside
/// when the template does something to a value that splicing cannot repeat.
final class LayoutMemoTests: TempContentTestCase {
    private let navigation: [(title: String, path: String, section: Page.Section)] = [
        ("首页", Paths.home, .home), ("主管部门", Paths.agencies, .agencies), ("问题清单", Paths.issues, .issues), ("关于", "about.html", .about),
    ]

    private func site(baseURL: String = "") -> SiteContext {
        var config = SiteConfig()
        config.title = "绩效 <公开> & \"透明\""
        config.baseURL = baseURL
        return SiteContext(ledger: Ledger(corpus: samples, categories: Categories(list: [])), config: config)
    }

    /// Every page kind and depth, titles with every escaped character, a `<` carrying a
    /// combining mark (one character, which Mustache leaves alone), CR LF, and a body
    /// holding marker-like text: memo and Mustache agree byte for byte.
    func testMemoisedLayoutEqualsMustache() throws {
        let theme = try Theme(directory: repoRoot + "/Theme")
        let titles = ["农村饮水安全 <工程> & 'A' \"B\"", "<\u{0338}≮ 标题", "a\r\nb", "\u{E000}tT0&\u{E001}"]
        let pages = [(Paths.home, Page.Section.home), ("projects/p-1.html", .agencies), ("agencies/a.html", .agencies), ("issues/x.html", .issues), ("about.html", .about)]
        for baseURL in ["", "https://example.org/"] {
            let site = site(baseURL: baseURL)
            for (path, section) in pages {
                for title in titles {
                    let page = Page(path: path, title: title, section: section, markdown: "")
                    let body = "<p>\(title)</p>\n"
                    let memoised = theme.render(page, body: body, site: site, navigation: navigation)
                    let root = Paths.root(of: path)
                    var slots = [title, body, root + Paths.markdown(of: path)]
                    if !baseURL.isEmpty { slots.append(baseURL + path) }
                    let current = navigation.map { $0.path == path || ($0.section == section && $0.section != .about && $0.section != .issues && section != .home) }
                    let direct = theme.renderDirect(slots: slots, root: root, isHome: path == Paths.home, current: current, site: site, navigation: navigation)
                    XCTAssertEqual(memoised, direct, "\(path) \(title.debugDescription) base \(baseURL)")
                    XCTAssertTrue(memoised.contains("<h1>"))
                }
            }
        }
        // The bundled theme is memoised (the fast path is the one these checks covered).
        let marked = theme.renderDirect(slots: LayoutMemo.markers(3), root: "../", isHome: false, current: navigation.map { _ in false }, site: site(), navigation: navigation)
        XCTAssertEqual(LayoutMemo.Layout(marked: marked, slots: 3)?.pieces.count, 9, marked)
        let home = theme.render(Page(path: Paths.home, title: "首页", section: .home, markdown: ""), body: "<p>x</p>", site: site(), navigation: navigation)
        XCTAssertTrue(home.contains("<title>绩效 &lt;公开&gt; &amp; &quot;透明&quot;</title>"), home)
        XCTAssertTrue(home.contains("<a href=\"index.html\" aria-current=\"page\">首页</a>"))
    }

    /// One theme rendering pages of two sites in turn (another title, another navigation),
    /// also from several threads at once: each page has its own site's header and links, as
    /// Mustache gives them, never a layout memoised for the other site.
    func testOneThemeForTwoSitesGivesEachPageItsOwnSitesLayout() throws {
        let theme = try Theme(directory: repoRoot + "/Theme")
        let first = site()
        var otherConfig = SiteConfig()
        otherConfig.title = "另一个站点"
        let second = SiteContext(ledger: first.ledger, config: otherConfig)
        // As many entries as the first site's, so pages of one kind mark the same ones current.
        let otherNavigation: [(title: String, path: String, section: Page.Section)] = navigation.dropLast() + [("方法说明", "method.html", .about)]
        let cases = [(first, navigation), (second, otherNavigation)]
        @Sendable func check(_ n: Int) -> String? {
            let (site, nav) = cases[n % 2]
            let page = Page(path: "projects/p-\(n).html", title: "项目\(n)", section: .agencies, markdown: "")
            let memoised = theme.render(page, body: "<p>\(n)</p>\n", site: site, navigation: nav)
            let current = nav.map { $0.section == .agencies }
            let direct = theme.renderDirect(slots: [page.title, "<p>\(n)</p>\n", "../" + Paths.markdown(of: page.path)], root: "../", isHome: false,
                                            current: current, site: site, navigation: nav)
            return memoised == direct ? nil : "page \(n) of site \(n % 2)"
        }
        for n in 0..<6 { XCTAssertNil(check(n)) }
        let failures: [String] = Array(0..<400).parallelMap(check).compactMap { $0 }
        XCTAssertEqual(failures, [])
        XCTAssertTrue(theme.render(Page(path: "a.html", title: "t", section: .about, markdown: ""), body: "<p>x</p>", site: second, navigation: otherNavigation)
            .contains("另一个站点"))
    }

    /// A layout that transforms a value (here `uppercased(title)`) is rendered through
    /// Mustache for every page, so the page still shows its own title upper-cased.
    func testTransformedValueFallsBackToMustache() throws {
        try write("Theme/templates/base.mustache", "<title>{{uppercased(title)}}</title>{{{content}}}|{{title}}")
        let theme = try Theme(directory: root + "/Theme")
        let html = theme.render(Page(path: "a.html", title: "abc<", section: .about, markdown: ""), body: "<p>x</p>", site: site(), navigation: navigation)
        XCTAssertEqual(html, "<title>ABC&lt;</title><p>x</p>|abc&lt;")
        XCTAssertNil(LayoutMemo.Layout(marked: "<title>\u{E000}TT0&amp;\u{E001}</title>", slots: 3))
        XCTAssertNotNil(LayoutMemo.Layout(marked: "<title>\u{E000}tT0&amp;\u{E001}</title>", slots: 3))
    }
}
