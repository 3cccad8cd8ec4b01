import Foundation

extension Rules {
    /// 年度资金总额 against its source rows, per column; and amounts a purpose or goal itemises.
    public static let fundSourceSum = Rule(
        id: "fund-source-sum", title: "资金来源合计不符", severity: .error,
        checks: "年度资金总额的年初预算数、全年预算数、全年执行数，是否等于各资金来源行（中央、省补助，市级资金，当年财政拨款，上年结转资金，其他资金等）之和；资金用途或年度目标中逐项列出的金额之和是否等于预算数。",
        why: "总额与分项对不上，说明至少有一处数字填错，合计和执行率都不可信。",
        how: "逐列把来源行中填了数字的金额相加，与总额行比较，相差超过 0.01 万元即报告；来源行全部空白时不比较。资金用途和年度目标中出现两个以上以「万元」计的金额、且其和与预算数相差在 10% 以内但不相等时，也报告。",
        run: { p, context in
            var out: [RuleHit] = []
            let tolerance = context.settings.amountTolerance
            let columns: [(String, KeyPath<Funds, Amount>, KeyPath<FundSource, Amount>)] = [
                ("年初预算数", \.initialBudget, \.initialBudget), ("全年预算数", \.budget, \.budget), ("全年执行数", \.executed, \.executed),
            ]
            for (label, totalPath, sourcePath) in columns {
                let parts = p.funds.sources.compactMap { s in s[keyPath: sourcePath].value.map { (s.name, $0) } }
                guard !parts.isEmpty else { continue }
                let sum = parts.map(\.1).reduce(0, +)
                let total = p.funds[keyPath: totalPath]
                // Spelled out only for a message (most totals add up).
                var itemised: String { parts.map { "\($0.0) \(Format.amount($0.1))" }.joined(separator: " + ") }
                if let t = total.value {
                    if abs(t - sum) > tolerance {
                        out.append(RuleHit(line: p.funds.line,
                            "年度资金总额的\(label)为 \(CheckText.amount(t))，各来源合计 \(CheckText.amount(sum))（\(itemised)），相差 \(Format.amount(abs(t - sum))) 万元"))
                    }
                } else if total.isBlank, p.kind == .selfEvaluation {
                    out.append(RuleHit(line: p.funds.line,
                        "年度资金总额的\(label)空白，但各来源合计 \(CheckText.amount(sum))（\(itemised)）", severity: .warning))
                }
            }
            if let budget = p.funds.budget.value, budget > 0 {
                for (text, line) in [(p.purpose, p.funds.line)] + p.goals.map({ ($0.planned, $0.line) }) {
                    guard let text else { continue }
                    let amounts = wanAmounts(text)
                    guard amounts.count >= 2 else { continue }
                    let sum = amounts.reduce(0, +)
                    if abs(sum - budget) > tolerance, abs(sum - budget) <= budget * 0.1 {
                        out.append(RuleHit(line: line,
                            "文字中逐项列出的金额 \(amounts.map(Format.number).joined(separator: " + ")) = \(CheckText.amount(sum))，与预算数 \(CheckText.amount(budget)) 不符", severity: .warning))
                    }
                }
            }
            return out
        })

    /// Amounts written as "N万元"/"N 万元" in running text.
    private static let wanPattern = try? NSRegularExpression(pattern: #"(\d+(?:\.\d+)?)万元"#)

    static func wanAmounts(_ text: String) -> [Double] {
        guard Text.has(text, "万元") else { return [] }
        let k = Text.key(text)
        guard let regex = wanPattern else { return [] }
        return regex.matches(in: k, range: NSRange(k.startIndex..., in: k)).compactMap {
            Range($0.range(at: 1), in: k).flatMap { Double(k[$0]) }
        }
    }
}
