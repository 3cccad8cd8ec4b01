import Foundation
import XCTest
@testable import JixiaoKit

/// The repository root, found from this file's path.
let repoRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
    }
    fatalError("Package.swift not found above \(#filePath)")
}()

/// The folder every test's temporary files go under: one per run of the suite, removed when
/// the run ends (each run used to leave some sixty folders behind in the system's temp folder).
let scratch: String = {
    let folder = NSTemporaryDirectory() + "jixiao-tests-\(ProcessInfo.processInfo.processIdentifier)"
    try? FileManager.default.removeItem(atPath: folder)
    try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    XCTestObservationCenter.shared.addTestObserver(ScratchRemover(folder: folder))
    return folder
}()

/// Removes the scratch folder when the whole suite has run.
final class ScratchRemover: NSObject, XCTestObservation, Sendable {
    let folder: String

    init(folder: String) { self.folder = folder }

    func testBundleDidFinish(_ testBundle: Bundle) { try? FileManager.default.removeItem(atPath: folder) }
}

/// A new path under `scratch` (not created), named for what it holds.
func scratchPath(_ name: String) -> String { scratch + "/\(name)-\(UUID().uuidString)" }

/// The bundled samples, read once for the whole suite.
let samples: Corpus = Corpus.load(content: repoRoot + "/Content")

/// Reads an inline document as if it were a file called `name`.
func readText(_ text: String, name: String = "inline.txt", sidecar: Sidecar? = nil) -> Submission {
    SubmissionReader.read(bytes: Array(text.utf8), displayPath: name, sidecar: sidecar)
}

/// The projects of one sample file (by its three-digit prefix), in document order.
func sampleProjects(_ file: String) -> [Project] {
    samples.projects.filter { ($0.source.path as NSString).lastPathComponent.hasPrefix(file + "_") }
}

func sampleDocument(_ file: String, testFile: StaticString = #filePath, line: UInt = #line) -> Document? {
    let doc = samples.documents.first { ($0.path as NSString).lastPathComponent.hasPrefix(file + "_") }
    XCTAssertNotNil(doc, "sample \(file) not found", file: testFile, line: line)
    return doc
}

/// Asserts one indicator's fields; nil means "must be empty".
func assertIndicator(_ i: Indicator?, level1: String?, level2: String?, name: String?, target: String?, actual: String?,
                     weight: Double? = nil, score: Double? = nil,
                     file: StaticString = #filePath, line: UInt = #line) {
    guard let i else { return XCTFail("no indicator", file: file, line: line) }
    XCTAssertEqual(i.level1, level1, "level1", file: file, line: line)
    XCTAssertEqual(i.level2, level2, "level2", file: file, line: line)
    XCTAssertEqual(i.name, name, "name", file: file, line: line)
    XCTAssertEqual(i.target, target, "target", file: file, line: line)
    XCTAssertEqual(i.actual, actual, "actual", file: file, line: line)
    XCTAssertEqual(i.weight.value, weight, "weight", file: file, line: line)
    XCTAssertEqual(i.score.value, score, "score", file: file, line: line)
}

/// The messages of a submission's diagnostics of one severity, as "line: message".
func messages(_ s: Submission, _ severity: Severity) -> [String] {
    s.document.diagnostics.filter { $0.severity == severity }.map { "\($0.line): \($0.message)" }
}

/// A test case with its own content folder in a temp directory (`root/Content/submissions`),
/// removed afterwards; `write` puts a file under `root`.
class TempContentTestCase: XCTestCase {
    var root = ""

    override func setUpWithError() throws {
        root = scratchPath("\(type(of: self))")
        try FileManager.default.createDirectory(atPath: root + "/Content/submissions", withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: root) }

    func write(_ path: String, _ text: String) throws {
        let full = root + "/" + path
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: true, encoding: .utf8)
    }
}
