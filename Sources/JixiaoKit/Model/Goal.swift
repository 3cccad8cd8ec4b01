/// A yearly goal: what was planned and what the form reports as done.
public struct Goal: Sendable, Equatable, Hashable, Codable {
    /// The goal's own label on target tables (目标1); nil on self-evaluations.
    public var label: String?
    public var planned: String?
    public var actual: String?
    public var line: Int

    public init(label: String? = nil, planned: String?, actual: String?, line: Int) {
        self.label = label
        self.planned = planned
        self.actual = actual
        self.line = line
    }
}
