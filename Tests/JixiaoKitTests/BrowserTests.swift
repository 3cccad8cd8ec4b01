import Foundation
import XCTest

/// The generated site in a real browser, opened from file:// as a person browsing offline
/// would: headless Chromium (Debian's `chromium`, installed by `make test`).
final class BrowserTests: XCTestCase {
    private static let browser: String? = {
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
                let path = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }()

    /// Loads a page, runs its scripts, returns the DOM and every console line.
    private func open(_ page: String, query: String = "") throws -> (dom: String, console: [String]) {
        guard let browser = Self.browser else {
            XCTFail("no chromium on PATH: `make test` installs Debian's chromium")
            throw CocoaError(.fileNoSuchFile)
        }
        var url = URL(fileURLWithPath: sampleSite.folder + "/" + page).absoluteString
        if !query.isEmpty {
            url += "?q=" + (query.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? query)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                             "--user-data-dir=" + scratchPath("chromium"),
                             "--enable-logging=stderr", "--v=0", "--virtual-time-budget=3000", "--dump-dom", url]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let dom = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "chromium failed on \(page): \(log.suffix(500))")
        let console = log.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        return (dom, console)
    }

    func testHomePageLoadsWithItsFiguresAndNoConsoleErrors() throws {
        let (dom, console) = try open("index.html")
        XCTAssertTrue(dom.contains("<h1>预算绩效公开看板</h1>"))
        XCTAssertTrue(dom.contains("3,208.92"), "the overall ΣA is on the page")
        XCTAssertTrue(dom.contains("<svg"), "charts are inline")
        XCTAssertEqual(console, [])
    }

    func testSearchFromFileURLFindsASampleProject() throws {
        let (dom, console) = try open("search.html", query: "禁毒专项")
        XCTAssertTrue(dom.contains("<a href=\"projects/001_669c653f55a3158e-06.html\">禁毒专项经费</a>"), dom)
        XCTAssertEqual(console, [])
        let (byAgency, _) = try open("search.html", query: "河门口 环卫")
        XCTAssertTrue(byAgency.contains(">环卫经费项目</a>"), "terms match across name and agency")
        let (fuzzy, _) = try open("search.html", query: "监控运维")
        XCTAssertTrue(fuzzy.contains(">城市监控系统（一二期）运维费用</a>"), "bigrams find a name the query does not spell out")
    }

    func testAgencyProjectAndIssuesPagesLoadWithoutConsoleErrors() throws {
        for page in ["agencies/index.html", "categories/drug-control.html", "projects/002_76a79c8772463e2e-04.html",
                     "issues.html", "methodology.html"] {
            let (dom, console) = try open(page)
            XCTAssertTrue(dom.contains("</main>"), page)
            XCTAssertEqual(console, [], page)
        }
    }
}
