import Foundation
import XCTest
@testable import JixiaoKit

/// Broken or hostile input: a clear diagnostic with path:line, never a crash, nothing else lost.
final class RobustnessTests: XCTestCase {
    func testEmptyFile() {
        let s = SubmissionReader.read(bytes: [], displayPath: "empty.txt", sidecar: nil)
        XCTAssertEqual(s.projects.count, 0)
        XCTAssertEqual(s.document.diagnostics.map { $0.formatted(path: "empty.txt") },
                       ["empty.txt:1: warning: the file is empty; no forms"])
    }

    func testBinaryFileIsNotReadAsText() {
        let zipHeader: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00]
        let s = SubmissionReader.read(bytes: zipHeader, displayPath: "form.docx", sidecar: nil)
        XCTAssertEqual(s.document.diagnostics.first?.severity, .error)
        XCTAssertTrue(s.document.diagnostics.first?.message.contains("not a text export") ?? false)
    }

    func testMissingFileIsADiagnostic() {
        let s = SubmissionReader.read(path: "/nonexistent/x.txt", displayPath: "x.txt")
        XCTAssertEqual(s.document.diagnostics.first?.severity, .error)
        XCTAssertEqual(s.document.diagnostics.first?.line, 1)
    }

    func testTextWithNoFormIsReportedWithItsLines() {
        let s = readText("会议纪要\n今天讨论了预算。\n")
        XCTAssertEqual(s.projects.count, 0)
        XCTAssertEqual(messages(s, .warning), [
            "1: no form found (项目支出绩效自评表, 项目绩效目标表 or 部门整体绩效目标); lines 1–2 not read",
        ])
    }

    func testUnknownRowsInsideAFormAreReportedNotDropped() {
        let s = readText("项目支出绩效自评表\n项目名称\t\t甲\n神秘的一行\t数据\n")
        XCTAssertEqual(s.projects.first?.name, "甲")
        XCTAssertEqual(messages(s, .warning), ["3: row not understood in a self-evaluation form; kept out of the data: 神秘的一行 | 数据"])
    }

    func testTextBeforeTheFirstFormIsReported() {
        let s = readText("随便写的话\n项目支出绩效自评表\n项目名称\t\t甲\n")
        XCTAssertEqual(messages(s, .warning), ["1: text before the first form not understood: 随便写的话"])
    }

    func testHostileStringsAreKeptVerbatimAsData() {
        let name = "<script>alert(1)</script>*[x](javascript:y)|../../etc"
        let s = readText("项目支出绩效自评表\n项目名称\t\t\(name)\n")
        XCTAssertEqual(s.projects.first?.name, name, "escaping is the writers' job; the model keeps the text")
        let json = Corpus.from(s).json().serialized()
        let decoded = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let projects = decoded?["projects"] as? [[String: Any]]
        XCTAssertEqual(projects?.first?["name"] as? String, name, "the JSON round-trips it")
    }

    func testLongAndDegenerateInputStaysLinear() {
        // A pathological export: 20,000 TAB-only lines and one huge cell. Must finish, not hang.
        let text = "项目支出绩效自评表\n" + String(repeating: "\t\n", count: 20_000) + "\t" + String(repeating: "很", count: 200_000) + "\n"
        let s = readText(text)
        XCTAssertEqual(s.projects.count, 1)
    }
}

extension Corpus {
    static func from(_ s: Submission) -> Corpus {
        var c = Corpus()
        c.add(s)
        return c
    }
}

/// Which files in the submissions folder are submissions.
final class SubmissionFilesTests: TempContentTestCase {
    func testSubmissionFilesSkipSidecarsHiddenAndLinkedFolders() throws {
        let folder = root + "/Content/submissions"
        try write("Content/submissions/b.txt", "x")
        try write("Content/submissions/b.yml", "year: 2021\n")
        try write("Content/submissions/README.md", "notes")
        try write("Content/submissions/2021/a.txt", "x")
        try write("Content/submissions/2021/a.YAML", "year: 2021\n")
        try write("Content/submissions/.hidden.txt", "x")
        try write("Content/submissions/.git/objects.txt", "x")
        try write("elsewhere/linked.txt", "x")
        try write("elsewhere/folder/inside.txt", "x")
        try FileManager.default.createSymbolicLink(atPath: folder + "/link.txt", withDestinationPath: root + "/elsewhere/linked.txt")
        try FileManager.default.createSymbolicLink(atPath: folder + "/linked-folder", withDestinationPath: root + "/elsewhere/folder")
        try FileManager.default.createSymbolicLink(atPath: folder + "/broken.txt", withDestinationPath: root + "/nowhere.txt")
        XCTAssertEqual(Corpus.submissionFiles(in: folder), [folder + "/2021/a.txt", folder + "/b.txt", folder + "/link.txt"])
        XCTAssertEqual(Corpus.submissionFiles(in: root + "/missing"), [])
    }

    /// A file whose name is not UTF-8 cannot be opened through its listed name: it is
    /// reported against that name, not dropped.
    func testAFileNamedInAnotherEncodingIsReportedNotDropped() throws {
        try write("Content/submissions/ok.txt", "x")
        let raw = Array((root + "/Content/submissions/bad").utf8) + [0xB1, 0xED] + Array(".txt".utf8) + [0]
        let fd = raw.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT, 0o644) } }
        XCTAssertGreaterThanOrEqual(fd, 0)
        close(fd)
        let files = Corpus.submissionFiles(in: root + "/Content/submissions")
        XCTAssertEqual(files.map { ($0 as NSString).lastPathComponent }, ["bad\u{FFFD}\u{FFFD}.txt", "ok.txt"])
        let submission = SubmissionReader.read(path: files[0], displayPath: files[0])
        XCTAssertTrue(submission.document.diagnostics.contains { $0.message.contains("not valid UTF-8") }, "\(submission.document.diagnostics)")
    }
}
