import Foundation
import XCTest
@testable import JixiaoKit

/// The synthetic corpus and the shape of a large site (not timings: those are in BENCHMARKS.md).
final class ScaleTests: XCTestCase {
    func testTheGeneratorIsDeterministicAndCoversEveryLayoutAndEncoding() throws {
        let a = NSTemporaryDirectory() + "jixiao-gen-\(UUID().uuidString)", b = a + "-again"
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
        // More projects than one serialising batch (256): the batches, made on both cores,
        // come back in order and give the very bytes of the whole tree.
        var streamed: [UInt8] = []
        corpus.writeJSON { streamed += $0 }
        XCTAssertEqual(String(decoding: streamed, as: UTF8.self), corpus.json().serialized())
    }

    func testALargeSiteListsIssuesByKindOnPagesOfBoundedSize() throws {
        let root = NSTemporaryDirectory() + "jixiao-scale-\(UUID().uuidString)"
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
            XCTAssertLessThanOrEqual(html.components(separatedBy: "<li>").count - 1, IssuesPage.pageSize, page)
        }
        let size = try FileManager.default.attributesOfItem(atPath: root + "/site/issues.html")[.size] as? Int ?? 0
        XCTAssertLessThan(size, 200_000, "the issues page does not grow with every issue")
    }
}
