import XCTest
@testable import JixiaoKit

/// One dictionary of labels; typos, synonyms, full-width forms and traditional characters.
final class NormalizationTests: XCTestCase {
    /// The byte-level shortcut says "already clean" exactly when cleaning changes nothing:
    /// every line of every sample, each kind of space at the start, middle and end.
    /// The ASCII shortcut of `key` gives what folding scalar by scalar gives, on every cell of
    /// the samples and on doubled marks, spaces and controls.
    func testKeyShortcutAgreesWithFolding() throws {
        var texts = ["24.67", "1,234.5", "1,,234", "100%%", "A-01", "a b", "x\ty", "..", "!!", "\\\\", "--", "((", "=10", "", "\u{7F}", "a\u{01}"]
        for name in try FileManager.default.contentsOfDirectory(atPath: repoRoot + "/Content/submissions") where name.hasSuffix(".txt") {
            let text = TextDecoder.decode(Array(try Data(contentsOf: URL(fileURLWithPath: repoRoot + "/Content/submissions/" + name)))).text
            for line in Text.split(text[...], on: 0x0A) { texts += Text.split(line, on: 0x09).map { Text.clean($0) } }
        }
        var shortcut = 0
        for text in texts {
            XCTAssertEqual(Text.key(text), Text.keyByScalars(text), text.debugDescription)
            if Text.isASCIIKey(text.utf8) { shortcut += 1 }
        }
        XCTAssertGreaterThan(shortcut, 50)
    }

    func testCleanShortcutAgreesWithCleaning() throws {
        var texts: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: repoRoot + "/Content/submissions") where name.hasSuffix(".txt") {
            let text = TextDecoder.decode(Array(try Data(contentsOf: URL(fileURLWithPath: repoRoot + "/Content/submissions/" + name)))).text
            for line in Text.split(text[...], on: 0x0A) { texts.append(String(line)); texts += Text.split(line, on: 0x09).map(String.init) }
        }
        for space in ["\u{20}", "\u{20}\u{20}", "\t", "\n", "\u{0B}", "\u{0C}", "\u{A0}", "\u{1680}", "\u{2000}", "\u{2005}", "\u{200B}", "\u{202F}", "\u{205F}", "\u{3000}", "\u{FEFF}"] {
            texts += [space + "预算", "预算" + space, "预" + space + "算", space, "a" + space + "b"]
        }
        texts += ["", "、。「」", "\u{200C}", "\u{2010}", "\u{2030}", "\u{3001}", "ＡＢ", "Ǡ"]
        var clean = 0
        for text in texts {
            XCTAssertEqual(Text.isClean(text.utf8), Text.clean(text) == text, text.debugDescription)
            if Text.isClean(text.utf8) { clean += 1 }
        }
        XCTAssertGreaterThan(clean, 100)
        XCTAssertLessThan(clean, texts.count)
    }

    func testWhitespaceOfEveryKindIsNormalised() {
        XCTAssertEqual(Text.clean("\u{3000}衡阳市公安局\u{00A0} "), "衡阳市公安局")
        XCTAssertEqual(Text.clean("侦破  2\u{3000}起"), "侦破 2 起")
        XCTAssertEqual(Text.key(" 全年预算数（ A ）"), "全年预算数(A)")
    }

    func testFullWidthDigitsParenthesesAndPercent() {
        XCTAssertEqual(Text.key("１００％"), "100%")
        XCTAssertEqual(ValueReader.percent("９６．５％").value, 0.965)
        XCTAssertEqual(ValueReader.amount("２４．６７").value, 24.67)
        XCTAssertEqual(Labels.match("执行率（B／A）", in: [.fundColumn]), .rate)
    }

    func testLabelTyposAndSynonyms() {
        XCTAssertEqual(Labels.match("质量指针", in: [.level2]), .quality)
        XCTAssertEqual(Labels.match("服务对象满意度指针", in: [.level2]), .beneficiary)
        XCTAssertEqual(Labels.match("效果指标", in: [.level1]), .effect)
        XCTAssertEqual(Labels.match("效果\n指标", in: [.level1]), .effect)
        XCTAssertEqual(Labels.match("可持续性影响", in: [.level2]), .sustainable)
        XCTAssertEqual(Labels.match("项目资金名称", in: [.field]), .projectName)
        XCTAssertEqual(Labels.match("市级主管部门", in: [.field]), .agency)
        XCTAssertEqual(Labels.match("县级主管部门", in: [.field]), .agency)
        XCTAssertEqual(Labels.match("地方主管部门", in: [.field]), .localAgency)
        XCTAssertEqual(Labels.match("其中：中央、省补助", in: [.fundRow]), .centralProvincial)
        XCTAssertEqual(Labels.match("指标值确定依据", in: [.indicatorColumn]), .basisHeader, "longest variant wins over 指标值")
        XCTAssertEqual(Labels.match("指标值", in: [.indicatorColumn]), .targetHeader)
        XCTAssertNil(Labels.match("禁毒专项经费", in: [.field, .section, .fundRow]))
    }

    func testTraditionalCharactersFoldToSimplified() {
        XCTAssertEqual(Text.key("金額"), "金额")
        XCTAssertEqual(Labels.match("一級指標", in: [.indicatorColumn]), .level1Header)
        XCTAssertEqual(Labels.match("項目名稱", in: [.field]), nil, "稱 is not in the table: a label we do not know stays unknown")
    }

    func testMatchingKeysAndSubstringsAreComparedByTheirBytes() {
        XCTAssertEqual(Text.key("全年预算数（A）"), "全年预算数(A)")
        XCTAssertEqual(Text.key("满意度，，较高"), "满意度,较高", "a doubled mark is one")
        XCTAssertEqual(Text.key("a  b\tc\u{3000}d"), "abcd")
        XCTAssertTrue(Text.has("2024年度项目支出绩效自评表", "绩效自评表"))
        XCTAssertTrue(Text.has("abc", ""))
        XCTAssertFalse(Text.has("绩效自", "绩效自评表"))
        XCTAssertFalse(Text.has("万", "万元"))
        // é precomposed and decomposed are different bytes: keys are compared as written.
        XCTAssertNotEqual(TextKey("caf\u{E9}"), TextKey("cafe\u{301}"))
        XCTAssertEqual(TextKey("项目名称"), TextKey(String("项目名称x".dropLast())))
        XCTAssertEqual(Set([TextKey("预算"), TextKey("预算"), TextKey("执行")]).count, 2)
    }

    /// `Text.same` and `WordSet` answer as String's `==` and `Set<String>` do, whatever the
    /// texts: ideographs and ASCII (compared by bytes), a compatibility ideograph (U+F900, equal
    /// to U+8C48 by its canonical decomposition), é precomposed and decomposed, full-width
    /// digits, dashes, Hangul, empty text.
    func testByteComparisonsAgreeWithStringEquality() {
        let texts = ["成本指标", "产出指标", "成本指", "成本指标 ", "0", "0%", "０", "", "\u{F900}", "\u{8C48}", "\u{8C48}\u{301}",
                     "caf\u{E9}", "cafe\u{301}", "—", "——", "-", "/", "无", "暂无", "한국", "\u{1100}\u{1161}", "\u{AC00}",
                     "已完成", "完成", "e", "\u{301}", "预算执行率", "A\u{30A}", "\u{C5}", "\u{212B}"]
        for a in texts {
            for b in texts {
                XCTAssertEqual(Text.same(a, b), a == b, "\(a.debugDescription) \(b.debugDescription)")
            }
        }
        for words in [["已完成", "完成", "\u{F900}"], ["无", "—", "——", "/", "\u{E9}", "\u{212B}"], ["预算执行率"], []] {
            let set = WordSet(words), strings = Set(words)
            for t in texts + words { XCTAssertEqual(set.contains(t), strings.contains(t), "\(t.debugDescription) in \(words)") }
        }
        // NameTable answers as [String: Value] does, keys written in either order.
        let keys = ["衡阳市公安局", "\u{F900}", "\u{8C48}", "caf\u{E9}", "cafe\u{301}", "A\u{30A}", "\u{212B}", "成本指标", "x"]
        for order in [keys, keys.reversed()] {
            var table = NameTable<Int>(), dictionary: [String: Int] = [:]
            for (n, k) in order.enumerated() { table[k] = n; dictionary[k] = n }
            for t in texts + keys + ["\u{C5}", "衡阳市公安局 "] { XCTAssertEqual(table[t], dictionary[t], t.debugDescription) }
        }
        // FewNameNumbers numbers names as a [String: Int] filled in order of first appearance.
        for order in [texts + keys, (texts + keys).reversed()] {
            var numbers = FewNameNumbers(), dictionary: [String: Int] = [:]
            for t in order + order {
                let expected = dictionary[t] ?? dictionary.count
                let (n, isNew) = numbers.number(t)
                XCTAssertEqual(n, expected, t.debugDescription)
                XCTAssertEqual(isNew, dictionary[t] == nil, t.debugDescription)
                if dictionary[t] == nil { dictionary[t] = expected }
            }
            XCTAssertEqual(numbers.names.count, dictionary.count)
        }
        XCTAssertTrue(Text.comparesByBytes("成本指标 A1"))
        XCTAssertFalse(Text.comparesByBytes("成本，指标"))
        XCTAssertFalse(Text.comparesByBytes("\u{F900}"))
    }

    /// File-path pieces as Foundation's NSString path methods gave them (ids and sidecar
    /// paths are made from them, so a difference would rename pages and lose sidecars).
    func testFilePathPiecesAsFoundationGaveThem() {
        let paths = ["corpus/submissions/000000_91aa3a3a.txt", "000_x.txt", "a/b/衡阳市公安局自评.txt", "a.b/c", "a/.yml",
                     "x.tar.gz", "noext", "dir/noext", "/abs/path/f.TXT", "材料/2021 自评.doc.txt", "a/b.txt/", "./rel.csv"]
        for p in paths {
            XCTAssertEqual(FilePaths.removingExtension(p), (p as NSString).deletingPathExtension, p)
            XCTAssertEqual(FilePaths.fileExtension(p) ?? "", (p as NSString).pathExtension, p)
            XCTAssertEqual(FilePaths.stem(p), ((p as NSString).lastPathComponent as NSString).deletingPathExtension, p)
        }
        XCTAssertEqual(BuildState.sidecarPaths("corpus/submissions/000_x.txt"),
                       ["corpus/submissions/000_x.yml", "corpus/submissions/000_x.yaml"])
    }

    func testDeadlineWordsBothSpellings() {
        XCTAssertEqual(ValueReader.measure("截止 12 月 31 日前"), .date(year: nil, month: 12, day: 31, before: true))
        XCTAssertEqual(ValueReader.measure("截至12月31日前"), .date(year: nil, month: 12, day: 31, before: true))
    }

    func testInstructionTextIsRecognisedInItsVariants() {
        XCTAssertTrue(FormText.isInstruction("请在此处简要说明各级监督检查中发现的问题及其所涉及的金額，如没有请填无"))
        XCTAssertTrue(FormText.isInstruction("请在此处简要说明各级监督检查中发现的问题及其所涉及金额，如没有请填写无"))
        XCTAssertFalse(FormText.isInstruction("审计发现2万元未按规定使用"))
    }
}
