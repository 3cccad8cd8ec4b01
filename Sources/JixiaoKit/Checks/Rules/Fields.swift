import Foundation

extension Rules {
    public static let fieldMissing = Rule(
        id: "field-missing", title: "必填项缺失", severity: .warning,
        checks: "表中是否填写了项目名称、年度目标，自评表是否填写了主管部门、实施单位和年度（目标表的模板没有这几栏，由所在文件给出）。",
        why: "缺少这些信息，项目无法归入正确的部门和年度，公众也看不出钱花给了谁、为了什么。",
        how: "表内为空即报告：能从提交说明或同一文件的其他部分补上的（如主管部门、年度），为提示并注明来源；补不上的为警告。",
        run: { p, _ in
            var out: [RuleHit] = []
            if p.name == nil { out.append(RuleHit(line: p.source.line, "表内没有填写项目名称")) }
            // The target-table template has no 主管部门 or 年度 field: the document around it says them.
            if p.agency == nil, p.kind == .selfEvaluation {
                if p.agencyResolved != Project.unnamedAgency {
                    out.append(RuleHit(line: p.source.line, "表内主管部门为空；按提交说明归入「\(p.agencyResolved)」", severity: .info))
                } else {
                    out.append(RuleHit(line: p.source.line, "表内主管部门为空，提交说明中也没有，归入「\(Project.unnamedAgency)」"))
                }
            }
            if p.kind == .selfEvaluation, p.unit == nil {
                out.append(RuleHit(line: p.source.line, "表内没有填写实施单位"))
            }
            switch p.yearSource {
            case .form?: break
            case .document? where p.kind == .target: break
            case .document?: out.append(RuleHit(line: p.source.line, "表内没有年度；按同一文件标题取 \(Format.year(p.year))", severity: .info))
            case .sidecar?: out.append(RuleHit(line: p.source.line, "表内没有年度；按提交说明取 \(Format.year(p.year))", severity: .info))
            case nil: out.append(RuleHit(line: p.source.line, "表内和提交说明中都没有年度"))
            }
            if !p.goals.contains(where: { ($0.planned ?? "").isEmpty == false && !PlaceholderText.isPlaceholder($0.planned ?? "") }) {
                out.append(RuleHit(line: p.source.line, p.kind == .selfEvaluation ? "没有填写年度总体目标" : "没有填写绩效目标"))
            }
            return out
        })

    public static let misplacedValue = Rule(
        id: "misplaced-value", title: "数字填在名称栏", severity: .warning,
        checks: "主管部门、地方主管部门、实施单位、项目名称和指标名称等应当写名称的栏目，是否只填了一个数字。",
        why: "数字出现在名称栏，通常是合并单元格错位或把金额填错了格，相应的名称和金额都需要核对。",
        how: "名称栏的内容整体是一个数（如「550」「54.6」）即报告，并注明它是否恰好等于预算数。",
        run: { p, _ in
            var out: [RuleHit] = []
            let budget = p.funds.budget.value
            func note(_ value: String) -> String {
                guard let v = ValueReader.plainNumber(Text.key(value)), let budget, abs(v - budget) < 0.005 else { return "" }
                return "，恰好等于全年预算数，像是金额填错了格"
            }
            for (label, value) in [("项目名称", p.name), ("主管部门", p.agency), ("地方主管部门", p.localAgency), ("实施单位", p.unit)] {
                if let value, FormText.isNumberOnly(value) {
                    out.append(RuleHit(line: p.source.line, "\(label)栏填的是数字「\(value)」\(note(value))"))
                }
            }
            for i in p.indicators {
                if let name = i.name, FormText.isNumberOnly(name) {
                    out.append(RuleHit(line: i.line, "三级指标名称填的是数字「\(name)」（年度指标值：\(i.target ?? "未填")）"))
                }
            }
            return out
        })
}

/// Template text left in a form.
enum PlaceholderText {
    /// Whether `text` can be a placeholder at all, from its scalars: it holds one of the
    /// marks doubled placeholders are made of (* ＊ × x X), or its first character (past
    /// spaces and marks) starts one (. 。 … · 、 指 请, or a compatibility ideograph that
    /// may stand for one). Nearly every value fails this at once.
    static func mayBePlaceholder(_ text: String) -> Bool {
        // The marks, on the bytes: * X x, ＊ (EF BC 8A), × (C3 97). Eight bytes are looked at
        // at once; a word goes byte by byte only when it may hold one of the five leads.
        var copy = text
        let marked = copy.withUTF8 { b -> Bool in
            var i = 0
            while i < b.count {
                if i + 8 <= b.count {
                    let w = UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    if !(Text.wordMayHold(w, 0x2A) || Text.wordMayHold(w, 0x58) || Text.wordMayHold(w, 0x78)
                          || Text.wordMayHold(w, 0xC3) || Text.wordMayHold(w, 0xEF)) {
                        i += 8
                        continue
                    }
                }
                let end = min(i + 8, b.count)
                while i < end {
                    switch b[i] {
                    case 0x2A, 0x58, 0x78: return true
                    case 0xC3 where i + 1 < b.count && b[i + 1] == 0x97: return true
                    case 0xEF where i + 2 < b.count && b[i + 1] == 0xBC && b[i + 2] == 0x8A: return true
                    default: i += 1
                    }
                }
            }
            return false
        }
        if marked { return true }
        for scalar in text.unicodeScalars {
            // Printable ASCII and CJK ideographs are neither spaces nor marks: decided by value,
            // without looking up Unicode properties (the first character of nearly every value).
            switch scalar.value {
            case 0x21...0x7E: return scalar.value == 0x2E
            case 0x4E00...0x9FFF: return scalar.value == 0x6307 || scalar.value == 0x8BF7
            default: break
            }
            if Text.isSpace(scalar) || scalar.properties.isWhitespace { continue }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: break
            }
            switch scalar.value {
            case 0x2E, 0x3002, 0x2026, 0xB7, 0x3001, 0x6307, 0x8BF7, 0xF900...0xFAFF, 0x2F800...0x2FA1F: return true
            default: return false
            }
        }
        return false
    }

    /// The whole text is a placeholder: ≥**个, ......, …, XXX, 指标1： with nothing after it.
    static func isPlaceholder(_ text: String) -> Bool {
        // Nearly every value has none of the characters a placeholder is made of: check that first.
        mayBePlaceholder(text) && isPlaceholderText(text)
    }

    /// "xxx" in any case: three ASCII x or X in a row.
    static func hasTripleX(_ k: String) -> Bool {
        var run = 0
        for byte in k.utf8 {
            run = byte == 0x78 || byte == 0x58 ? run + 1 : 0
            if run == 3 { return true }
        }
        return false
    }

    /// `isPlaceholder` without the quick test in front.
    static func isPlaceholderText(_ text: String) -> Bool {
        // Looked at as printed: matching form collapses the doubled marks a placeholder is made of.
        let cleaned = Text.clean(text)
        // Whitespace is ASCII or starts with C2, E1, E2 or E3: text without those has none to drop.
        let k = cleaned.utf8.contains { $0 == 0x20 || (0x09...0x0D).contains($0) || $0 == 0xC2 || (0xE1...0xE3).contains($0) }
            ? cleaned.filter { !$0.isWhitespace } : cleaned
        if k.isEmpty { return false }
        // On the bytes (Foundation's `contains` folds clusters and was most of this rule's time).
        if Text.has(k, "**") || Text.has(k, "＊＊") || Text.has(k, "××") || hasTripleX(k) { return true }
        return Text.comparesByBytes(k) ? isPlaceholderForm(bytesOf: k) : isPlaceholderForm(k)
    }

    /// The rest of `isPlaceholderText` for a text without spaces: only marks, or 指标 and a
    /// number and nothing more, or an instruction to fill the cell in.
    static func isPlaceholderForm(_ k: String) -> Bool {
        if k.allSatisfy({ ".。…·、".contains($0) }) { return true }
        let numbered = FormText.isNumbered(Substring(k), word: "指标", tail: [":", "："])
        if numbered.matched && numbered.rest.isEmpty { return true }
        return k.hasPrefix("请填写") || k.hasPrefix("请输入")
    }

    /// `isPlaceholderForm` on the bytes of a text that compares by bytes (`Text.comparesByBytes`:
    /// ASCII and ideographs, so 。…·、： cannot be in it, and its characters are its scalars).
    /// Most texts that get this far are 指标说明-like values, and the character-by-character
    /// way took some 3,000 instructions for each.
    static func isPlaceholderForm(bytesOf k: String) -> Bool {
        var k = k
        return k.withUTF8 { b in
            if b.allSatisfy({ $0 == 0x2E }) { return true }
            func starts(_ prefix: StaticString) -> Bool {
                prefix.utf8CodeUnitCount <= b.count && memcmp(b.baseAddress!, prefix.utf8Start, prefix.utf8CodeUnitCount) == 0
            }
            if starts("指标") {
                var i = ("指标" as StaticString).utf8CodeUnitCount
                let digitsStart = i
                while i < b.count, (0x30...0x39).contains(b[i]) { i += 1 }
                if i > digitsStart, i == b.count || (i == b.count - 1 && b[i] == 0x3A) { return true }
            }
            return starts("请填写") || starts("请输入")
        }
    }

    /// The template's numbering kept before the submitter's text: 指标1：基层组织活动.
    static func hasTemplateNumbering(_ text: String) -> Bool {
        // The key starts with 指标 only if the text holds 指 (which has no other form).
        guard Text.has(text, "指") else { return false }
        let k = Text.key(text)
        guard k.hasPrefix("指标") else { return false }
        let numbered = FormText.isNumbered(Substring(k), word: "指标")
        return numbered.matched && (numbered.rest.first == ":" || numbered.rest.first == "：") && numbered.rest.count > 1
    }
}

extension Rules {
    public static let placeholderText = Rule(
        id: "placeholder-text", title: "保留了模板占位文字", severity: .warning,
        checks: "表中是否留有模板的占位文字：「≥**个」「......」「XXX」「指标1：」等。",
        why: "占位文字说明该栏没有真正填写；留下的目标无法考核。",
        how: "整栏都是占位文字时逐项报告（警告）；指标名称前保留模板编号「指标N：」、后面写了内容的，每张表合并为一条提示。",
        run: { p, _ in
            var out: [RuleHit] = []
            // Field by field in the form's order, without gathering (or copying) them first.
            func check(_ label: String, _ value: String?, _ line: Int) {
                if let value, PlaceholderText.isPlaceholder(value) {
                    out.append(RuleHit(line: line, "\(label)「\(value)」是模板占位文字，没有填写实际内容"))
                }
            }
            check("项目名称", p.name, p.source.line)
            check("实施单位", p.unit, p.source.line)
            for g in p.goals {
                check("目标", g.planned, g.line)
                check("目标编号", g.label.flatMap { Text.key($0).allSatisfy { ".。…".contains($0) } ? $0 : nil }, g.line)
            }
            var numbered = 0, first: Int?
            for (n, i) in p.indicators.enumerated() {
                check("三级指标", i.name, i.line)
                check("年度指标值", i.target, i.line)
                check("完成值", i.actual, i.line)
                check("指标描述", i.description, i.line)
                check("确定依据", i.basis, i.line)
                if i.name.map(PlaceholderText.hasTemplateNumbering) ?? false {
                    numbered += 1
                    first = first ?? n
                }
            }
            if let first {
                let i = p.indicators[first]
                out.append(RuleHit(line: i.line, "\(numbered) 项指标名称保留了模板编号「指标N：」，如「\(i.name ?? "")」", severity: .info))
            }
            return out
        })
}
