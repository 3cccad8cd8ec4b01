import ArgumentParser
import Foundation
import JixiaoKit

/// `jixiao build`: reads Content/, writes site/.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate the static site from the submissions.",
        discussion: """
            Reads DIR/submissions, DIR/site.yml, DIR/categories.yml and DIR/pages/*.md, renders every page \
            through the theme and writes the site to OUTPUT (written beside the old one, then swapped in). \
            Diagnostics about submissions are printed and kept in OUTPUT/data/diagnostics.txt; they never stop a build.
            Exit status: 0 built; 1 the site could not be written (theme missing, disk error); 64 usage error.
            """
    )

    @Option(name: .long, help: "The content folder.")
    var content = "Content"

    @Option(name: .long, help: "The theme folder (templates/ and assets/).")
    var theme = "Theme"

    @Option(name: .long, help: "Where the site goes.")
    var output = "site"

    @Flag(name: .long, help: "Print only the summary.")
    var quiet = false

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: content, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("no content folder at \(content)")
        }
        guard FileManager.default.fileExists(atPath: theme, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("no theme folder at \(theme)")
        }
    }

    func run() throws {
        let quiet = self.quiet
        let started = Date()
        let builder = SiteBuilder(options: .init(content: content, theme: theme, output: output))
        let report: SiteBuilder.Report
        do {
            report = try builder.build { step in
                if !quiet { FileHandle.standardError.write(Data("jixiao: \(step)\n".utf8)) }
            }
        } catch {
            FileHandle.standardError.write(Data("jixiao: build failed, \(output) left as it was: \(error)\n".utf8))
            throw ExitCode.failure
        }
        if !quiet {
            for line in report.diagnostics { FileHandle.standardError.write(Data((line + "\n").utf8)) }
        }
        let seconds = Date().timeIntervalSince(started)
        print("jixiao: \(report.documents) documents, \(report.projects) projects, \(report.findings) issues, "
              + "\(report.diagnostics.count) diagnostics; \(report.pages) pages, \(report.files) files in \(output)/ "
              + String(format: "(%.2f s)", seconds))
    }
}
