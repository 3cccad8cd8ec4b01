import Foundation
import XCTest

/// The `jixiao` executable as a user runs it.
final class CommandLineTests: XCTestCase {
    private struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The binary built beside this test bundle.
    private var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("jixiao")
    }

    private func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: repoRoot)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    override func setUpWithError() throws {
        // `swift build --build-tests` builds the executable too; its absence is a failure, not a skip.
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            XCTFail("jixiao not built at \(binary.path)")
            throw CocoaError(.fileNoSuchFile)
        }
    }

    func testExportOfTheBundledContentPrintsEveryProject() throws {
        let r = try run(["export"])
        XCTAssertEqual(r.status, 0)
        let root = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        XCTAssertEqual((root["projects"] as? [Any])?.count, 58)
        XCTAssertEqual((root["departments"] as? [Any])?.count, 1)
        XCTAssertTrue(r.stderr.contains("Content/submissions/002_76a79c8772463e2e.txt:810: warning: 总分 score"))
    }

    func testExportOfOneFileAsCSV() throws {
        let r = try run(["export", "--format", "csv", "Content/submissions/003_85db0b099c58d533.txt"])
        XCTAssertEqual(r.status, 0)
        let lines = r.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertEqual(lines.count, 3)
        XCTAssertTrue(lines[1].contains("综治工作经费"))
        let indicators = try run(["export", "--format", "csv-indicators", "Content/submissions/003_85db0b099c58d533.txt"])
        XCTAssertTrue(indicators.stdout.contains("支持县市政法委数量（个，含3个园区）,'=10,10个,4,4"))
    }

    func testUsageErrorsExit64() throws {
        let missing = try run(["export", "--content", "/nonexistent"])
        XCTAssertEqual(missing.status, 64)
        XCTAssertTrue(missing.stderr.contains("no submissions folder"))
        XCTAssertEqual(try run(["export", "--format", "xml"]).status, 64)
    }

    func testAnUnreadableFileIsADiagnosticNotAFailure() throws {
        let r = try run(["export", "/nonexistent/form.txt", "Content/submissions/003_85db0b099c58d533.txt"])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("/nonexistent/form.txt:1: error: cannot read the file"))
        let root = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        XCTAssertEqual((root["projects"] as? [Any])?.count, 2, "the other file is still read")
    }

    // MARK: - check

    private func temp(_ name: String, _ bytes: [UInt8]) throws -> String {
        let dir = scratchPath("cli")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func testCheckOnTheSamplesListsFindingsSortedAndExits1() throws {
        let r = try run(["check"])
        XCTAssertEqual(r.status, 1, "the samples hold error-severity findings")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains("Content/submissions/002_76a79c8772463e2e.txt:799: error: total-score-unreadable: 总分填写为「94.67 999994.67」，不是一个分数；按得分合计应为 94.67 分"))
        XCTAssertTrue(lines.last?.hasPrefix("5 个文件，59 张表：错误 6") ?? false, lines.last ?? "")
        let keys = lines.dropLast().map { line -> (String, Int) in
            let parts = line.split(separator: ":", maxSplits: 2)
            return (String(parts[0]), Int(parts[1]) ?? 0)
        }
        XCTAssertEqual(keys.map { "\($0.0)#\(String(format: "%06d", $0.1))" }, keys.map { "\($0.0)#\(String(format: "%06d", $0.1))" }.sorted(),
                       "sorted by path then line")
    }

    func testCheckOfACleanFileExits0AndJSONParses() throws {
        let clean = try temp("clean.txt", Array(RuleTests.Form().text.utf8))
        let r = try run(["check", clean])
        XCTAssertEqual(r.status, 0, r.stdout)
        XCTAssertTrue(r.stdout.hasSuffix("1 个文件，1 张表：错误 0，警告 0，提示 0\n"), r.stdout)
        let json = try run(["check", "--format", "json", "Content/submissions/003_85db0b099c58d533.txt"])
        XCTAssertEqual(json.status, 1)
        let root = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual((root["summary"] as? [String: Any])?["error"] as? Int, 1)
        XCTAssertTrue(((root["findings"] as? [[String: Any]]) ?? []).contains { $0["rule"] as? String == "target-not-met" })
    }

    func testCheckOfABrokenOrHostileFileIsAClearMessageAndNonZero() throws {
        let binary = try temp("form.docx", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00])
        let r = try run(["check", binary])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stdout.contains("form.docx:1: error: read: not a text export"), r.stdout)
        let garbage = try temp("junk.txt", (0..<4096).map { UInt8(($0 * 7919) % 256) })
        XCTAssertNotEqual(try run(["check", garbage]).status, 0, "undecodable bytes are errors")
        let missing = try run(["check", "/nonexistent/x.txt"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stdout.contains("/nonexistent/x.txt:1: error: read: cannot read the file"))
        XCTAssertEqual(try run(["check", "--format", "yaml"]).status, 64)
    }
}
