import ArgumentParser
import Foundation
import JixiaoKit

@main
struct Jixiao: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jixiao",
        abstract: "Turns budget-performance forms (绩效自评表, 绩效目标表) into a transparency site.",
        subcommands: [Build.self, Check.self, Export.self, Generate.self, Serve.self],
        defaultSubcommand: nil
    )
}

/// `check` and `export` read DIR/submissions unless FILEs are given: then it must exist.
func requireSubmissionsFolder(in content: String, unless files: [String]) throws {
    guard files.isEmpty else { return }
    var isDirectory: ObjCBool = false
    let folder = Corpus.submissionsFolder(of: content)
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw ValidationError("no submissions folder at \(folder); pass --content DIR or FILE arguments")
    }
}
