import ArgumentParser
import Foundation
import JixiaoKit

/// `jixiao serve`: live preview on localhost.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build, serve the site on localhost, rebuild on every change and reload the open page.",
        discussion: "Listens on 127.0.0.1 only. Stop with Ctrl-C. Exit status: 1 when the first build or the server fails; 64 usage error."
    )

    @OptionGroup var folders: SiteFolders

    @Option(name: .long, help: "Port on 127.0.0.1 (0 picks a free one).")
    var port: UInt16 = 8000

    func run() async throws {
        let (content, theme, output) = (folders.content, folders.theme, folders.output)
        let server = PreviewServer(options: .init(content: content, theme: theme, output: output), port: port) { line in
            FileHandle.standardError.write(Data("jixiao: \(line)\n".utf8))
        }
        do {
            try await server.run { address in
                FileHandle.standardOutput.write(Data("jixiao: serving \(address) — watching \(content)/ and \(theme)/; Ctrl-C to stop\n".utf8))
            }
        } catch {
            FileHandle.standardError.write(Data("jixiao: serve failed: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
