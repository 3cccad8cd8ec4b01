import ArgumentParser
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
