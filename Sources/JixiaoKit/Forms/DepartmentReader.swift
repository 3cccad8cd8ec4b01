import Foundation

/// 部门整体绩效目标: prose with a year heading, 总体绩效目标, numbered sub-goals
/// ((一)… with 绩效目标：/绩效指标： lines) and 工作保障措施.
enum DepartmentReader {
    private enum Section { case start, overall, goals, measures, done }

    static func read(_ form: FormSlice, context: FormContext, log: inout DiagnosticLog) -> Department {
        var department = Department(source: SourceLocation(path: context.path, line: form.line))
        let title = form.rows[0].filled.map(\.text).joined()
        department.year = FormText.year(inTitle: title) ?? context.sidecar?.year
        department.agency = context.sidecar?.agency
        var section = Section.start
        var overall: [String] = []

        for row in form.rows.dropFirst() where !row.isEmpty {
            let text = row.filled.map(\.text).joined(separator: " ")
            let k = Text.key(text)
            if !row.isProse {
                log.warning(row.line, "table row inside the department goals not understood: \(row.preview)")
                continue
            }
            if isHeading(k, "总体绩效目标") { section = .overall; continue }
            if isHeading(k, "分项绩效目标") { section = .goals; continue }
            if isHeading(k, "工作保障措施") || isHeading(k, "保障措施") { section = .measures; continue }
            if k.range(of: #"^第[一二三四五六七八九十]+部分$"#, options: .regularExpression) != nil { section = .done; continue }
            if section == .done, k == "预算项目绩效目标" || k.hasSuffix("绩效目标") && k.count <= 12 { continue }

            switch section {
            case .start, .overall:
                overall.append(text)
            case .goals:
                if let r = k.range(of: #"^[(（][一二三四五六七八九十]+[)）]"#, options: .regularExpression) {
                    let title = Text.clean(String(k[r.upperBound...]).trimmingCharacters(in: ["。"]))
                    department.goals.append(DepartmentGoal(title: title, goal: nil, indicators: [], line: row.line))
                } else if let value = after(prefix: "绩效目标", in: text), !department.goals.isEmpty {
                    department.goals[department.goals.count - 1].goal = value
                } else if let value = after(prefix: "绩效指标", in: text), !department.goals.isEmpty {
                    department.goals[department.goals.count - 1].indicators = split(value)
                    department.goals[department.goals.count - 1].indicatorsPrinted = value
                } else if !department.goals.isEmpty {
                    let last = department.goals.count - 1
                    department.goals[last].goal = [department.goals[last].goal, text].compactMap { $0 }.joined(separator: "\n")
                } else {
                    overall.append(text)
                }
            case .measures:
                department.measures.append(text)
            case .done:
                log.warning(row.line, "line after the department goals not understood: \(row.preview)")
            }
        }
        department.overallGoal = overall.isEmpty ? nil : overall.joined(separator: "\n")
        if department.goals.isEmpty {
            log.warning(form.line, "department goals have no numbered sub-goals ((一)…)")
        }
        return department
    }

    /// "二、分项绩效目标", "三、工作保障措施", "总体绩效目标": a numbered or bare heading.
    private static func isHeading(_ k: String, _ words: String) -> Bool {
        guard k.count <= words.count + 4, k.hasSuffix(words) || k.hasSuffix(words + ":") else { return false }
        let head = k.dropLast(k.hasSuffix(":") ? words.count + 1 : words.count)
        return head.isEmpty || head.range(of: #"^[一二三四五六七八九十\d]+[、.]?$"#, options: .regularExpression) != nil
    }

    /// "绩效目标：text" → text.
    private static func after(prefix: String, in text: String) -> String? {
        let k = Text.key(text)
        guard k.hasPrefix(prefix + ":") else { return nil }
        guard let colon = text.firstIndex(where: { $0 == "：" || $0 == ":" }) else { return nil }
        let value = Text.clean(text[text.index(after: colon)...])
        return value.isEmpty ? nil : value
    }

    /// Splits an indicator list at its strongest separator: ，,；; when the list has them
    /// (then 、 stays inside an item, as in 唐丰路、老庄子派出所提升建设), else 、.
    static func split(_ list: String) -> [String] {
        let strong: Set<Character> = ["，", ",", "；", ";"]
        let separators: Set<Character> = list.contains(where: strong.contains) ? strong : ["、"]
        return list.split(whereSeparator: separators.contains)
            .map { Text.clean($0).trimmingCharacters(in: ["。", ".", "、"]) }
            .filter { !$0.isEmpty }
    }
}
