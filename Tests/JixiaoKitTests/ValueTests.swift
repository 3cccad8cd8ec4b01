import XCTest
@testable import JixiaoKit

/// Values read for what they are; nothing guessed.
final class ValueTests: XCTestCase {
    /// The byte-level quantity reader gives what the character-by-character one gives, on
    /// every target and completion value in the samples and on a 1,000-form synthetic
    /// corpus, plus edge cases (two numbers, trailing dots, separators, a combining mark).
    func testQuantityShortcutAgreesWithCharacters() throws {
        var values = samples.projects.flatMap { $0.indicators.flatMap { [$0.target, $0.actual] } }.compactMap { $0 }
        let corpus = scratchPath("quantity")
        defer { try? FileManager.default.removeItem(atPath: corpus) }
        _ = try CorpusGenerator(options: .init(forms: 1000, seed: 7)).write(to: corpus)
        values += Corpus.load(content: corpus).projects.flatMap { $0.indicators.flatMap { [$0.target, $0.actual] } }.compactMap { $0 }
        values += ["≥95%", "1,234.5万元以上", "2.", "3,,", "1.2.3", "12月31日前", "共2起，3人", "5", "不超过9.74万元", "90%及以上", "e\u{301}5个", "5\u{301}个", "1\u{FE0F}2", "１２个", "≤10天以内"]
        var quantities = 0
        for value in values {
            let k = Text.key(value)
            XCTAssertEqual(ValueReader.quantity(k), ValueReader.quantityByCharacters(k), value)
            if ValueReader.quantity(k) != nil { quantities += 1 }
        }
        XCTAssertGreaterThan(quantities, 1000)
        XCTAssertFalse(Text.isOneScalarPerCharacter("5\u{301}个"))
        XCTAssertTrue(Text.isOneScalarPerCharacter("≥95%，满意度（％）"))
    }

    func testAmounts() {
        XCTAssertEqual(ValueReader.amount("100.00").value, 100)
        XCTAssertEqual(ValueReader.amount("10.00分").value, 10)
        XCTAssertEqual(ValueReader.amount("74.68万元").value, 74.68)
        XCTAssertEqual(ValueReader.amount("1,234.5").value, 1234.5)
        XCTAssertEqual(ValueReader.amount("5000元").value, 0.5, "元 becomes 万元")
        XCTAssertEqual(ValueReader.amount("120000", scale: 0.0001).value, 12)
        XCTAssertNil(ValueReader.amount("—").value)
        XCTAssertTrue(ValueReader.amount("—").isBlank)
    }

    /// Numbers as plain decimals (signs, separators, a long one), and the dash cells that mean
    /// "not applicable" in every spelling, full-width and spaced ones included.
    func testPlainNumbersAndDashes() {
        XCTAssertEqual(ValueReader.plainNumber("-12.5"), -12.5)
        XCTAssertEqual(ValueReader.plainNumber("+1,234,567.25"), 1_234_567.25)
        XCTAssertEqual(ValueReader.plainNumber(".5"), 0.5)
        XCTAssertEqual(ValueReader.plainNumber(String(repeating: "9", count: 80)), Double(String(repeating: "9", count: 80)))
        for bad in ["", "-", ".", "1.2.3", "1-2", "12元", "一二", "1e5", ",5"] { XCTAssertNil(ValueReader.plainNumber(bad), bad) }
        for dash in ["—", "——", " - ", "/", "／", "－", "─", "–", "---", "— —"] { XCTAssertTrue(Text.isDash(dash), dash) }
        for text in ["", "—1", "-5", "无", "/a", "— 无", "n/a"] { XCTAssertFalse(Text.isDash(text), text) }
    }

    func testGarbageStaysTextAndIsNeverANumber() {
        let a = ValueReader.amount("94.67 999994.67")
        XCTAssertEqual(a.printed, "94.67 999994.67")
        XCTAssertNil(a.value)
        XCTAssertNil(ValueReader.amount("分").value)
        XCTAssertNil(ValueReader.amount("约50").value)
        XCTAssertNil(ValueReader.percent("100").value, "a rate without % is not guessed")
        // A character that joins the unit into one (U+0D4E prepends): no unit, no number.
        XCTAssertNil(ValueReader.amount("12\u{0D4E}元").value)
    }

    func testPercents() {
        XCTAssertEqual(ValueReader.percent("100%").value, 1)
        XCTAssertEqual(ValueReader.percent("100%%").value, 1, "100% and a stray % on the next line")
        XCTAssertEqual(ValueReader.percent("66.6%").value, 0.666)
        XCTAssertEqual(ValueReader.percent("100.00%").value, 1)
    }

    func testQuantitiesWithOperators() {
        XCTAssertEqual(ValueReader.measure("≥95%"), .quantity(op: .atLeast, value: 95, unit: "%"))
        XCTAssertEqual(ValueReader.measure(">=2"), .quantity(op: .atLeast, value: 2, unit: ""))
        XCTAssertEqual(ValueReader.measure("<=100"), .quantity(op: .atMost, value: 100, unit: ""))
        XCTAssertEqual(ValueReader.measure("专项投入控制450万"), .quantity(op: .atMost, value: 450, unit: "万"))
        XCTAssertEqual(ValueReader.measure("不超预算数9.74万元"), .quantity(op: .atMost, value: 9.74, unit: "万元"))
        XCTAssertEqual(ValueReader.measure("高于 90%"), .quantity(op: .greater, value: 90, unit: "%"))
        XCTAssertEqual(ValueReader.measure("90%以上"), .quantity(op: .atLeast, value: 90, unit: "%"))
        XCTAssertEqual(ValueReader.measure("侦破 2 起"), .quantity(op: nil, value: 2, unit: "起"))
        XCTAssertEqual(ValueReader.measure("不低于90%"), .quantity(op: .atLeast, value: 90, unit: "%"))
        XCTAssertEqual(ValueReader.measure("等于240"), .quantity(op: .equal, value: 240, unit: ""))
        XCTAssertNil(ValueReader.measure("受理矛盾纠纷106件，临时救助7人"), "two numbers are not one quantity")
        XCTAssertNil(ValueReader.measure("≥**个"), "a placeholder has no number")
        XCTAssertNil(ValueReader.measure("效果明显"))
    }

    func testDates() {
        XCTAssertEqual(ValueReader.measure("2020年底"), .date(year: 2020, month: 12, day: 31, before: true))
        XCTAssertEqual(ValueReader.measure("12月20日"), .date(year: nil, month: 12, day: 20, before: false))
        XCTAssertEqual(ValueReader.measure("2021年11月底前"), .date(year: 2021, month: 11, day: 30, before: true))
    }

    /// Indicators and findings keep their fields in a shared box (copy on write): a copy
    /// changed must leave the original as it was, with its measures in step.
    func testIndicatorsAndFindingsAreValuesWhateverTheirStorage() throws {
        let original = try XCTUnwrap(sampleProjects("001").first?.indicators.first)
        XCTAssertEqual(original.target, "侦破 2 起")
        XCTAssertEqual(original.targetMeasure, .quantity(op: nil, value: 2, unit: "起"))
        var copy = original
        XCTAssertEqual(copy, original)
        XCTAssertEqual(copy.hashValue, original.hashValue)
        copy.target = "≥95%"
        copy.actual = "未完成"
        copy.extra["备注"] = "改过"
        XCTAssertEqual(copy.targetMeasure, .quantity(op: .atLeast, value: 95, unit: "%"))
        XCTAssertEqual(copy.actualMeasure, .status(done: false))
        XCTAssertEqual(original.target, "侦破 2 起")
        XCTAssertEqual(original.targetMeasure, .quantity(op: nil, value: 2, unit: "起"))
        XCTAssertEqual(original.actualMeasure, .status(done: true))
        XCTAssertEqual(original.extra, [:])
        XCTAssertNotEqual(copy, original)
        copy.target = original.target
        copy.actual = original.actual
        copy.extra = [:]
        XCTAssertEqual(copy, original, "equal field by field, though no longer one box")

        let finding = Finding(kind: "actual-missing", severity: .warning, origin: .check, message: "完成值为空",
                              projectID: "001-01", path: "submissions/001.txt", line: 12)
        var changed = finding
        changed.severity = .error
        changed.message = "改过"
        XCTAssertEqual(finding.severity, .warning)
        XCTAssertEqual(finding.message, "完成值为空")
        XCTAssertNotEqual(changed, finding)
        XCTAssertEqual(Set([finding, changed, finding]).count, 2)
    }

    /// The per-thread memo gives what reading the text gives, first time and after, from
    /// several threads at once, for every target and completion value of the samples.
    func testMeasureMemoAgreesWithReadingOnEveryThread() {
        let values = samples.projects.flatMap { $0.indicators.flatMap { [$0.target, $0.actual].compactMap { $0 } } }
            + ["已完成", "≥95%", "2021年11月底前", "不超过80万", "", "未完成"]
        XCTAssertGreaterThan(values.count, 100)
        let mismatches = LockedCount()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            for _ in 0..<2 {
                for v in values where MeasureMemo.measure(v) != ValueReader.measure(v) { mismatches.add() }
            }
        }
        XCTAssertEqual(mismatches.value, 0)
        XCTAssertEqual(MeasureMemo.measure("侦破 2 起"), .quantity(op: nil, value: 2, unit: "起"))
    }

    func testStatusWords() {
        XCTAssertEqual(ValueReader.measure("已完成"), .status(done: true))
        XCTAssertEqual(ValueReader.measure("按时按成"), .status(done: true), "the samples' typo of 按时完成")
        XCTAssertEqual(ValueReader.measure("未完成"), .status(done: false))
    }
}

/// A count several threads add to.
private final class LockedCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
