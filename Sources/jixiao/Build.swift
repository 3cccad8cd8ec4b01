import ArgumentParser
import Foundation
import JixiaoKit

/// `jixiao build`: reads Content/, writes site/.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate the static site from the submissions.",
        discussion: """
            Reads DIR/submissions, DIR/site.yml, DIR/categories.yml and DIR/pages/*.md, renders every page \
            through the theme and writes the site to OUTPUT (written beside the old one, then swapped in \
            atomically). A rebuild starts from what the last one left in .jixiao-cache/ beside OUTPUT: it reads \
            only submissions that changed and remakes only the pages they affect, moving the changed files into \
            OUTPUT (a build that fails changes nothing); when no submission or sidecar changed either, it only \
            checks that and reports the last build's counts and diagnostics; anything else changed (the program, theme, site.yml, \
            categories.yml, pages/) makes it a full build. --clean ignores that state. Diagnostics about submissions are printed and kept in \
            OUTPUT/data/diagnostics.txt; they never stop a build.
            Exit status: 0 built; 1 the site could not be written (theme missing, disk error); 64 usage error.
            """
    )

    @OptionGroup var folders: SiteFolders

    @Flag(name: .long, help: "Print only the summary.")
    var quiet = false

    @Flag(name: .long, help: "Ignore the last build's state: read every submission and write the whole site anew.")
    var clean = false

    @Flag(name: .long, help: "Print each step's CPU and wall seconds to stderr (for benchmarks).")
    var timings = false

    func validate() throws {
        let (content, theme) = (folders.content, folders.theme)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: content, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("no content folder at \(content)")
        }
        guard FileManager.default.fileExists(atPath: theme, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("no theme folder at \(theme)")
        }
    }

    func run() throws {
        let (content, theme, output) = (folders.content, folders.theme, folders.output)
        let started = Date()
        let reporter = ProgressReporter(quiet: quiet)
        let builder = SiteBuilder(options: .init(content: content, theme: theme, output: output, useCache: !clean, freeAtEnd: false,
                                                    timeRender: timings))
        let report: SiteBuilder.Report
        do {
            report = try builder.build(progress: reporter.handle)
        } catch {
            reporter.finish()
            FileHandle.standardError.write(Data("jixiao: build failed, \(output) left as it was: \(error)\n".utf8))
            throw ExitCode.failure
        }
        reporter.finish()
        if !quiet, !report.diagnostics.isEmpty {
            // One write, not one per line: a 10,000-form corpus has 7,000 lines, and as many
            // system calls were a tenth of a +1 rebuild that printed them.
            FileHandle.standardError.write(Data(report.diagnosticsText.utf8))
        }
        if timings {
            for t in report.timings {
                FileHandle.standardError.write(Data(String(format: "jixiao: timing %@ cpu=%.3f wall=%.3f\n", t.step, t.cpu, t.wall).utf8))
            }
            FileHandle.standardError.write(Data(String(format: "jixiao: timing render-stage cpu=%.3f\n", report.renderCPU).utf8))
        }
        print(Summary.line(report, output: output, seconds: Date().timeIntervalSince(started)))
    }
}

/// The closing line of a build.
enum Summary {
    static func line(_ r: SiteBuilder.Report, output: String, seconds: Double) -> String {
        (r.upToDate ? "jixiao: nothing changed since the last build, \(output)/ is up to date; " : "jixiao: ")
            + "\(r.documents) documents (\(r.submissionsRead) read, \(r.submissionsReused) unchanged), \(r.projects) projects, "
            + "\(r.findings) issues, \(r.diagnostics.count) diagnostics; \(r.pages) pages; \(r.files) files in \(output)/ "
            + "(\(r.written) written, \(r.unchanged) unchanged) " + String(format: "in %.2f s", seconds)
    }
}

/// Progress on stderr: one line redrawn in place on a terminal, plain lines otherwise.
final class ProgressReporter {
    private let quiet: Bool
    private let tty = isatty(STDERR_FILENO) == 1
    private var drewLine = false

    init(quiet: Bool) { self.quiet = quiet }

    func handle(_ event: SiteBuilder.ProgressEvent) {
        guard !quiet else { return }
        switch event {
        case .step(let name):
            write("jixiao: \(name)", final: !tty)
        case let .count(what, done, total):
            if tty { write("jixiao: \(what) \(done)/\(total)", final: false) }
            else if done == total { write("jixiao: \(what) \(done)/\(total)", final: true) }
        }
    }

    func finish() {
        if drewLine { FileHandle.standardError.write(Data("\n".utf8)) }
        drewLine = false
    }

    private func write(_ text: String, final: Bool) {
        if tty {
            FileHandle.standardError.write(Data(("\r\u{1B}[2K" + text).utf8))
            drewLine = true
        } else {
            FileHandle.standardError.write(Data((text + "\n").utf8))
        }
    }
}

/// The three folders a site is built from and into, shared by `build` and `serve`.
struct SiteFolders: ParsableArguments {
    @Option(name: .long, help: "The content folder.")
    var content = "Content"

    @Option(name: .long, help: "The theme folder (templates/ and assets/).")
    var theme = "Theme"

    @Option(name: .long, help: "Where the site goes.")
    var output = "site"
}
