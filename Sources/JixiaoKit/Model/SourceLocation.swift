/// Where a record comes from: the submission's path and the 1-based line its form starts on.
public struct SourceLocation: Sendable, Equatable, Hashable, Codable {
    public var path: String
    public var line: Int

    public init(path: String, line: Int) {
        self.path = path
        self.line = line
    }
}
