import Foundation
import XCTest
@testable import JixiaoKit

/// A mini-site in a temp folder with hostile and colliding submissions.
final class SiteSafetyTests: TempContentTestCase {

    private func form(name: String, agency: String, unit: String, budget: String = "10") -> String {
        """
        项目支出绩效自评表（2021年度）
        项目名称\t\(name)
        主管部门\t\(agency)\t实施单位\t\(unit)
        项目资金（万元）\t\t全年预算数\t全年执行数\t执行率
        \t年度资金总额\t\(budget)\t\(budget)\t100%

        """
    }

    private func build(baseURL: String? = nil) throws -> SiteBuilder.Report {
        if let baseURL { try write("Content/site.yml", "title: 测试站\nbaseURL: \(baseURL)\n") }
        return try SiteBuilder(options: .init(content: root + "/Content", theme: repoRoot + "/Theme", output: root + "/site")).build()
    }

    func testHostileNamesAreEscapedWhereverTheyLand() throws {
        let name = "<script>alert(1)</script>*粗体*[链接](javascript:alert(2))|表格|&amp;"
        try write("Content/submissions/evil.txt", form(name: name, agency: "../../etc/passwd", unit: "a/b\" onmouseover=\"x"))
        _ = try build()
        let all = files(under: root + "/site")
        XCTAssertTrue(all.allSatisfy { !$0.contains("..") && !$0.contains("passwd") }, "\(all)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/etc"))
        let page = try String(contentsOfFile: root + "/site/" + Paths.project("evil-01"), encoding: .utf8)
        XCTAssertFalse(page.contains("<script>alert"))
        XCTAssertFalse(page.contains("href=\"javascript:"), "no link is made from text")
        XCTAssertTrue(page.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;*粗体*[链接](javascript:alert(2))|表格|&amp;amp;</h1>"))
        XCTAssertFalse(page.contains("<em>粗体</em>"), "Markdown syntax in a name stays text")
        XCTAssertFalse(page.contains("onmouseover=\"x"), "attribute breakout is escaped")
        let markdown = try String(contentsOfFile: root + "/site/" + Paths.markdown(of: Paths.project("evil-01")), encoding: .utf8)
        XCTAssertTrue(markdown.hasPrefix("# \\<script\\>alert\\(1\\)\\<\\/script\\>\\*粗体\\*\\[链接\\]"), markdown)
        let index = try String(contentsOfFile: root + "/site/assets/search-index.js", encoding: .utf8)
        XCTAssertTrue(index.contains("\"t\":\"<script>alert(1)</script>"), "the index is data for textContent, JSON-escaped")
        let agencyPages = all.filter { $0.hasPrefix("agencies/agency-") }
        XCTAssertEqual(agencyPages.count, 1, "the agency named ../../etc/passwd gets a hashed file name")
    }

    func testTwoProjectsWithOneNameGetDistinctPages() throws {
        try write("Content/submissions/a.txt", form(name: "同名项目", agency: "甲局", unit: "一队") + form(name: "同名项目", agency: "甲局", unit: "二队", budget: "20"))
        _ = try build()
        let a1 = try String(contentsOfFile: root + "/site/projects/a-01.html", encoding: .utf8)
        let a2 = try String(contentsOfFile: root + "/site/projects/a-02.html", encoding: .utf8)
        XCTAssertTrue(a1.contains("一队") && a2.contains("二队"))
    }

    func testFailedBuildLeavesThePreviousSiteWhole() throws {
        try write("Content/submissions/a.txt", form(name: "项目甲", agency: "甲局", unit: "一队"))
        _ = try build()
        let before = try String(contentsOfFile: root + "/site/index.html", encoding: .utf8)
        XCTAssertThrowsError(try SiteBuilder(options: .init(content: root + "/Content", theme: root + "/no-theme", output: root + "/site")).build())
        XCTAssertEqual(try String(contentsOfFile: root + "/site/index.html", encoding: .utf8), before)
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: root).contains { $0.hasPrefix(".site.") }, "no staging folder left behind")
    }

    func testBrokenSubmissionStillBuildsTheRest() throws {
        try write("Content/submissions/good.txt", form(name: "项目甲", agency: "甲局", unit: "一队"))
        try FileManager.default.createDirectory(atPath: root + "/Content/submissions/bad.txt", withIntermediateDirectories: true)
        let report = try build()
        XCTAssertEqual(report.projects, 1)
        XCTAssertTrue(report.diagnostics.contains { $0.contains("bad.txt") || $0.contains("good.txt") } || report.documents == 1)
    }

    func testBaseURLAddsCanonicalLinksAndSitemap() throws {
        try write("Content/submissions/a.txt", form(name: "项目甲", agency: "甲局", unit: "一队"))
        _ = try build(baseURL: "https://example.gov.cn/jixiao")
        let sitemap = try String(contentsOfFile: root + "/site/sitemap.xml", encoding: .utf8)
        XCTAssertTrue(sitemap.contains("<loc>https://example.gov.cn/jixiao/projects/a-01.html</loc>"))
        let home = try String(contentsOfFile: root + "/site/index.html", encoding: .utf8)
        XCTAssertTrue(home.contains("<link rel=\"canonical\" href=\"https://example.gov.cn/jixiao/index.html\">"))
        XCTAssertTrue(home.contains("<title>测试站</title>"))
    }

    func testTheWriterCreatesReplacesAndRemovesWholeTrees() throws {
        let root = scratchPath("writer")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/a/b", withIntermediateDirectories: true)
        try SiteWriter.create(root + "/a/b/page.html", Data("第一版".utf8))
        try SiteWriter.create(root + "/a/b/page.html", Data("二".utf8))
        XCTAssertEqual(FileManager.default.contents(atPath: root + "/a/b/page.html"), Data("二".utf8), "truncated, not appended")
        XCTAssertThrowsError(try SiteWriter.create(root + "/missing/page.html", Data()))
        // A file of a head then a body (a page's Markdown copy): the two in order, whole, over
        // a longer file; either may be empty.
        let body = Array(String(repeating: "表格正文 ", count: 40_000).utf8), head = Array("# 标题\n\n".utf8)
        for (h, b) in [(head, body), (head, []), ([], body), ([], [])] as [([UInt8], [UInt8])] {
            try h.withUnsafeBytes { h in try b.withUnsafeBytes { try SiteWriter.create(root + "/a/b/page.md", head: h, body: $0) } }
            XCTAssertEqual(FileManager.default.contents(atPath: root + "/a/b/page.md"), Data(h + b), "head \(h.count) body \(b.count)")
            XCTAssertEqual(h.withUnsafeBytes { h in b.withUnsafeBytes { Digest.value(h, $0) } }, (h + b).withUnsafeBytes(Digest.value))
        }
        try SiteWriter.create(root + "/top.txt", Data("x".utf8))
        // Enough files for every removal worker, and a link whose target outside must survive.
        for n in 0..<50 { try SiteWriter.create(root + "/a/\(n).html", Data("\(n)".utf8)) }
        let outside = scratchPath("outside") + ".txt"
        defer { try? FileManager.default.removeItem(atPath: outside) }
        try SiteWriter.create(outside, Data("keep".utf8))
        try FileManager.default.createSymbolicLink(atPath: root + "/a/link.html", withDestinationPath: outside)
        SiteWriter.remove(URL(fileURLWithPath: root))
        XCTAssertFalse(FileManager.default.fileExists(atPath: root))
        XCTAssertEqual(FileManager.default.contents(atPath: outside), Data("keep".utf8))
    }
}
