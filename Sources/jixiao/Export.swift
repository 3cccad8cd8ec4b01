import ArgumentParser
import Foundation
import JixiaoKit

/// `jixiao export`: prints the model read from the submissions.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print every project read from the submissions, as JSON or CSV.",
        discussion: """
            Reads DIR/submissions (or just the FILEs given) and prints the model to stdout. \
            Diagnostics (path:line: severity: message) go to stderr and into the JSON's documents list.
            Exit status: 0 when read, even with diagnostics; 64 for a usage error.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, csv
        case csvIndicators = "csv-indicators"
    }

    @Option(name: .long, help: "The content folder; submissions are read from its submissions/ folder.")
    var content = "Content"

    @Option(name: .long, help: "json (the full model), csv (a row per project) or csv-indicators (a row per indicator).")
    var format: Format = .json

    @Argument(help: "Submission files to read instead of the whole content folder.")
    var files: [String] = []

    func validate() throws { try requireSubmissionsFolder(in: content, unless: files) }

    func run() throws {
        let corpus = files.isEmpty ? Corpus.load(content: content) : Corpus.load(files: files)
        for line in corpus.diagnosticLines {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        switch format {
        case .json:
            // Streamed, buffered: a batch of projects in memory at a time.
            var buffer = Data()
            corpus.writeJSON { piece in
                buffer.append(contentsOf: piece)
                if buffer.count > 1 << 20 { FileHandle.standardOutput.write(buffer); buffer.removeAll(keepingCapacity: true) }
            }
            FileHandle.standardOutput.write(buffer)
        case .csv: FileHandle.standardOutput.write(Data(corpus.projectsCSV().utf8))
        case .csvIndicators: FileHandle.standardOutput.write(Data(corpus.indicatorsCSV().utf8))
        }
    }
}
