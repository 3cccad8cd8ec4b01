import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest
@testable import JixiaoKit

/// Revisions, incremental and atomic builds, reproducibility, progress and the preview server.
final class RegenerationTests: TempContentTestCase {

    private func form(_ name: String, agency: String, unit: String = "一队", budget: String) -> String {
        """
        项目支出绩效自评表（2021年度）
        项目名称\t\(name)
        主管部门\t\(agency)\t实施单位\t\(unit)
        项目资金（万元）\t\t全年预算数\t全年执行数\t执行率
        \t年度资金总额\t\(budget)\t\(budget)\t100%
        年度总体目标\t预期目标\t实际完成情况
        \t完成\t已完成

        """
    }

    @discardableResult
    private func build(clean: Bool = false, output: String = "site") throws -> SiteBuilder.Report {
        try SiteBuilder(options: .init(content: root + "/Content", theme: repoRoot + "/Theme", output: root + "/" + output, useCache: !clean)).build()
    }

    /// Fails unless `site/` is, file for file and byte for byte, what a clean build of the
    /// same content into `clean/` makes.
    private func assertSiteIsACleanBuilds(_ what: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try? FileManager.default.removeItem(atPath: root + "/clean")
        try build(clean: true, output: "clean")
        let a = try snapshot(root + "/site"), b = try snapshot(root + "/clean")
        XCTAssertEqual(Set(a.keys), Set(b.keys), what, file: file, line: line)
        for (path, data) in a where b[path] != data { XCTFail("\(what): \(path) differs from a clean build", file: file, line: line) }
    }

    /// What a build's state holds of each submission, as the next build reads it back: a
    /// rebuild copies the bytes of the documents it took from the last state unchanged, and
    /// they must read back as a clean build's.
    private func stored(_ output: String) throws -> [String] {
        let state = try XCTUnwrap(BuildState.load(from: root + "/.jixiao-cache/\(output).state"))
        // Findings by their fields: a finding's own description shows only its box.
        func fields(_ f: Finding) -> String {
            "\(f.kind) \(f.severity) \(f.origin) \(f.message) \(f.projectID) \(f.path):\(f.line)"
        }
        func project(_ p: BuildState.StoredProject) -> String {
            let findings: [String] = (p.own + (p.peers?.findings ?? [])).map(fields)
            let head = "\(p.record.id) \(p.record.name ?? "") \(p.record.budget ?? 0) \(p.category)"
            return head + " " + findings.joined(separator: " | ") + " \(p.peers?.group ?? 0)"
        }
        return state.documents.flatMap { d in
            ["\(d.path) \(d.key) \(d.document.diagnostics) \(d.departments)"] + d.projects.map(project)
        }
    }

    private func ledger() -> Ledger {
        Ledger(corpus: Corpus.load(content: root + "/Content"), categories: Categories(list: []))
    }

    // MARK: - Revisions

    func testTheSampleRevisionPairCountsOnceAndShowsWhatChanged() {
        let changes = siteFile(Paths.changes)
        XCTAssertTrue(changes.contains("衡阳市公安局移动警务平台运行经费</a>：全年预算数 450.00 → 405.00 万元"), "the moved figure")
        XCTAssertTrue(changes.contains("2,628.84 → 2,533.91"), "agency totals before and after")
        let page = siteFile(Paths.project("001_669c653f55a3158e-02"))
        XCTAssertTrue(page.contains("<h2>历次提交</h2>"))
        XCTAssertTrue(page.contains("全年预算数 450.00 → 405.00 万元"))
        let ledger = Ledger(corpus: samples, categories: Categories(list: []))
        XCTAssertEqual(ledger.current.filter { $0.agencyResolved == "衡阳市公安局" }.count, 13)
        XCTAssertEqual(ledger.superseded.count, 13)
        XCTAssertEqual(ledger.superseded["000_99f9f67b1f4c80f4-01"], .some("001_669c653f55a3158e-01"), "renamed 扫黑除恶专项经费 is matched by position")
        let feed = siteFile(Paths.feed)
        XCTAssertTrue(feed.contains("<title>001_669c653f55a3158e.txt（未注明提交日期）：新增 0，更新 13，撤回 0</title>"))
    }

    func testASubmissionOfTheSameProjectReplacesTheEarlierByDate() throws {
        try write("Content/submissions/a.txt", form("治安巡逻经费", agency: "甲局", budget: "10"))
        try write("Content/submissions/a.yml", "submitted: 2022-05-01\n")
        try write("Content/submissions/b.txt", form("治安巡逻经费", agency: "甲局", budget: "12"))
        try write("Content/submissions/b.yml", "submitted: 2022-03-01\n")
        let l = ledger()
        XCTAssertEqual(l.current.map(\.id), ["a-01"], "a was submitted later, so it is current though it sorts first")
        XCTAssertEqual(l.history(of: l.current[0].id).map(\.id), ["b-01"])
        XCTAssertEqual(Totals(figures: l.current).budget, 10)
        XCTAssertEqual(l.revisions.order.map { ($0.path as NSString).lastPathComponent }, ["b.txt", "a.txt"])
    }

    func testWithoutDatesPathOrderDecides() throws {
        try write("Content/submissions/a.txt", form("治安巡逻经费", agency: "甲局", budget: "10"))
        try write("Content/submissions/b.txt", form("治安巡逻经费", agency: "甲局", budget: "12"))
        XCTAssertEqual(ledger().current.map(\.id), ["b-01"])
    }

    func testNearDuplicatesAreFlaggedForAPerson() throws {
        try write("Content/submissions/a.txt", form("扫黑除恶专项经费", agency: "甲局", budget: "10"))
        try write("Content/submissions/b.txt", form("扫黑除恶专项斗争经费", agency: "甲局", budget: "12"))
        let l = Ledger(corpus: Corpus.load(content: root + "/Content"), categories: Categories(list: []))
        XCTAssertEqual(l.current.count, 2, "not merged automatically")
        let near = l.findings.filter { $0.kind == "near-duplicate" }
        XCTAssertEqual(near.count, 2)
        XCTAssertTrue(near[0].message.contains("请确认是否同一项目"))
        try write("Content/submissions/b.txt", form("社区警务室工作经费", agency: "甲局", budget: "12"))
        XCTAssertEqual(ledger().findings.filter { $0.kind == "near-duplicate" }, [])
    }

    /// Text that differs only in how a character is encoded (U+F9E4 is a compatibility
    /// spelling of 理, U+F90A of 金) is the same name and unit to the comparing rules.
    func testCanonicallyEquivalentNamesAndUnitsAreTheSameToTheComparingRules() throws {
        try write("Content/submissions/a.txt", form("城市管理经费", agency: "甲局", unit: "县金融办", budget: "10"))
        try write("Content/submissions/b.txt", form("城市管\u{F9E4}经费", agency: "甲局", unit: "县\u{F90A}融办", budget: "12"))
        let l = ledger()
        XCTAssertEqual(l.current.count, 2, "different bytes: not a resubmission")
        XCTAssertEqual(l.findings.filter { $0.kind == "near-duplicate" }.map(\.projectID), ["a-01", "b-01"])
        // A sign with another spelling (OHM SIGN is Ω) is not plain text: it is put in NFC.
        XCTAssertEqual(Text.canonical("10\u{2126}"), "10\u{03A9}")
        XCTAssertEqual(Text.canonical("县金融办"), "县金融办")
    }

    /// Agencies are grouped as String compares their names (canonically equivalent spellings
    /// are one agency, 理 and its compatibility ideograph U+F9E4), though records are looked up
    /// by name only when its bytes differ from the last record's: by the agency pages, the
    /// comparing rules' peer groups and the totals the changes page shows before and after.
    func testCanonicallyEquivalentAgencyNamesAreOneAgency() throws {
        try write("Content/submissions/a.txt", form("治安巡逻经费", agency: "理财局", budget: "10"))
        try write("Content/submissions/b.txt", form("禁毒宣传经费", agency: "乙局", budget: "20"))
        try write("Content/submissions/c.txt", form("社区办公经费", agency: "\u{F9E4}财局", budget: "30") + form("环卫保洁经费", agency: "理财局", budget: "40"))
        let l = ledger()
        XCTAssertEqual(l.byAgency.map(\.agency), ["乙局", "理财局"])
        XCTAssertEqual(l.byAgency.map { $0.projects.map(\.id) }, [["b-01"], ["a-01", "c-01", "c-02"]])
        let grouped = Dictionary(grouping: l.current, by: \.agencyResolved).sorted { $0.key < $1.key }
        XCTAssertEqual(grouped.map { $0.value.map(\.id) }, l.byAgency.map { $0.projects.map(\.id) })
        let c = try XCTUnwrap(l.revisions.changes.first { $0.document.path.hasSuffix("c.txt") })
        XCTAssertEqual(c.agencyTotals.count, 1)
        XCTAssertEqual(c.agencyTotals.first?.agency, "\u{F9E4}财局", "named as the submission names it")
        XCTAssertEqual(c.agencyTotals.first?.before?.projects, 1)
        XCTAssertEqual(c.agencyTotals.first?.after?.projects, 3)
    }

    /// Two files of one name in two folders, or `a.txt` beside `a.csv`, give their projects
    /// ids of their own (a file directly in the folder, named `.txt`, keeps its plain name):
    /// one page, one link and one record each, and the comparing rules compare them as any
    /// other two. (They once shared an id, and the later file's page replaced the earlier's.)
    func testTheSameFileNameInTwoFoldersGivesEachFormItsOwnPage() throws {
        try write("Content/submissions/a/x.txt", form("治安巡逻经费", agency: "乙局", budget: "10"))
        try write("Content/submissions/b/x.txt", form("禁毒宣传经费", agency: "甲局", unit: "一队", budget: "12"))
        try write("Content/submissions/c/y.txt", form("禁毒宣传经费", agency: "甲局", unit: "", budget: "12"))
        try write("Content/submissions/z.txt", form("社区办公经费", agency: "丙局", budget: "30"))
        try write("Content/submissions/z.csv", form("环卫保洁经费", agency: "丙局", budget: "40"))
        let l = ledger()
        let ids = l.current.map(\.id)
        XCTAssertEqual(ids, ["x-\(Digest.fnv32("a/x.txt"))-01", "x-\(Digest.fnv32("b/x.txt"))-01", "y-\(Digest.fnv32("c/y.txt"))-01",
                             "z-\(Digest.fnv32("z.csv"))-01", "z-01"])
        XCTAssertEqual(l.findings(of: ids[1]).filter { $0.kind == "duplicate-project" }.count, 1, "b/x.txt names c/y.txt")
        XCTAssertEqual(l.findings(of: ids[2]).filter { $0.kind == "duplicate-project" }.count, 1, "c/y.txt names b/x.txt")
        XCTAssertTrue(l.findings(of: ids[0]).filter { $0.kind == "duplicate-project" }.isEmpty)
        let report = try build()
        XCTAssertEqual(report.projects, 5)
        let paths = Paths(agencies: ["甲局", "乙局", "丙局"])
        let shown = [("治安巡逻经费", "乙局"), ("禁毒宣传经费", "甲局"), ("禁毒宣传经费", "甲局"), ("环卫保洁经费", "丙局"), ("社区办公经费", "丙局")]
        for (id, (name, agency)) in zip(ids, shown) {
            let page = try String(contentsOfFile: root + "/site/" + Paths.project(id), encoding: .utf8)
            XCTAssertTrue(page.contains("<title>" + name), "\(id) is \(name)'s page")
            let agencyPage = try String(contentsOfFile: root + "/site/" + paths.agency(agency), encoding: .utf8)
            XCTAssertTrue(agencyPage.contains("href=\"../" + Paths.project(id) + "\""), "\(agency) links \(id)")
        }
        let json = try String(contentsOfFile: root + "/site/data/projects.json", encoding: .utf8)
        for id in ids { XCTAssertTrue(json.contains("\"id\":\"\(id)\""), id) }
    }

    /// Two files can still give a form one id when a file's name is another's hashed stem
    /// (a contrived name; see the README on ids). Both forms are read and both count; a
    /// lookup by the id resolves to the later one, by record or by id alike, as it always has.
    func testASharedIdResolvesToTheLaterFormByRecordAndById() throws {
        let stem = "a-\(Digest.fnv32("x/a.txt"))"
        try write("Content/submissions/\(stem).txt", form("治安巡逻经费", agency: "乙局", budget: "10"))
        try write("Content/submissions/x/a.txt", """
            项目支出绩效自评表（2021年度）
            项目名称\t禁毒宣传经费
            主管部门\t甲局\t实施单位\t一队
            项目资金（万元）\t\t全年预算数\t全年执行数\t执行率
            \t年度资金总额\t10\t5\t50%
            年度总体目标\t预期目标\t实际完成情况
            \t完成\t已完成

            """)
        let categories = Categories(list: [Category(name: "禁毒", slug: "drugs", keywords: ["禁毒"])])
        let l = Ledger(corpus: Corpus.load(content: root + "/Content"), categories: categories)
        XCTAssertEqual(l.records.map(\.id), [stem + "-01", stem + "-01"], "the top-level file sorts first")
        XCTAssertEqual(l.current.count, 2, "different agencies and names: neither replaces the other")
        let later = l.records[1]
        XCTAssertEqual(later.name, "禁毒宣传经费")
        let found = l.findings(of: later).map(\.kind)
        XCTAssertTrue(found.contains("execution-below-full"), "\(found)")
        XCTAssertEqual(l.findings(of: stem + "-01"), l.findings(of: later))
        XCTAssertEqual(l.findings(of: l.records[0]), l.findings(of: later), "by record too")
        XCTAssertEqual(l.category(of: stem + "-01").slug, "drugs")
        XCTAssertEqual(l.category(of: l.records[0]).slug, "drugs")
        XCTAssertEqual(l.byCategory.first { $0.category.slug == "drugs" }?.projects.count, 2)
        XCTAssertEqual(l.findings.count, 2 * l.findings(of: later).count)
        XCTAssertEqual(Totals(l.current, ledger: l).findings, l.findings.count)
    }

    /// The changes page shows the latest submissions and links to archive pages of a
    /// hundred each, counted from the oldest; the feed carries the latest fifty.
    func testTheHistoryIsPagedFromTheOldestAndTheFeedCarriesTheLatest() throws {
        for i in 1...250 {
            let name = String(format: "s%03d", i)
            try write("Content/submissions/\(name).txt", form("专项经费第\(i)号", agency: "甲局", budget: "\(i)"))
            try write("Content/submissions/\(name).yml", "submitted: 2022-01-\(String(format: "%02d", 1 + i % 28))\n")
        }
        let site = SiteContext(ledger: ledger(), config: SiteConfig())
        let changes = site.ledger.revisions.changes
        XCTAssertEqual(changes.count, 250)
        let summaries = Dictionary(uniqueKeysWithValues: changes.indices.map { ($0, ChangesPage.summary(changes[$0], from: Paths.changes, site: site)) })
        XCTAssertEqual(ChangesPage.archivesNeeded(plan: nil, prints: site.ledger.revisions.changes.map { ChangesPage.print($0, site: site) }), [0, 1], "without a plan every archive page is made")
        let pages = ChangesPage.pages(site, summaries: summaries, archives: [0, 1])
        XCTAssertEqual(pages.map(\.path), ["changes.html", "changes-1.html", "changes-2.html"])
        let main = pages[0].markdown, first = pages[1].markdown, second = pages[2].markdown
        XCTAssertTrue(main.contains("共 250 次提交；这里是第 201–250 次"))
        XCTAssertTrue(main.contains("## 250. ") && main.contains("## 201. ") && !main.contains("## 200. "))
        XCTAssertTrue(first.contains("## 100. ") && first.contains("## 1. ") && !first.contains("## 101. "))
        XCTAssertTrue(first.contains("[更晚](changes-2.html)") && !first.contains("更早"))
        XCTAssertTrue(second.contains("[更早](changes-1.html)") && second.contains("[最近的提交](changes.html)"))
        XCTAssertEqual(changes[0].document.sidecar?.submitted.map { $0 <= changes[249].document.sidecar!.submitted! }, true, "oldest first")
        let feed = Feed.xml(site, summaries: summaries)
        XCTAssertEqual(feed.components(separatedBy: "<entry>").count - 1, Feed.entries)
        let latest = (changes[249].document.path as NSString).lastPathComponent
        XCTAssertTrue(feed.components(separatedBy: "<entry>")[1].contains(latest), "the latest first")
    }

    /// An archive page is kept by a rebuild while its entries are unchanged (its entries'
    /// summaries are then not made), and made again when one of them changes.
    func testAnArchivePageOfTheHistoryIsRemadeOnlyWhenAnEntryOnItChanges() throws {
        for i in 1...120 {
            let name = String(format: "s%03d", i)
            try write("Content/submissions/\(name).txt", form("专项经费第\(i)号", agency: i % 2 == 0 ? "甲局" : "乙局", budget: "\(i)"))
            try write("Content/submissions/\(name).yml", "submitted: 2022-01-\(String(format: "%02d", 1 + i / 5))\n")
        }
        try build()
        let archive = root + "/site/" + Paths.changesArchive(1)
        let before = try String(contentsOfFile: archive, encoding: .utf8)
        let inode = inodes(root + "/site")[Paths.changesArchive(1)]
        func sameAsClean(_ what: String) throws {
            try? FileManager.default.removeItem(atPath: root + "/clean")
            try build(clean: true, output: "clean")
            XCTAssertEqual(try String(contentsOfFile: archive, encoding: .utf8),
                           try String(contentsOfFile: root + "/clean/" + Paths.changesArchive(1), encoding: .utf8), what)
            XCTAssertEqual(try String(contentsOfFile: root + "/site/" + Paths.changes, encoding: .utf8),
                           try String(contentsOfFile: root + "/clean/" + Paths.changes, encoding: .utf8), what)
        }
        // A new submission, dated last: the archive page (submissions 1–100) is kept.
        try write("Content/submissions/s121.txt", form("专项经费第121号", agency: "甲局", budget: "121"))
        try write("Content/submissions/s121.yml", "submitted: 2022-02-01\n")
        try build()
        XCTAssertEqual(inodes(root + "/site")[Paths.changesArchive(1)], inode, "kept, not rewritten")
        try sameAsClean("after a new submission")
        // An early submission's figure changes: its entry's agency totals move, so the page is remade.
        try write("Content/submissions/s007.txt", form("专项经费第7号", agency: "乙局", budget: "777"))
        try build()
        let after = try String(contentsOfFile: archive, encoding: .utf8)
        XCTAssertNotEqual(after, before)
        XCTAssertTrue(after.contains("777"), "the new figure is on the archive page")
        try sameAsClean("after an early submission changed")
    }

    // MARK: - Incremental

    private func inodes(_ folder: String) -> [String: Int] {
        var out: [String: Int] = [:]
        for f in files(under: folder) {
            out[f] = (try? FileManager.default.attributesOfItem(atPath: folder + "/" + f)[.systemFileNumber] as? Int) ?? -1
        }
        return out
    }

    func testARebuildAfterOneNewSubmissionRewritesOnlyThePagesItAffects() throws {
        try write("Content/submissions/a.txt", form("治安巡逻经费", agency: "甲局", budget: "10"))
        try write("Content/submissions/b.txt", form("禁毒宣传经费", agency: "乙局", budget: "20"))
        try write("Content/submissions/c.txt", form("社区办公经费", agency: "丙局", budget: "30"))
        try build()
        let before = inodes(root + "/site")
        try write("Content/submissions/d.txt", form("环卫保洁经费", agency: "丁局", budget: "40"))
        let report = try build()
        XCTAssertEqual(report.submissionsRead, 1, "only the new file is read")
        XCTAssertEqual(report.submissionsReused, 3)
        let after = inodes(root + "/site")
        let rewritten = Set(after.keys.filter { before[$0] != after[$0] })
        XCTAssertEqual(report.written, rewritten.count)
        for untouched in ["projects/a-01.html", "projects/b-01.html", "projects/c-01.html", "markdown/projects/a-01.md",
                          "about.html", "assets/style.css", "assets/site.js"] + Paths(agencies: ["甲局", "乙局", "丙局"]).agencyPaths {
            XCTAssertFalse(rewritten.contains(untouched), "\(untouched) did not change and was rewritten")
        }
        for affected in ["projects/d-01.html", "index.html", "agencies/index.html", "issues.html", "changes.html", "feed.xml",
                         "assets/search-index.js", "data/projects.json", Paths(agencies: ["丁局"]).agency("丁局")] {
            XCTAssertTrue(rewritten.contains(affected), "\(affected) should have been written")
        }
        XCTAssertEqual(report.unchanged, report.files - report.written)
    }

    func testACleanBuildGivesTheSameSiteAsAnIncrementalOne() throws {
        try write("Content/submissions/a.txt", form("治安巡逻经费", agency: "甲局", budget: "10"))
        try build()
        try write("Content/submissions/b.txt", form("禁毒宣传经费", agency: "乙局", budget: "20"))
        try build()
        try build(clean: true, output: "clean")
        XCTAssertEqual(try snapshot(root + "/site"), try snapshot(root + "/clean"))
    }

    /// The comparing rules look only within a peer group (one kind, year and agency): a
    /// rebuild checks again only the groups with a new, changed or withdrawn member and keeps
    /// the last build's findings for the rest, and its site is a clean build's.
    func testARebuildChecksAgainOnlyThePeerGroupsThatChanged() throws {
        try write("Content/submissions/a.txt", form("扫黑除恶专项经费", agency: "甲局", budget: "10"))
        try write("Content/submissions/b.txt", form("扫黑除恶专项斗争经费", agency: "甲局", budget: "12"))
        try write("Content/submissions/c.txt", form("治安巡逻经费", agency: "乙局", budget: "20"))
        XCTAssertEqual(try build().peerGroupsChecked, 2)
        let near = "名称与 " + root + "/Content/submissions/b.txt:1 的「扫黑除恶专项斗争经费」相近"
        XCTAssertTrue(siteFile(Paths.project("a-01"), in: root + "/site").contains(near))

        // A new project in 乙局: 甲局's group is as it was, and keeps its findings.
        try write("Content/submissions/d.txt", form("治安巡逻经费补助", agency: "乙局", budget: "5"))
        XCTAssertEqual(try build().peerGroupsChecked, 1)
        XCTAssertTrue(siteFile(Paths.project("a-01"), in: root + "/site").contains(near))
        XCTAssertTrue(siteFile(Paths.project("d-01"), in: root + "/site").contains("「治安巡逻经费」相近"), "乙局 was checked again")
        try build(clean: true, output: "clean")
        XCTAssertEqual(try snapshot(root + "/site"), try snapshot(root + "/clean"))
        XCTAssertEqual(try stored("site"), try stored("clean"))

        // b's file renamed, and back: a keeps as many findings, and the one naming b names
        // its file as it is now (what the plan hashed of a's findings is made again, not
        // taken from the last build).
        for (from, to) in [("b.txt", "b2.txt"), ("b2.txt", "b.txt")] {
            try FileManager.default.moveItem(atPath: root + "/Content/submissions/" + from, toPath: root + "/Content/submissions/" + to)
            XCTAssertEqual(try build().peerGroupsChecked, 1)
            XCTAssertTrue(siteFile(Paths.project("a-01"), in: root + "/site").contains("\(to):1 的「扫黑除恶专项斗争经费」相近"))
            try FileManager.default.removeItem(atPath: root + "/clean")
            try build(clean: true, output: "clean")
            XCTAssertEqual(try snapshot(root + "/site"), try snapshot(root + "/clean"), "\(from) renamed \(to)")
        }

        // b withdrawn: a, whose own form did not change, loses the finding that named b.
        try FileManager.default.removeItem(atPath: root + "/Content/submissions/b.txt")
        XCTAssertEqual(try build().peerGroupsChecked, 1)
        XCTAssertFalse(siteFile(Paths.project("a-01"), in: root + "/site").contains("相近"))
        try FileManager.default.removeItem(atPath: root + "/clean")
        try build(clean: true, output: "clean")
        XCTAssertEqual(try snapshot(root + "/site"), try snapshot(root + "/clean"))
        // a's file was not read again, but what the state keeps of it changed: saved anew,
        // not copied from the last state.
        XCTAssertEqual(try stored("site"), try stored("clean"))
        XCTAssertFalse(try stored("site").contains { $0.contains("扫黑除恶专项斗争经费") })

        // Nothing changed in any group (a form's own figure did): nothing to check again.
        try write("Content/submissions/c.txt", form("治安巡逻经费", agency: "乙局", budget: "21"))
        XCTAssertEqual(try build().peerGroupsChecked, 0)
        XCTAssertEqual(try build(clean: true, output: "clean2").peerGroupsChecked, 2)
        XCTAssertEqual(try snapshot(root + "/site"), try snapshot(root + "/clean2"))
        XCTAssertEqual(try stored("site"), try stored("clean2"))
    }

    /// A loaded state's findings keep their messages as the state's bytes until one is read
    /// (`StateReader.sharedText`): read, they are the build's own, and a finding whose message
    /// is bytes is the same finding as one with the text (canonical equivalence, as `String`).
    func testLoadedFindingsReadTheirMessagesFromTheState() throws {
        // The sample submissions, with their findings.
        let samples = repoRoot + "/Content/submissions"
        for name in try FileManager.default.contentsOfDirectory(atPath: samples) {
            try FileManager.default.copyItem(atPath: samples + "/" + name, toPath: root + "/Content/submissions/" + name)
        }
        try build()
        let state = try XCTUnwrap(BuildState.load(from: root + "/.jixiao-cache/site.state"))
        let ledger = self.ledger()
        let fresh = Dictionary(ledger.current.map { ($0.id, ledger.findings(of: $0).map(\.message)) }, uniquingKeysWith: { a, _ in a })
        var compared = 0
        for p in state.documents.flatMap(\.projects) {
            guard let messages = fresh[p.record.id] else { continue }
            XCTAssertEqual(Set((p.own + (p.peers?.findings ?? [])).map(\.message)), Set(messages), p.record.id)
            compared += 1
        }
        XCTAssertGreaterThan(compared, 5)
        XCTAssertTrue(state.documents.flatMap(\.projects).flatMap(\.own).contains { f in
            if case .stored = f.storedMessage { return true } else { return false }
        }, "messages are left in the state's bytes")

        func finding(_ message: StoredText, line: Int = 3) -> Finding {
            Finding(kind: "actual-missing", severity: .warning, origin: .check, storedMessage: message, projectID: "p-01", path: "a.txt", line: line)
        }
        let text = "指标「办结率」的完成值 93% 低于年度指标值 ≥95%"
        let bytes = StateBytes(copying: Data(("前缀" + text + "e\u{301}").utf8))
        let at = "前缀".utf8.count
        let stored = finding(.stored(bytes, at..<(at + text.utf8.count)))
        XCTAssertEqual(stored.message, text)
        XCTAssertEqual(stored, finding(.text(text)))
        XCTAssertEqual(stored.hashValue, finding(.text(text)).hashValue)
        XCTAssertNotEqual(stored, finding(.text(text + "。")))
        XCTAssertNotEqual(stored, finding(.stored(bytes, at..<(at + text.utf8.count)), line: 4))
        // "e" and a combining acute accent, against the one-scalar "é".
        let decomposed = finding(.stored(bytes, (at + text.utf8.count)..<bytes.buffer.count))
        XCTAssertEqual(decomposed, finding(.text("\u{e9}")))
        XCTAssertEqual(decomposed.hashValue, finding(.text("\u{e9}")).hashValue)
    }

    /// The state's shared texts: a rebuild keeps the last table (the documents it copies
    /// refer to it by number) and adds the new texts after it; once more than half of it is
    /// texts no document uses, the next rebuild starts a new table and encodes every document
    /// again. Each state reads back as a clean build's.
    func testTheStatesTableOfTextsIsExtendedThenMadeAnew() throws {
        func table(_ output: String = "site") throws -> StringTable {
            try XCTUnwrap(BuildState.load(from: root + "/.jixiao-cache/\(output).state")?.strings)
        }
        let agencies = ["甲局", "乙局", "丙局", "丁局", "戊局", "己局"]
        for (n, agency) in agencies.enumerated() {
            try write("Content/submissions/f\(n).txt", form("专项经费\(n)", agency: agency, unit: "\(agency)一队", budget: "\(10 + n)"))
        }
        try build()
        let first = try table()
        XCTAssertEqual(first.used, first.strings.count, "a new table holds only used texts")
        XCTAssertTrue(first.strings.contains("戊局一队"))

        // One more form: the table is the last one with the new texts after it.
        try write("Content/submissions/g.txt", form("新增经费", agency: "庚局", unit: "庚局二队", budget: "9"))
        try build()
        let second = try table()
        XCTAssertEqual(Array(second.strings.prefix(first.strings.count)), first.strings)
        XCTAssertTrue(second.strings.dropFirst(first.strings.count).contains("庚局二队"))
        try build(clean: true, output: "clean")
        XCTAssertEqual(try stored("site"), try stored("clean"))

        // Most forms withdrawn: their texts stay in the table, unused...
        for n in 1..<agencies.count { try FileManager.default.removeItem(atPath: root + "/Content/submissions/f\(n).txt") }
        try build()
        let third = try table()
        XCTAssertEqual(Array(third.strings.prefix(second.strings.count)), second.strings)
        XCTAssertFalse(third.worthKeeping, "\(third.used) of \(third.strings.count) texts used")
        // ...until the next rebuild, which starts a new table.
        try write("Content/submissions/h.txt", form("又一经费", agency: "辛局", budget: "8"))
        try build()
        let fourth = try table()
        XCTAssertEqual(fourth.used, fourth.strings.count)
        XCTAssertFalse(fourth.strings.contains("戊局一队"))
        try FileManager.default.removeItem(atPath: root + "/clean")
        try build(clean: true, output: "clean")
        XCTAssertEqual(try snapshot(root + "/site"), try snapshot(root + "/clean"))
        XCTAssertEqual(try stored("site"), try stored("clean"))
    }

    /// A build after which nothing changed (no submission, sidecar, setting, page, theme file
    /// or program) reads the state's head only, touches no file of the site and reports what
    /// a rebuild that read and remade everything it had to would: the same counts and the same
    /// diagnostics. Any change to a submission's or a sidecar's file is a rebuild again.
    func testABuildWithNothingChangedOnlyChecksAndReportsTheLastBuild() throws {
        try FileManager.default.removeItem(atPath: root + "/Content")
        try FileManager.default.copyItem(atPath: repoRoot + "/Content", toPath: root + "/Content")
        let first = try build()
        XCTAssertFalse(first.upToDate)
        let site = try snapshot(root + "/site")
        let files = inodes(root + "/site")
        // The same bytes with a new time: looked at again, a rebuild that reads nothing anew.
        let submissions = root + "/Content/submissions/"
        func retouch(_ name: String) throws {
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: submissions + name)
        }
        try retouch("003_85db0b099c58d533.txt")
        let rebuilt = try build()
        XCTAssertFalse(rebuilt.upToDate)
        XCTAssertEqual(rebuilt.submissionsRead, 0)
        XCTAssertTrue(rebuilt.timings.map(\.step).contains("write and render pages"))
        let idle = try build()
        XCTAssertTrue(idle.upToDate)
        XCTAssertEqual(idle.timings.map(\.step), ["load settings", "load theme", "read submissions"])
        for other in [first, rebuilt] {
            XCTAssertEqual(idle.documents, other.documents)
            XCTAssertEqual(idle.projects, other.projects)
            XCTAssertEqual(idle.findings, other.findings)
            XCTAssertEqual(idle.pages, other.pages)
            XCTAssertEqual(idle.files, other.files)
            XCTAssertEqual(idle.diagnostics, other.diagnostics)
        }
        XCTAssertEqual([idle.documents, idle.submissionsRead, idle.submissionsReused, idle.written, idle.unchanged],
                       [5, 0, 5, 0, rebuilt.unchanged])
        XCTAssertEqual(idle.unchanged, idle.files)
        XCTAssertFalse(idle.diagnostics.isEmpty, "the samples' diagnostics are reported again")
        XCTAssertEqual(try snapshot(root + "/site"), site)
        XCTAssertEqual(inodes(root + "/site"), files)
        // A sidecar's file changing is a change.
        let sidecar = try XCTUnwrap(FileManager.default.contentsOfDirectory(atPath: submissions).sorted().first { $0.hasSuffix(".yml") })
        try retouch(sidecar)
        XCTAssertFalse(try build().upToDate)
        XCTAssertTrue(try build().upToDate)
        // So are a new submission and a new setting.
        try write("Content/submissions/zz.txt", form("环卫保洁经费", agency: "丁局", budget: "40"))
        let added = try build()
        XCTAssertEqual([added.upToDate ? 1 : 0, added.documents, added.submissionsRead], [0, 6, 1])
        try write("Content/site.yml", (try String(contentsOfFile: root + "/Content/site.yml", encoding: .utf8)) + "\n")
        let resettled = try build()
        XCTAssertEqual([resettled.upToDate ? 1 : 0, resettled.submissionsRead], [0, 6], "another setting is a full build")
        XCTAssertTrue(try build().upToDate)
    }

    /// After each kind of change to the samples, a rebuild from the last build's state gives
    /// the site a clean build gives, byte for byte, and reads only what changed.
    func testRebuildsOfTheSamplesEqualCleanBuildsAfterEveryKindOfChange() throws {
        try FileManager.default.removeItem(atPath: root + "/Content")
        try FileManager.default.copyItem(atPath: repoRoot + "/Content", toPath: root + "/Content")
        let submissions = root + "/Content/submissions/"
        func check(_ what: String, read: Int?, file: StaticString = #filePath, line: UInt = #line) throws {
            let report = try build()
            try assertSiteIsACleanBuilds(what, file: file, line: line)
            if let read { XCTAssertEqual(report.submissionsRead, read, "\(what): submissions read", file: file, line: line) }
        }
        try check("first build", read: 8 - 3)
        try check("nothing changed", read: 0)
        // A new form in the samples' agency whose name nearly repeats one of theirs: the other
        // project's findings (and pages) change too.
        try write("Content/submissions/010_new.txt", form("扫黑除恶专项斗争经费", agency: "衡阳市公安局", unit: "衡阳市公安局", budget: "12"))
        try check("a new submission", read: 1)
        // A figure changed in a sample.
        let path = submissions + "002_76a79c8772463e2e.txt"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "100%", with: "98%").write(toFile: path, atomically: true, encoding: .utf8)
        try check("a submission edited", read: 1)
        // Touched, same bytes: looked at, not read.
        try text.replacingOccurrences(of: "100%", with: "98%").write(toFile: path, atomically: true, encoding: .utf8)
        try check("a submission rewritten unchanged", read: 0)
        // The resubmission withdrawn: the earlier version counts again.
        try FileManager.default.removeItem(atPath: submissions + "001_669c653f55a3158e.txt")
        try FileManager.default.removeItem(atPath: submissions + "001_669c653f55a3158e.yml")
        try check("a resubmission removed", read: 0)
        // A sidecar changed: its submission is read again.
        try write("Content/submissions/004_ba98e3692e2d171f.yml", "agency: 衡阳市财政局\nsubmitted: 2022-03-01\n")
        try check("a sidecar changed", read: 1)
        // A sidecar added to a submission that had none (found by listing the folder), in
        // either spelling: the submission is read again, with it.
        try write("Content/submissions/002_76a79c8772463e2e.yml", "agency: 衡阳市财政局\n")
        try check("a sidecar added", read: 1)
        try FileManager.default.removeItem(atPath: submissions + "002_76a79c8772463e2e.yml")
        try write("Content/submissions/002_76a79c8772463e2e.yaml", "agency: 衡阳市财政局\n")
        try check("a sidecar renamed", read: 1)
        // Anything else changed: a full build. (The settings and rules are read again, not
        // taken from the cache: the clean build reads them anew.)
        let categories = root + "/Content/categories.yml"
        try (try String(contentsOfFile: categories, encoding: .utf8) + "\n").write(toFile: categories, atomically: true, encoding: .utf8)
        try check("categories changed", read: 5)
        let rules = try String(contentsOfFile: categories, encoding: .utf8)
        try rules.replacingOccurrences(of: "name: 公共文化", with: "name: 公共文化与体育").write(toFile: categories, atomically: true, encoding: .utf8)
        try check("a category renamed", read: 5)
        XCTAssertTrue(try String(contentsOfFile: root + "/site/categories/index.html", encoding: .utf8).contains("公共文化与体育"))
        let site = root + "/Content/site.yml"
        try (try String(contentsOfFile: site, encoding: .utf8)).replacingOccurrences(of: "title: 预算绩效公开看板", with: "title: 绩效看板")
            .write(toFile: site, atomically: true, encoding: .utf8)
        try check("the site's title changed", read: 5)
        XCTAssertTrue(try String(contentsOfFile: root + "/site/index.html", encoding: .utf8).contains("绩效看板"))
        try FileManager.default.removeItem(atPath: submissions + "010_new.txt")
        try check("the new submission removed", read: 0)
    }

    func testARebuildKilledWhileMovingItsFilesInIsFinishedByTheNextBuild() throws {
        try write("site/index.html", "old")
        try write("site/gone.html", "old")
        // What a rebuild killed after writing its commit list leaves (pid 2^22 + 1 is beyond pid_max).
        let patch = ".site.patch-4194305"
        try write(patch + "/index.html", "new")
        try write(patch + "/projects/x-01.html", "new page")
        try write(patch + "/" + PatchedSite.commitList, "W index.html\nW projects/x-01.html\nD gone.html\n")
        SiteWriter.removeLeftovers(in: URL(fileURLWithPath: root), name: "site")
        XCTAssertEqual(try String(contentsOfFile: root + "/site/index.html", encoding: .utf8), "new")
        XCTAssertEqual(try String(contentsOfFile: root + "/site/projects/x-01.html", encoding: .utf8), "new page")
        XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/site/gone.html"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/" + patch))
        // Without a commit list the patch was never committed: thrown away, the site untouched.
        try write(patch + "/index.html", "newer")
        SiteWriter.removeLeftovers(in: URL(fileURLWithPath: root), name: "site")
        XCTAssertEqual(try String(contentsOfFile: root + "/site/index.html", encoding: .utf8), "new")
    }

    /// A rebuild writes its data files and its state over the copies the build before last
    /// left (spares), keeps the files they replace as the next spares, and never writes over
    /// a spare that has another name or that someone has open.
    func testARebuildWritesOverSparesOnlyWhenNothingElseSeesThem() throws {
        let json = root + "/site/data/projects.json", spare = root + "/.jixiao-cache/site.spare/data/projects.json"
        let state = root + "/.jixiao-cache/site.state", stateSpare = state + ".spare"
        func inode(_ path: String) -> Int? { (try? FileManager.default.attributesOfItem(atPath: path))?[.systemFileNumber] as? Int }
        try write("Content/submissions/a.txt", form("治安巡逻经费", agency: "甲局", budget: "10"))
        try build()
        XCTAssertNil(inode(spare), "a first build has nothing to keep")
        // The first rebuild has no spare to write over: the files it replaces become the spares.
        let (json1, state1) = (inode(json), inode(state))
        try write("Content/submissions/b.txt", form("禁毒宣传经费", agency: "乙局", budget: "20"))
        try build()
        XCTAssertNotNil(json1)
        XCTAssertEqual(inode(spare), json1)
        XCTAssertEqual(inode(stateSpare), state1)
        // The next one writes over them in place, and keeps the files it replaces in turn.
        let (json2, state2) = (inode(json), inode(state))
        try write("Content/submissions/c.txt", form("社区办公经费", agency: "丙局", budget: "30"))
        try build()
        XCTAssertEqual(inode(json), json1, "written over the spare")
        XCTAssertEqual(inode(state), state1, "the state written over its spare")
        XCTAssertEqual(inode(spare), json2)
        XCTAssertEqual(inode(stateSpare), state2)
        try assertSiteIsACleanBuilds("after writing over the spares")
        // A spare with a second name (a copy made with hard links), or one a reader still has
        // open (a download of the old file being served), is left as it is.
        let witness = root + "/witness.json"
        try FileManager.default.linkItem(atPath: spare, toPath: witness)
        let witnessBytes = try Data(contentsOf: URL(fileURLWithPath: witness))
        let reader = try XCTUnwrap(FileHandle(forReadingAtPath: stateSpare))
        defer { try? reader.close() }
        let readerBytes = try Data(contentsOf: URL(fileURLWithPath: stateSpare))
        try write("Content/submissions/d.txt", form("环卫保洁经费", agency: "丁局", budget: "40"))
        try build()
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: witness)), witnessBytes)
        XCTAssertNotEqual(inode(json), inode(witness))
        XCTAssertEqual(try reader.readToEnd(), readerBytes)
        XCTAssertNotEqual(inode(state), inode(stateSpare))
        try assertSiteIsACleanBuilds("after spares that could not be written over")
    }

    /// A rebuild over a spare leaves in place the bytes the spare has already where they go
    /// (its note says which, of which two files), and copies only the rest: in the samples'
    /// +1 and -1 rebuilds nearly all of the four files with a record per project. The site is a
    /// clean build's every time, and a note that no longer describes the files is not used.
    func testARebuildLeavesInPlaceTheBytesItsSpareHasAlready() throws {
        try FileManager.default.removeItem(atPath: root + "/Content")
        try FileManager.default.copyItem(atPath: repoRoot + "/Content", toPath: root + "/Content")
        let spares = root + "/.jixiao-cache/site.spare/data/"
        let extra = root + "/Content/submissions/010_new.txt"
        func rebuild(_ what: String, adding: Bool, file: StaticString = #filePath, line: UInt = #line) throws -> Int {
            if adding {
                try write("Content/submissions/010_new.txt", form("扫黑除恶专项斗争经费", agency: "衡阳市公安局", unit: "衡阳市公安局", budget: "12"))
            } else {
                try FileManager.default.removeItem(atPath: extra)
            }
            let report = try build()
            try assertSiteIsACleanBuilds(what, file: file, line: line)
            return report.leftInPlace
        }
        try build()
        XCTAssertEqual(try rebuild("+1, no spare yet", adding: true), 0)
        // The files made of a record per project (each with a note beside its spare).
        let files = ["data/projects.json", "data/indicators.csv", "data/projects.csv", "assets/search-index.js"]
        let sizes = try files.map { try Data(contentsOf: URL(fileURLWithPath: root + "/site/" + $0)).count }
        let json = try Data(contentsOf: URL(fileURLWithPath: root + "/site/data/projects.json"))
        // The first rebuild's note: the new file copied the old one's records in three runs,
        // the documents, the projects and the departments, the later two shifted by the new
        // document's record and then by its project's too.
        let note = try XCTUnwrap(Spare.Note.read(spares + "projects.json"))
        XCTAssertEqual(note.new.fields[2], json.count)
        let shifts = note.same.map { $0.live - $0.spare }
        XCTAssertEqual(shifts.count, 3)
        XCTAssertTrue(shifts[0] == 0 && 0 < shifts[1] && shifts[1] < shifts[2], "\(shifts)")
        XCTAssertLessThan(json.count - note.same.map(\.length).reduce(0, +), json.count / 50)
        // Removed again: the spare (the first build's files) has every kept record where the
        // -1 rebuild puts it; added again: the spare is the +1 files, all but the new record.
        let minus = try rebuild("-1 over the spare", adding: false)
        let plus = try rebuild("+1 over the spare", adding: true)
        let copied = sizes.reduce(0, +)
        XCTAssertGreaterThan(minus, copied * 9 / 10)
        XCTAssertGreaterThan(plus, copied * 9 / 10)
        XCTAssertLessThan(plus, copied)
        // A full build in between gives the site new files: the note is of others.
        try build(clean: true)
        XCTAssertEqual(try rebuild("-1 after a full build", adding: false), 0)
        XCTAssertGreaterThan(try rebuild("+1 after that", adding: true), copied * 9 / 10)
        // A spare changed since its note (here one byte, in place) is written whole.
        let handle = try XCTUnwrap(FileHandle(forUpdatingAtPath: spares + "projects.json"))
        try handle.seek(toOffset: 100)
        try handle.write(contentsOf: Data("X".utf8))
        try handle.close()
        XCTAssertLessThan(try rebuild("-1 over a changed spare", adding: false), copied - json.count)
    }

    /// A rebuild copies records from the four files with a record per project: one changed,
    /// removed or replaced since the last build makes the next build a full one, which gives
    /// the site a clean build gives.
    func testAFileARebuildCopiesFromChangedInTheSiteMakesAFullBuild() throws {
        try FileManager.default.removeItem(atPath: root + "/Content")
        try FileManager.default.copyItem(atPath: repoRoot + "/Content", toPath: root + "/Content")
        try build()
        for file in ["data/projects.json", "data/indicators.csv", "data/projects.csv", "assets/search-index.js"] {
            let path = root + "/site/" + file
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            // The same length, other bytes: a copy of the record there would be wrong.
            var changed = bytes
            changed[changed.count / 2] = changed[changed.count / 2] == 0x20 ? 0x21 : 0x20
            try FileManager.default.removeItem(atPath: path)
            try changed.write(to: URL(fileURLWithPath: path))
            try write("Content/submissions/010_new.txt", form("扫黑除恶专项斗争经费", agency: "衡阳市公安局", unit: "衡阳市公安局", budget: "12"))
            XCTAssertEqual(try build().submissionsRead, 6, "\(file) changed: every submission read")
            try assertSiteIsACleanBuilds("after \(file) changed")
            try FileManager.default.removeItem(atPath: root + "/Content/submissions/010_new.txt")
            XCTAssertEqual(try build().submissionsRead, 0, "a rebuild again")
        }
    }

    /// A project's search entry names its category, and a shared id's names its last
    /// record's: a rebuild that makes two ids one, or one again, without reading the first
    /// form gives the search index (and every file) a clean build gives. The id's page is
    /// its last record's.
    func testRebuildsAcrossASharedIdGiveTheSearchIndexACleanBuildGives() throws {
        try FileManager.default.removeItem(atPath: root + "/Content")
        try FileManager.default.copyItem(atPath: repoRoot + "/Content", toPath: root + "/Content")
        func check(_ what: String, file: StaticString = #filePath, line: UInt = #line) throws {
            try build()
            try assertSiteIsACleanBuilds(what, file: file, line: line)
        }
        let stem = "a-\(Digest.fnv32("x/a.txt"))"
        try write("Content/submissions/\(stem).txt", form("治安巡逻经费", agency: "乙局", budget: "10"))
        try check("one form")
        let entry = { (name: String) throws -> String in
            let index = try String(contentsOfFile: self.root + "/site/assets/search-index.js", encoding: .utf8)
            return try XCTUnwrap(index.split(separator: "\n").first { $0.contains("\"t\":\"\(name)\"") }).description
        }
        let own = try entry("治安巡逻经费")
        // A form in a folder whose id is the first one's: the first form's entry now names the
        // category of the later (禁毒), though its own submission was not read again.
        try write("Content/submissions/x/a.txt", form("禁毒宣传经费", agency: "甲局", budget: "10"))
        try check("an id shared")
        XCTAssertNotEqual(try entry("治安巡逻经费"), own)
        // One page at the id's path, the later form's (it was made twice, by both records).
        let page = try String(contentsOfFile: root + "/site/" + Paths.project(stem + "-01"), encoding: .utf8)
        XCTAssertTrue(page.contains("<h1>禁毒宣传经费</h1>"), page)
        XCTAssertTrue(try entry("治安巡逻经费").contains(try XCTUnwrap(try entry("禁毒宣传经费").split(separator: ",").first { $0.hasPrefix("\"c\":") })))
        try FileManager.default.removeItem(atPath: root + "/Content/submissions/x/a.txt")
        try check("the id its own again")
        XCTAssertEqual(try entry("治安巡逻经费"), own)
    }

    /// The parts of one copy that a spare has already: only ranges with the copy's own shift
    /// count, cut to the copy, in order, never two over the same bytes.
    func testTheSameRangesWithinACopy() throws {
        let ranges = [Spare.Same(live: 0, spare: 0, length: 10), Spare.Same(live: 10, spare: 15, length: 10),
                      Spare.Same(live: 20, spare: 20, length: 10), Spare.Same(live: 25, spare: 25, length: 20),
                      Spare.Same(live: 60, spare: 60, length: 5)]
        // Copied to where it was: the ranges without a shift, cut to the copy, overlaps once.
        XCTAssertEqual(Spare.Same.within(ranges, old: 5, length: 50, at: 5), [0..<5, 15..<40])
        // Copied 5 bytes on: only the range shifted by 5.
        XCTAssertEqual(Spare.Same.within(ranges, old: 12, length: 20, at: 17), [0..<8])
        // Beyond every range, before all, and an empty copy.
        XCTAssertEqual(Spare.Same.within(ranges, old: 70, length: 10, at: 70), [])
        XCTAssertEqual(Spare.Same.within(ranges, old: 45, length: 15, at: 45), [])
        XCTAssertEqual(Spare.Same.within(ranges, old: 0, length: 0, at: 0), [])
        XCTAssertEqual(Spare.Same.within([], old: 0, length: 10, at: 0), [])
        // A note's ranges, either way round, only for its two files, none past either's end;
        // written and read back as it was.
        let a = try XCTUnwrap(Spare.FileIdentity(fields: [1, 2, 100, 5, 6][...]))
        let b = try XCTUnwrap(Spare.FileIdentity(fields: [1, 3, 80, 5, 7][...]))
        let note = Spare.Note(new: a, old: b, same: [Spare.Same(live: 60, spare: 40, length: 40), Spare.Same(live: 0, spare: 0, length: 50),
                                                     Spare.Same(live: 50, spare: 60, length: 30)])
        XCTAssertEqual(note.ranges(spare: b, live: a), [Spare.Same(live: 0, spare: 0, length: 50), Spare.Same(live: 60, spare: 40, length: 40)])
        XCTAssertEqual(note.ranges(spare: a, live: b), [Spare.Same(live: 0, spare: 0, length: 50), Spare.Same(live: 40, spare: 60, length: 40)])
        XCTAssertNil(note.ranges(spare: a, live: a))
        XCTAssertNil(note.ranges(spare: b, live: try XCTUnwrap(Spare.FileIdentity(fields: [1, 2, 100, 5, 8][...]))), "a changed time")
        let spare = root + "/spare.json"
        note.write(beside: spare)
        XCTAssertEqual(Spare.Note.read(spare), note)
        try write("spare.json.same", "2 1 2 100 5 6 1 3 80 5 7\n0 0 50\n")
        XCTAssertNil(Spare.Note.read(spare), "fewer ranges than it says")
    }

    /// The state's numbers read back as written, the one-byte ones (read inline) and the
    /// longer ones alike, and a number cut short at the end of the bytes is malformed.
    func testStateNumbersReadBackAsWritten() throws {
        let values = [0, 1, -1, 2, -2, 63, -63, -64, 64, -65, 127, 128, 300, -300, 1 << 20, Int(Int32.max),
                      Int.max, Int.min, Int.max - 1, Int.min + 1]
        var w = StateWriter()
        for v in values { w.int(v) }
        let bytes = StateBytes(copying: Data(w.bytes))
        var r = StateReader(bytes.buffer)
        for v in values { XCTAssertEqual(try r.int(), v) }
        XCTAssertTrue(r.isAtEnd)
        XCTAssertThrowsError(try r.int(), "past the end")
        var short = StateWriter()
        short.int(1 << 20)
        let cut = StateBytes(copying: Data(short.bytes.dropLast()))
        var c = StateReader(cut.buffer)
        XCTAssertThrowsError(try c.int(), "a number cut short")
    }

    /// The site's files as a state keeps them: read in place, they answer as the dictionary
    /// they were written from; changed, added and removed files are saved and read back.
    func testOutputFingerprintsReadInPlaceActAsADictionary() throws {
        var files: [String: UInt64] = ["index.html": 99, "数据/说明.txt": 5]
        for n in 0..<300 { files["projects/p\(n).html"] = UInt64(n) * 7 + 1 }
        func written(_ o: OutputFingerprints) throws -> OutputFingerprints {
            var w = StateWriter()
            w.uint64(42)
            o.write(&w)
            w.uint64(43)
            let bytes = StateBytes(copying: Data(w.bytes))
            var r = StateReader(bytes.buffer)
            XCTAssertEqual(try r.uint64(), 42)
            let read = try OutputFingerprints.read(&r, in: bytes)
            XCTAssertEqual(try r.uint64(), 43)
            XCTAssertTrue(r.isAtEnd)
            return read
        }
        var loaded = try written(OutputFingerprints(files))
        XCTAssertEqual(loaded.dictionary, files)
        XCTAssertEqual(loaded["数据/说明.txt"], 5)
        XCTAssertNil(loaded["index.htm"])
        // Changed and added: the loaded entries are copied and their fingerprints written over.
        var expected = files
        loaded["index.html"] = 100; expected["index.html"] = 100
        loaded["projects/p299.html"] = 1; expected["projects/p299.html"] = 1
        loaded["new.html"] = 1; expected["new.html"] = 1
        XCTAssertEqual(try written(loaded).dictionary, expected)
        // Removed (one removed and made again): written entry by entry.
        loaded["projects/p7.html"] = nil; expected["projects/p7.html"] = nil
        loaded["projects/p8.html"] = nil; loaded["projects/p8.html"] = 3; expected["projects/p8.html"] = 3
        XCTAssertEqual(loaded.count, expected.count)
        XCTAssertEqual(Set(loaded.paths), Set(expected.keys))
        XCTAssertEqual(try written(loaded).dictionary, expected)
        XCTAssertEqual(loaded, OutputFingerprints(expected))
    }

    /// The settings and category rules come from the cache only as reading the files gives
    /// them, diagnostics included; a cache that is not whole is read around.
    func testTheSettingsCacheGivesWhatReadingTheFilesGives() throws {
        let cache = root + "/cache/site.settings"
        let samples = Settings.load(content: repoRoot + "/Content")
        XCTAssertEqual(samples.categories.list.map(\.slug).prefix(2), ["epidemic", "drug-control"])
        XCTAssertEqual(samples.config.title, "预算绩效公开看板")
        XCTAssertNil(Settings.cached(content: repoRoot + "/Content", cache: cache))
        XCTAssertEqual(Settings.load(content: repoRoot + "/Content", cache: cache), samples)
        XCTAssertEqual(Settings.cached(content: repoRoot + "/Content", cache: cache), samples)
        // Files with problems: their diagnostics come back from the cache too.
        try write("Odd/site.yml", "title: 看板\nbogus: 1\nissues_per_page: 200\nchecks:\n  lowExecution: 85%\n  weights: {产出指标: 60, 效益指标: 40}\n")
        try write("Odd/categories.yml", "categories:\n  - name: 教育\n    slug: Bad Slug\n    keywords: 学校，教师\n    codes: [\"0204\"]\n  - slug: nameless\n")
        let odd = Settings.load(content: root + "/Odd")
        XCTAssertEqual(odd.configDiagnostics.count, 1)
        XCTAssertEqual(odd.categoryDiagnostics.count, 3)
        XCTAssertEqual(odd.config.issuesPerPage, 200)
        XCTAssertEqual(odd.config.checks.lowExecution, 0.85, accuracy: 1e-9)
        XCTAssertEqual(odd.config.checks.weights, ["产出指标": 60, "效益指标": 40])
        XCTAssertEqual(odd.categories.list.first?.codes, ["0204"])
        XCTAssertEqual(Settings.load(content: root + "/Odd", cache: cache), odd)
        XCTAssertEqual(Settings.cached(content: root + "/Odd", cache: cache), odd)
        XCTAssertNil(Settings.cached(content: repoRoot + "/Content", cache: cache), "made for other bytes")
        // A cache cut short is not used, and is made again.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: cache))
        try bytes.prefix(bytes.count - 3).write(to: URL(fileURLWithPath: cache))
        XCTAssertNil(Settings.cached(content: root + "/Odd", cache: cache))
        XCTAssertEqual(Settings.load(content: root + "/Odd", cache: cache), odd)
        XCTAssertEqual(Settings.cached(content: root + "/Odd", cache: cache), odd)
    }

    func testTheBuildStateReadsBackWhatWasSaved() throws {
        try FileManager.default.removeItem(atPath: root + "/Content")
        try FileManager.default.copyItem(atPath: repoRoot + "/Content", toPath: root + "/Content")
        try build()
        let state = try XCTUnwrap(BuildState.load(from: root + "/.jixiao-cache/site.state"))
        XCTAssertEqual(state.documents.map { ($0.path as NSString).lastPathComponent },
                       ["000_99f9f67b1f4c80f4.txt", "001_669c653f55a3158e.txt", "002_76a79c8772463e2e.txt", "003_85db0b099c58d533.txt", "004_ba98e3692e2d171f.txt"])
        let fresh = Corpus.load(content: root + "/Content")
        XCTAssertEqual(state.documents.flatMap { $0.projects.map(\.record) }, fresh.projects.map(ProjectRecord.init))
        XCTAssertEqual(state.documents.map(\.document.diagnostics), fresh.documents.map(\.diagnostics))
        XCTAssertEqual(state.documents.flatMap(\.departments), fresh.departments)
        XCTAssertEqual(state.documents[1].document.sidecar?.supersedes, "000_99f9f67b1f4c80f4.txt")
        // Saved again from a state whose pages were let go after loading (as a large state's
        // are), the documents are copied from the file as it is and read back the same.
        let dropped = try XCTUnwrap(BuildState.load(from: root + "/.jixiao-cache/site.state", keepPagesBelow: 0))
        XCTAssertNotNil(dropped.source)
        XCTAssertEqual(dropped.documents.filter { $0.encoded == nil }.count, 0)
        try dropped.save(to: root + "/.jixiao-cache/copied.state")
        XCTAssertEqual(try stored("copied"), try stored("site"))
        XCTAssertEqual(try stored("site").count, 5 + fresh.projects.count)
        // A build that will not use the documents reads only the rest.
        let light = try XCTUnwrap(BuildState.load(from: root + "/.jixiao-cache/site.state", documentsIf: { _ in false }))
        XCTAssertTrue(light.documents.isEmpty)
        // Its head alone: what the submissions folder held, and what the build reported.
        let head = try XCTUnwrap(BuildState.load(from: root + "/.jixiao-cache/site.state", doneAfterHead: { _ in true }))
        XCTAssertTrue(head.outputs.isEmpty && head.documents.isEmpty)
        XCTAssertEqual(head.inputs.map(\.path), state.documents.map(\.path))
        XCTAssertEqual(head.inputs.map(\.file), state.documents.map(\.input.file))
        XCTAssertEqual(head.outcome.files, state.outputs.count)
        XCTAssertEqual(head.outcome.projects, fresh.projects.count)
        XCTAssertEqual(head.outcome.diagnostics, fresh.diagnosticLines)
        XCTAssertEqual(light.outputs, state.outputs)
        XCTAssertGreaterThan(light.outputs.count, 20)
        XCTAssertEqual(light.pageInputs, state.pageInputs)
        // The history's summaries, by their entries' prints: all five submissions are on the
        // changes page, each summary as the page shows it.
        XCTAssertEqual(light.summaries, state.summaries)
        XCTAssertEqual(state.summaries.count, 5)
        let changes = try String(contentsOfFile: root + "/site/" + Paths.markdown(of: Paths.changes), encoding: .utf8)
        for summary in state.summaries.values { XCTAssertTrue(changes.contains(summary)) }
        // A damaged state is no state: the next build that needs it is a full one, and right.
        // Damage past the head is found when the rest is read: a build with nothing to do
        // needs only the head; the next change makes a full build.
        let statePath = root + "/.jixiao-cache/site.state"
        let saved = try Data(contentsOf: URL(fileURLWithPath: statePath))
        try saved.dropLast(7).write(to: URL(fileURLWithPath: statePath))
        XCTAssertNil(BuildState.load(from: statePath))
        XCTAssertNotNil(BuildState.load(from: statePath, doneAfterHead: { _ in true }))
        XCTAssertTrue(try build().upToDate)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)],
                                              ofItemAtPath: root + "/Content/submissions/002_76a79c8772463e2e.txt")
        XCTAssertEqual(try build().submissionsRead, 5)
        // Damage in the head: no state at all.
        let whole = try Data(contentsOf: URL(fileURLWithPath: statePath))
        try whole.prefix(40).write(to: URL(fileURLWithPath: statePath))
        XCTAssertNil(BuildState.load(from: statePath, doneAfterHead: { _ in true }))
        let full = try build()
        XCTAssertEqual([full.upToDate ? 1 : 0, full.submissionsRead], [0, 5])
    }

    // MARK: - Reproducible

    private func snapshot(_ folder: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for f in files(under: folder) { out[f] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + f)) }
        return out
    }

    func testTwoCleanBuildsOfTheSamplesAreByteIdentical() throws {
        let one = root + "/one", two = root + "/two"
        _ = try SiteBuilder(options: .init(content: repoRoot + "/Content", theme: repoRoot + "/Theme", output: one, useCache: false)).build()
        _ = try SiteBuilder(options: .init(content: repoRoot + "/Content", theme: repoRoot + "/Theme", output: two, useCache: false)).build()
        let a = try snapshot(one), b = try snapshot(two)
        XCTAssertEqual(Set(a.keys), Set(b.keys))
        for (path, data) in a where b[path] != data { XCTFail("\(path) differs between two clean builds") }
        XCTAssertGreaterThan(a.count, 150)
    }

    // MARK: - Atomic

    func testABuildKilledMidwayLeavesTheOldSiteWhole() throws {
        // Enough forms that a build takes a while: 40 copies of the 15-form sample.
        let sample = try String(contentsOfFile: repoRoot + "/Content/submissions/002_76a79c8772463e2e.txt", encoding: .utf8)
        for n in 0..<40 { try write("Content/submissions/copy\(n).txt", sample.replacingOccurrences(of: "河门口", with: "河门口\(n)")) }
        try build(clean: true)
        let before = try snapshot(root + "/site")
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("jixiao")
        for delay in [0.3, 0.8, 1.5] {
            let process = Process()
            process.executableURL = binary
            process.arguments = ["build", "--clean", "--quiet", "--content", root + "/Content", "--theme", repoRoot + "/Theme", "--output", root + "/site"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            XCTAssertEqual(try snapshot(root + "/site"), before, "killed after \(delay) s: the old site must be whole")
        }
        try build()
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root).filter { $0.hasPrefix(".site.") }
        XCTAssertEqual(leftovers, [], "the next build removes what killed builds left behind")
    }

    // MARK: - Progress and summary

    func testProgressIsPlainLinesWhenNotATerminalAndTheSummaryCountsWrites() throws {
        try write("Content/submissions/a.txt", form("治安巡逻经费", agency: "甲局", budget: "10"))
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("jixiao")
        func run() throws -> (String, String) {
            let process = Process()
            process.executableURL = binary
            process.arguments = ["build", "--content", root + "/Content", "--theme", repoRoot + "/Theme", "--output", root + "/site"]
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let o = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (o, e)
        }
        let (first, progress) = try run()
        XCTAssertTrue(progress.contains("jixiao: read submissions\njixiao: documents read 1/1\n"))
        XCTAssertFalse(progress.contains("\r"), "no terminal control codes when stderr is not a terminal")
        XCTAssertTrue(first.contains("1 documents (1 read, 0 unchanged)"))
        let (second, _) = try run()
        XCTAssertTrue(second.hasPrefix("jixiao: nothing changed since the last build, \(root)/site/ is up to date; 1 documents (0 read, 1 unchanged)"), second)
        XCTAssertTrue(second.contains("(0 written, "), second)
    }

    // MARK: - Serve

    func testServeAnswersOnLocalhostAndRebuildsOnAChange() async throws {
        try write("Content/submissions/a.txt", form("治安巡逻经费", agency: "甲局", budget: "10"))
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("jixiao")
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--port", "0", "--content", root + "/Content", "--theme", repoRoot + "/Theme", "--output", root + "/site"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }

        var address = ""
        let deadline = Date().addingTimeInterval(30)
        var buffer = Data()
        while address.isEmpty, Date() < deadline {
            buffer += out.fileHandleForReading.availableData
            if let line = String(data: buffer, encoding: .utf8), let r = line.range(of: #"http://127\.0\.0\.1:\d+/"#, options: .regularExpression) {
                address = String(line[r])
            }
        }
        XCTAssertFalse(address.isEmpty, "serve printed its address")
        let (home, response) = try await URLSession.shared.data(from: URL(string: address)!)
        XCTAssertEqual((response as? HTTPURLResponse)?.statusCode, 200)
        XCTAssertTrue(String(decoding: home, as: UTF8.self).contains("__jixiao/version"), "pages carry the reload hook")
        let (missing, notFound) = try await URLSession.shared.data(from: URL(string: address + "projects/b-01.html")!)
        XCTAssertEqual((notFound as? HTTPURLResponse)?.statusCode, 404, String(decoding: missing, as: UTF8.self))
        // A query is not part of the path; HEAD tells the length without the body; only GET and HEAD.
        let (withQuery, _) = try await URLSession.shared.data(from: URL(string: address + "index.html?from=feed")!)
        XCTAssertEqual(withQuery, home)
        var head = URLRequest(url: URL(string: address + "index.html")!)
        head.httpMethod = "HEAD"
        let (headBody, headResponse) = try await URLSession.shared.data(for: head)
        XCTAssertEqual((headResponse as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Length"), String(home.count))
        XCTAssertTrue(headBody.isEmpty)
        var post = URLRequest(url: URL(string: address)!)
        post.httpMethod = "POST"
        let (_, refused) = try await URLSession.shared.data(for: post)
        XCTAssertEqual((refused as? HTTPURLResponse)?.statusCode, 405)

        try write("Content/submissions/b.txt", form("禁毒宣传经费", agency: "乙局", budget: "20"))
        var version = "1"
        let until = Date().addingTimeInterval(30)
        while version == "1", Date() < until {
            try await Task.sleep(nanoseconds: 300_000_000)
            version = String(decoding: try await URLSession.shared.data(from: URL(string: address + "__jixiao/version")!).0, as: UTF8.self)
        }
        XCTAssertEqual(version, "2", "a change rebuilt the site")
        let (page, ok) = try await URLSession.shared.data(from: URL(string: address + "projects/b-01.html")!)
        XCTAssertEqual((ok as? HTTPURLResponse)?.statusCode, 200)
        XCTAssertTrue(String(decoding: page, as: UTF8.self).contains("禁毒宣传经费"))
    }

    func testTheServersFilesNeverLeaveTheSiteFolder() throws {
        try write("site/index.html", "<html><body>首页</body></html>")
        try write("site/agencies/index.html", "<html><body>部门</body></html>")
        try write("site/.jixiao-state", "state")
        try write("secret.txt", "outside")
        let files = SiteFileHandler(root: URL(fileURLWithPath: root + "/site").standardizedFileURL)
        let home = files.reply(to: "/")
        XCTAssertEqual(home.status.code, 200)
        XCTAssertEqual(home.headers["Content-Type"], ["text/html; charset=utf-8"])
        XCTAssertTrue(String(decoding: home.body, as: UTF8.self).hasSuffix(SiteFileHandler.reloadScript + "\n</body></html>"))
        XCTAssertTrue(String(decoding: files.reply(to: "/agencies").body, as: UTF8.self).contains("部门"), "a folder answers with its index")
        for path in ["/../secret.txt", "/%2e%2e/secret.txt", "/agencies/%2E%2E/%2E%2E/secret.txt", "/.jixiao-state", "/./index.html"] {
            XCTAssertEqual(files.reply(to: path).status.code, 403, path)
        }
        XCTAssertEqual(files.reply(to: "/nope.html").status.code, 404)
        XCTAssertEqual(String(decoding: files.reply(to: "/nope.html").body, as: UTF8.self), "404 未找到\n")
    }
}

extension Paths {
    /// Test helper: every agency page path.
    var agencyPaths: [String] { ["甲局", "乙局", "丙局"].map(agency) }
}
