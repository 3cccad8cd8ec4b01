extension Rules {
    /// Two current projects that look like one: same agency, unit and year, names nearly equal.
    public static let nearDuplicate = Rule(
        id: "near-duplicate", title: "疑似同一项目", severity: .warning,
        checks: "同一年度、同一主管部门和实施单位下，名称相近但不完全相同的两个项目（如「扫黑除恶专项经费」与「扫黑除恶专项斗争经费」）。",
        why: "改名后重新提交的项目会被当作两个项目重复计算；是否同一项目需要人来判断。",
        how: "去掉空白后，一个名称包含另一个，或两两相邻字符（二元组）的重合度（Dice 系数）不低于 0.75，即报告，并注明另一个项目的位置。名称完全相同的由重复填报规则和重新提交规则处理。",
        run: { p, context in
            guard let name = p.name, context.isCurrent(p) else { return [] }
            let key = Text.key(name)
            return context.peers(of: p).filter { other in
                guard other.unit == p.unit, let otherName = other.name else { return false }
                let otherKey = Text.key(otherName)
                return otherKey != key && Similarity.isNear(key, otherKey)
            }.map { other in
                RuleHit(line: p.source.line,
                        "名称与 \(other.source.path):\(other.source.line) 的「\(other.name ?? "")」相近（\(Format.year(p.year))，\(p.agencyResolved)，\(p.unit ?? "未填实施单位")），请确认是否同一项目")
            }
        })
}

/// Name similarity for Chinese: containment, or the Dice coefficient of character bigrams.
enum Similarity {
    static func isNear(_ a: String, _ b: String) -> Bool {
        guard a.count >= 4, b.count >= 4 else { return false }
        if a.contains(b) || b.contains(a) { return true }
        return dice(a, b) >= 0.75
    }

    static func dice(_ a: String, _ b: String) -> Double {
        let x = bigrams(a), y = bigrams(b)
        guard !x.isEmpty, !y.isEmpty else { return 0 }
        var counts: [String: Int] = [:]
        for g in x { counts[g, default: 0] += 1 }
        var shared = 0
        for g in y where (counts[g] ?? 0) > 0 {
            counts[g]! -= 1
            shared += 1
        }
        return 2 * Double(shared) / Double(x.count + y.count)
    }

    private static func bigrams(_ s: String) -> [String] {
        let chars = Array(s)
        guard chars.count > 1 else { return [s] }
        return (0..<(chars.count - 1)).map { String(chars[$0...$0 + 1]) }
    }
}
