import ArgumentParser
import Foundation
import JixiaoKit

/// `jixiao check`: the rule catalogue on submissions, as a submitter runs it before submitting.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check submissions against the rule catalogue.",
        discussion: """
            Prints path:line: severity: rule-id: message for every finding, sorted by path and line, \
            then a summary. Thresholds and the weights scheme come from DIR/site.yml (checks:).
            Exit status: 0 no error-severity finding; 1 at least one; 64 usage error.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(name: .long, help: "The content folder: its submissions/ are checked unless FILEs are given; its site.yml sets thresholds.")
    var content = "Content"

    @Option(name: .long, help: "text (one line per finding) or json (for tools).")
    var format: Format = .text

    @Argument(help: "Submission files to check instead of the whole content folder.")
    var files: [String] = []

    func validate() throws { try requireSubmissionsFolder(in: content, unless: files) }

    func run() throws {
        var log = DiagnosticLog()
        let config = SiteConfig.load(path: (content as NSString).appendingPathComponent("site.yml"), log: &log)
        for d in log.items { FileHandle.standardError.write(Data((d.formatted(path: content + "/site.yml") + "\n").utf8)) }
        let corpus = files.isEmpty ? Corpus.load(content: content) : Corpus.load(files: files)
        let report = CheckReport(corpus: corpus, settings: config.checks)
        switch format {
        case .text: FileHandle.standardOutput.write(Data(report.text.utf8))
        case .json: FileHandle.standardOutput.write(Data(report.json.serialized().utf8))
        }
        if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
    }
}
