import Foundation
import XCTest
@testable import JixiaoKit

final class SidecarTests: XCTestCase {
    func testReadsEveryKey() {
        var log = DiagnosticLog()
        let s = Sidecar.load(yaml: "agency: 衡阳市公安局\nregion: 衡阳市\nyear: 2021\nsubmitted: 2022-03-01\nsupersedes: 000.txt\n", log: &log)
        XCTAssertEqual(s, Sidecar(agency: "衡阳市公安局", region: "衡阳市", year: 2021, submitted: "2022-03-01", supersedes: "000.txt"))
        XCTAssertEqual(log.items, [])
    }

    func testBadValuesAndUnknownKeysAreReported() {
        var log = DiagnosticLog()
        let s = Sidecar.load(yaml: "year: 二〇二一\nsubmited: 2022-03-01\n", log: &log)
        XCTAssertNil(s?.year)
        XCTAssertEqual(log.items.map(\.severity), [.warning, .error])
        XCTAssertTrue(log.items[0].message.contains("submited"))
    }

    /// `submitted` is a day in ASCII digits: a YAML date, or the same text quoted. Full-width
    /// digits, a missing zero or a trailing line break are reported, not kept (the day is
    /// compared and printed into the feed as it stands).
    func testSubmittedIsADayInASCIIDigits() {
        for (yaml, day) in [("submitted: 2022-03-01\n", "2022-03-01"), ("submitted: \"2022-03-01\"\n", "2022-03-01"),
                            ("submitted: \"２０２２-０３-０１\"\n", nil), ("submitted: 2022-3-1\n", nil),
                            ("submitted: \"2022-03-01\\n\"\n", nil), ("submitted: 2022/03/01\n", nil)] as [(String, String?)] {
            var log = DiagnosticLog()
            let s = Sidecar.load(yaml: yaml, log: &log)
            XCTAssertEqual(s?.submitted, day, yaml)
            XCTAssertEqual(log.items.map(\.severity), day == nil ? [.error] : [], yaml)
        }
        XCTAssertTrue(Sidecar.isDay("1999-12-31"))
        XCTAssertFalse(Sidecar.isDay("1999-12-3１"))
        XCTAssertFalse(Sidecar.isDay("1999-12-311"))
    }

    func testInvalidYAMLIsAnErrorWithItsLine() {
        var log = DiagnosticLog()
        XCTAssertNil(Sidecar.load(yaml: "agency: [unclosed\n", log: &log))
        XCTAssertEqual(log.items.first?.severity, .error)
    }

    func testSampleSidecarsAreLoaded() {
        XCTAssertEqual(sampleDocument("001")?.sidecar?.supersedes, "000_99f9f67b1f4c80f4.txt")
        XCTAssertEqual(sampleDocument("000")?.sidecar?.year, 2021)
        XCTAssertNil(sampleDocument("002")?.sidecar)
    }

    func testSidecarBesideAFileOnDisk() throws {
        let dir = URL(fileURLWithPath: scratchPath("sidecar"))
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "项目支出绩效自评表\n项目名称\t\t甲\n".write(to: dir.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try "agency: 某局\nyear: 2019\ncolour: red\n".write(to: dir.appendingPathComponent("a.yml"), atomically: true, encoding: .utf8)
        let s = SubmissionReader.read(path: dir.appendingPathComponent("a.txt").path, displayPath: "submissions/a.txt")
        XCTAssertEqual(s.projects.first?.agencyResolved, "某局")
        XCTAssertEqual(s.projects.first?.year, 2019)
        XCTAssertEqual(s.document.diagnostics.first?.message.hasPrefix("submissions/a.yml:1:"), true)
    }
}
