import Foundation
import XCTest
@testable import JixiaoKit

/// The synthetic corpus and the shape of a large site (not timings: those are in BENCHMARKS.md).
final class ScaleTests: XCTestCase {
    func testTheGeneratorIsDeterministicAndCoversEveryLayoutAndEncoding() throws {
        let a = scratchPath("gen"), b = a + "-again"
        defer { try? FileManager.default.removeItem(atPath: a); try? FileManager.default.removeItem(atPath: b) }
        let summary = try CorpusGenerator(options: .init(forms: 400, seed: 7)).write(to: a)
        _ = try CorpusGenerator(options: .init(forms: 400, seed: 7)).write(to: b)
        XCTAssertEqual(summary.forms, 400)
        for file in files(under: a + "/submissions") {
            XCTAssertEqual(FileManager.default.contents(atPath: a + "/submissions/" + file),
                           FileManager.default.contents(atPath: b + "/submissions/" + file), "same seed, same bytes: \(file)")
        }
        let corpus = Corpus.load(content: a)
        XCTAssertEqual(corpus.projects.count, 400, "every generated form is read back")
        XCTAssertEqual(Set(corpus.documents.compactMap(\.encoding)), [.utf8, .utf8BOM, .utf16LE, .gb18030])
        XCTAssertEqual(Set(corpus.documents.map(\.layout)), [.cellLines, .tabRows])
        XCTAssertEqual(Set(corpus.projects.map(\.kind)), [.selfEvaluation, .target])
        XCTAssertTrue(corpus.projects.allSatisfy { (8...20).contains($0.indicators.count) })
        XCTAssertFalse(corpus.documents.flatMap(\.diagnostics).contains { $0.severity == .error }, "the generator writes readable files")
        // Its own category rules, whatever folder it runs in: hundreds of categories, one
        // project subject in twenty matching none; and hundreds of units.
        XCTAssertEqual(FileManager.default.contents(atPath: a + "/categories.yml"), FileManager.default.contents(atPath: b + "/categories.yml"))
        var log = DiagnosticLog()
        let categories = Categories.load(path: a + "/categories.yml", log: &log)
        XCTAssertTrue(log.items.isEmpty, "\(log.items)")
        XCTAssertEqual(categories.list.count, 285)
        XCTAssertEqual(summary.categories, 285)
        let placed = corpus.projects.map { categories.classify($0).slug }
        let unclassified = placed.filter { $0 == Category.unclassified.slug }.count
        XCTAssertTrue((4...40).contains(unclassified), "about one in twenty 未分类: \(unclassified) of 400")
        XCTAssertGreaterThan(Set(placed).count, 150, "spread over the categories")
        XCTAssertGreaterThan(Set(corpus.projects.compactMap(\.unit)).count, 60, "units of every agency")
        // More projects than one serialising batch (256): the batches, made on both cores,
        // come back in order and give the very bytes of the whole tree.
        var streamed: [UInt8] = []
        corpus.writeJSON { streamed += $0 }
        XCTAssertEqual(String(decoding: streamed, as: UTF8.self), corpus.json().serialized())
    }

    func testALargeSiteListsIssuesByKindOnPagesOfBoundedSize() throws {
        let root = scratchPath("scale")
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = try CorpusGenerator(options: .init(forms: 300, seed: 3)).write(to: root + "/Content")
        let report = try SiteBuilder(options: .init(content: root + "/Content", theme: repoRoot + "/Theme", output: root + "/site")).build()
        XCTAssertGreaterThan(report.findings, IssuesPage.inlineLimit)
        let all = files(under: root + "/site")
        let kindPages = all.filter { $0.hasPrefix("issues/") && $0.hasSuffix(".html") }
        XCTAssertFalse(kindPages.isEmpty)
        let issues = try String(contentsOfFile: root + "/site/issues.html", encoding: .utf8)
        XCTAssertFalse(issues.contains("<h2>全部问题</h2>"), "not listed inline")
        XCTAssertTrue(issues.contains("href=\"issues/vague-target.html\""))
        for page in kindPages {
            let html = try String(contentsOfFile: root + "/site/" + page, encoding: .utf8)
            // Each issue is an item linking to its project (the navigation's items are not issues).
            let items = html.components(separatedBy: "<li><a href=\"../projects/").count - 1
            XCTAssertGreaterThan(items, 0, page)
            XCTAssertLessThanOrEqual(items, IssuesPage.pageSize, page)
            // Light enough to open on a phone (at 1,000 issues a page this corpus's largest
            // kind page was 160 KB; at the default 200, under 50 KB).
            XCTAssertLessThan(html.utf8.count, 80_000, page)
        }
        let size = try FileManager.default.attributesOfItem(atPath: root + "/site/issues.html")[.size] as? Int ?? 0
        XCTAssertLessThan(size, 200_000, "the issues page does not grow with every issue")
    }

    /// A category with more issues than a page lists shows their counts by kind and severity,
    /// and those counts are the ledger's.
    func testANationalCategoryCountsItsIssuesByKindAndSeverity() throws {
        let root = scratchPath("scale-category")
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = try CorpusGenerator(options: .init(forms: 300, seed: 3)).write(to: root + "/Content")
        // Without a categories file every project is 未分类: one category holding every issue.
        try FileManager.default.removeItem(atPath: root + "/Content/categories.yml")
        let report = try SiteBuilder(options: .init(content: root + "/Content", theme: repoRoot + "/Theme", output: root + "/site")).build()
        XCTAssertGreaterThan(report.findings, IssuesPage.inlineLimit)
        let html = try String(contentsOfFile: root + "/site/categories/unclassified.html", encoding: .utf8)
        XCTAssertTrue(html.contains("共 \(report.findings) 个问题，按类别统计"), "the total is every issue")
        let corpus = Corpus.load(content: root + "/Content")
        let ledger = Ledger(corpus: corpus, categories: Categories(list: []))
        var expected: [String: Int] = [:]
        for f in ledger.findings { expected["\(PageBlocks.severityTitle(f.severity))|\(f.kind)", default: 0] += 1 }
        XCTAssertGreaterThan(expected.count, 5)
        for (key, count) in expected {
            let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
            let row = "<a href=\"../issues/\(parts[1]).html\">\(FindingKinds.title(parts[1]))</a></td><td>\(parts[0])</td><td class=\"num\">\(count)</td>"
            XCTAssertTrue(html.contains(row), "\(key): \(count)")
        }
    }

    /// The findings at a set of positions are those the subscript gives, whatever the order
    /// and however far apart, across empty lists.
    /// `parallelMap` hands out runs of neighbours: every element is mapped once and the
    /// results keep the order, for counts below, at and above the number of runs.
    func testParallelMapMapsEveryElementOnceInOrder() {
        for count in [2, 3, 31, 32, 33, 1_000, 4_099] {
            let input = Array(0..<count)
            let calls = CallCounter()
            let output = input.parallelMap { i -> Int in calls.add(); return i * 3 + 1 }
            XCTAssertEqual(output, input.map { $0 * 3 + 1 }, "count \(count)")
            XCTAssertEqual(calls.value, count, "count \(count): each element mapped once")
        }
    }

    /// A memo's table is the same object on one thread and another object on another.
    func testPerThreadGivesEachThreadItsOwnInstance() {
        final class Box {}
        let boxes = PerThread { Box() }
        let here = boxes.value
        XCTAssertTrue(boxes.value === here, "the same thread gets the same instance")
        nonisolated(unsafe) var there: Box?
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread { there = boxes.value; done.signal() }
        done.wait()
        XCTAssertNotNil(there)
        XCTAssertFalse(there === here, "another thread gets its own")
    }

    func testFindingsAtPositionsAreTheSubscripts() {
        let ledger = Ledger(corpus: samples, categories: Categories(list: []))
        let some = Array(ledger.findings)
        XCTAssertGreaterThan(some.count, 100)
        var lists: [[Finding]] = [[]]
        var rest = some[...]
        for (n, size) in [3, 0, 0, 1, 0, 7, 2, 0, 40, 1, 0, 5, 9, 0, 0, 0, 0, 0, 0, 4].enumerated() {
            lists.append(Array(rest.prefix(size)))
            rest = rest.dropFirst(size)
            if n % 4 == 0 { lists.append([]) }
        }
        let list = FindingList(lists)
        let whole = lists.flatMap { $0 }
        XCTAssertEqual(Array(list), whole)
        var random = SeededRandom(seed: 5)
        let sets: [[Int]] = [Array(whole.indices), Array(whole.indices.reversed()), [0, 60, 61, 62, 71],
                             whole.indices.filter { whole[$0].kind == whole[40].kind },
                             (0..<50).map { _ in random.int(0...(whole.count - 1)) }, []]
        for positions in sets {
            XCTAssertEqual(list.elements(at: positions), positions.map { whole[$0] }, "\(positions)")
            XCTAssertEqual(list.elements(at: positions), positions.map { list[$0] })
        }
        XCTAssertEqual(ledger.findings.elements(at: ledger.findings.indices), some)
    }

    /// A kind's pages break only between agencies; an agency with more than a page of one
    /// kind gets pages of its own; every issue is on exactly one page, in order.
    func testKindPagesBreakBetweenAgenciesAndSplitOnlyAnAgencyLargerThanAPage() {
        let sizes = [400, 500, 300, 2500, 10]
        var next = 0
        let groups = sizes.enumerated().map { a, n -> (agency: Int, indices: [Int]) in
            defer { next += n }
            return (a, Array(next..<next + n))
        }
        let pages = IssuesPage.layout(groups, pageSize: 1000)
        XCTAssertEqual(pages.map { $0.groups.map(\.agency) }, [[0, 1], [2], [3], [3], [3], [4]])
        XCTAssertEqual(pages.map(\.count), [900, 300, 1000, 1000, 500, 10])
        XCTAssertEqual(pages.flatMap { $0.groups.flatMap(\.indices) }, Array(0..<next), "each issue once, in order")
        XCTAssertTrue(IssuesPage.layout([]).isEmpty)
    }

    /// One new form rewrites the issue-kind pages of its own agencies and each touched kind's
    /// first page, not every page of the kinds it touches; and the rebuilt site is a clean
    /// build's, byte for byte.
    func testANewFormRewritesOnlyItsAgenciesIssuePages() throws {
        let root = scratchPath("kinds")
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = try CorpusGenerator(options: .init(forms: 600, seed: 5)).write(to: root + "/Content")
        // Short pages, so each kind has many.
        try "title: 测试\nissues_per_page: 50\n".write(toFile: root + "/Content/site.yml", atomically: true, encoding: .utf8)
        _ = try CorpusGenerator(options: .init(forms: 1, seed: 99)).write(to: root + "/extra")
        func build(_ output: String, clean: Bool = false) throws -> SiteBuilder.Report {
            try SiteBuilder(options: .init(content: root + "/Content", theme: repoRoot + "/Theme", output: root + "/" + output,
                                           useCache: !clean)).build()
        }
        _ = try build("site")
        func stamps() throws -> [String: Date] {
            var out: [String: Date] = [:]
            for f in files(under: root + "/site") where f.hasPrefix("issues/") {
                out[f] = try FileManager.default.attributesOfItem(atPath: root + "/site/" + f)[.modificationDate] as? Date
            }
            return out
        }
        let before = try stamps()
        Thread.sleep(forTimeInterval: 0.05)
        for f in files(under: root + "/extra/submissions") {
            try FileManager.default.copyItem(atPath: root + "/extra/submissions/" + f, toPath: root + "/Content/submissions/zz_new." + (f as NSString).pathExtension)
        }
        let report = try build("site")
        XCTAssertEqual(report.submissionsRead, 1)
        let after = try stamps()
        let rewritten = after.filter { before[$0.key] != $0.value }.keys
        let kept = after.filter { before[$0.key] == $0.value }.keys
        XCTAssertGreaterThan(before.count, 40, "a site with many kind pages")
        XCTAssertFalse(rewritten.isEmpty, "the new form's issues are listed")
        XCTAssertGreaterThan(kept.count, rewritten.count, "most kind pages are kept")
        // Every rewritten page is a first page or holds the new form's agency.
        let agencies = Set(Corpus.load(content: root + "/extra").projects.map(\.agencyResolved))
        func isLaterPage(_ page: String) -> Bool {
            page.hasPrefix("issues/") && page.hasSuffix(".html") && page.range(of: #"-[0-9]+\.html$"#, options: .regularExpression) != nil
        }
        XCTAssertTrue(kept.contains(where: isLaterPage), "later pages of kinds are kept")
        // Each kind's last page before (it may gain a link to a new page after it).
        func kindAndNumber(_ page: String) -> (String, Int) {
            let name = String(page.dropFirst("issues/".count).dropLast(".html".count))
            guard let dash = name.lastIndex(of: "-"), let n = Int(name[name.index(after: dash)...]) else { return (name, 1) }
            return (String(name[..<dash]), n)
        }
        var lastBefore: [String: Int] = [:]
        for page in before.keys where page.hasSuffix(".html") {
            let (kind, n) = kindAndNumber(page)
            lastBefore[kind] = max(lastBefore[kind] ?? 0, n)
        }
        for page in rewritten where isLaterPage(page) && before[page] != nil && lastBefore[kindAndNumber(page).0] != kindAndNumber(page).1 {
            let html = try String(contentsOfFile: root + "/site/" + page, encoding: .utf8)
            XCTAssertTrue(agencies.contains { html.contains(">" + Markdown.html($0) + "</a>") }, "\(page) holds the new form's agency")
        }
        _ = try build("clean", clean: true)
        for f in files(under: root + "/clean") {
            XCTAssertEqual(FileManager.default.contents(atPath: root + "/site/" + f), FileManager.default.contents(atPath: root + "/clean/" + f), f)
        }
        XCTAssertEqual(Set(files(under: root + "/site")), Set(files(under: root + "/clean")))
    }
}


/// Counts calls from several threads.
private final class CallCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
