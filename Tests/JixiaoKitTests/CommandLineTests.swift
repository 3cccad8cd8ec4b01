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
}
