import Foundation

/// What a form reader needs besides its rows: where it is and what the sidecar says.
public struct FormContext: Sendable {
    public var path: String
    /// Stable id of the form: the submission's ASCII stem and the form's number.
    public var id: String
    public var sidecar: Sidecar?
    /// A year the document states outside the form (the 部门整体绩效目标 title above its tables).
    public var documentYear: Int?

    public init(path: String, id: String, sidecar: Sidecar?, documentYear: Int? = nil) {
        self.path = path
        self.id = id
        self.sidecar = sidecar
        self.documentYear = documentYear
    }
}

/// Shared helpers of the form readers.
enum FormText {
    /// The year in a title: "项目支出绩效自评表（2020年度）", "（ 2020年度）", "(2021年度)".
    static func year<S: StringProtocol>(inTitle text: S) -> Int? {
        let chars = Array(Text.key(text))
        guard chars.count >= 5 else { return nil }
        for i in 0...(chars.count - 5) where chars[i + 4] == "年" {
            let digits = chars[i..<(i + 4)]
            guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), let year = Int(String(digits)),
                  (1900...2199).contains(year), i == 0 || !(chars[i - 1].isASCII && chars[i - 1].isNumber) else { continue }
            return year
        }
        return nil
    }

    /// True when the row is only a year line, e.g. "(2021年度)".
    static func isYearLine<S: StringProtocol>(_ text: S) -> Bool {
        guard Text.has(text, "年") else { return false }   // 年 has no other form
        // A year is written in digits, ASCII or full-width (U+FF10–FF19: EF BC 90–99): rows
        // such as 年度总体目标 and 全年预算数 are out before their key is made.
        guard hasDigit(text.utf8) else { return false }
        var k = Substring(Text.key(text))
        // At most 9 characters of at most 3 bytes: long cells are out before counting graphemes.
        guard k.utf8.count <= 27, k.count >= 5, k.count <= 9 else { return false }
        if let f = k.first, f == "(" || f == "[" { k = k.dropFirst() }
        if let l = k.last, l == ")" || l == "]" { k = k.dropLast() }
        if k.hasSuffix("年度") { k = k.dropLast(2) } else if k.hasSuffix("年") { k = k.dropLast() } else { return false }
        return k.count == 4 && k.allSatisfy { $0.isASCII && $0.isNumber } && (1900...2199).contains(Int(k) ?? 0)
    }

    /// Whether the bytes hold a digit, ASCII or full-width.
    private static func hasDigit<U: Collection<UInt8>>(_ utf8: U) -> Bool {
        var lead: (UInt8, UInt8) = (0, 0)
        for byte in utf8 {
            if (0x30...0x39).contains(byte) || (lead == (0xEF, 0xBC) && (0x90...0x99).contains(byte)) { return true }
            lead = (lead.1, byte)
        }
        return false
    }

    /// "目标3", "指标12：": a word followed by a number (and the given tail characters).
    static func isNumbered(_ k: Substring, word: String, tail: Set<Character> = []) -> (matched: Bool, rest: Substring) {
        guard k.hasPrefix(word) else { return (false, k) }
        var rest = k.dropFirst(word.count)
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else { return (false, k) }
        rest = rest.dropFirst(digits.count)
        if let f = rest.first, tail.contains(f) { rest = rest.dropFirst() }
        return (true, rest)
    }

    /// Reads label → value pairs along a row: each field label takes the filled cells after it,
    /// up to the next label. Returns the pairs and the cells that belong to no label.
    static func pairs(_ cells: [Cell], labels: LabelGroups) -> (pairs: [(Label, Cell, [Cell])], loose: [Cell]) {
        var pairs: [(Label, Cell, [Cell])] = []
        var loose: [Cell] = []
        for cell in cells where !cell.isEmpty {
            if let label = Labels.match(cell, in: labels) {
                pairs.append((label, cell, []))
            } else if pairs.isEmpty {
                loose.append(cell)
            } else {
                pairs[pairs.count - 1].2.append(cell)
            }
        }
        return (pairs, loose)
    }

    /// The value of a field: its cells joined, nil when blank.
    static func value(_ cells: [Cell]) -> String? {
        let text = cells.map(\.text).filter { !$0.isEmpty }.joined(separator: " ")
        return text.isEmpty ? nil : text
    }

    /// A name field that holds only a number (地方主管部门 550): an amount typed in the wrong cell.
    static func isNumberOnly(_ text: String) -> Bool {
        // A CJK ideograph (U+4000–9FFF, lead bytes E4–E9) stays one in the key, where no number
        // has any: names, nearly all of them, are out before their key is made.
        if text.utf8.contains(where: { (0xE4...0xE9).contains($0) }) { return false }
        return ValueReader.plainNumber(Text.key(text)) != nil
    }

    /// The form's instruction text in the 说明 row, which means nothing was reported.
    static func isInstruction(_ text: String) -> Bool {
        let k = Text.key(text)
        return Text.has(k, "请在此处简要说明") || (Text.has(k, "如没有") && Text.has(k, "填")) || k.hasPrefix("请简要说明")
    }

    /// Template notes printed under a table: 注：1.单位自评指标是指…
    static func isFootnoteStart(_ text: String) -> Bool {
        let k = Text.key(text)
        return k.hasPrefix("注:") || k.hasPrefix("注1") || k.hasPrefix("备注:")
    }
}
