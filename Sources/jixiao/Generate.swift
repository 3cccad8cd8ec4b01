import ArgumentParser
import Foundation
import JixiaoKit

/// `jixiao generate`: a synthetic corpus for benchmarks.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic content folder of N forms (deterministic from the seed) for benchmarks.",
        discussion: "Every layout (cell-lines, tab-rows) and encoding (UTF-8 with and without BOM, UTF-16LE, GB18030, CRLF), hundreds of agencies, units and categories (categories.yml is written with the forms), 8–20 indicators per form, scored and unscored self-evaluations and target tables, and the samples' oddities at realistic rates."
    )

    @Option(name: .long, help: "How many forms.")
    var forms: Int = 1000

    @Option(name: .long, help: "Seed: the same seed gives the same files.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "The content folder to create (must not exist).")
    var output: String

    func validate() throws {
        guard forms > 0 else { throw ValidationError("--forms must be positive") }
        guard !FileManager.default.fileExists(atPath: output) else { throw ValidationError("\(output) already exists") }
    }

    func run() throws {
        let summary = try CorpusGenerator(options: .init(forms: forms, seed: seed)).write(to: output)
        print("jixiao: wrote \(summary.forms) forms in \(summary.files) files (\(summary.bytes / 1024) KiB) for \(summary.agencies) agencies and \(summary.categories) categories to \(output)/")
    }
}
