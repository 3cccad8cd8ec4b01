import XCTest
@testable import JixiaoKit

/// Each rule with a form that triggers it and one that doesn't. Forms are written as the
/// tab-rows export, read by the real reader, so a rule sees what it sees in production.
final class RuleTests: XCTestCase {
    // MARK: - Building forms

    struct Form {
        var name = "测试项目"
        var agency = "某局"
        var unit = "某队"
        var year = "（2021年度）"
        var fundsHeader = "项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分"
        var funds = ["\t年度资金总额\t100\t100\t100\t10\t100%\t10"]
        var goals = ["\t完成任务\t已完成"]
        var indicatorHeader = "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施"
        var indicators = [
            "\t产出指标\t数量指标\t检查次数\t≥10次\t12次\t50\t50\t",
            "\t效益指标\t社会效益指标\t群众安全感\t≥90%\t95%\t30\t30\t",
            "\t满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t92%\t10\t10\t",
        ]
        var total: String? = "总分\t100\t100"
        var extra: [String] = []

        var text: String {
            var lines = ["项目支出绩效自评表\(year)", "项目名称\t\(name)", "主管部门\t\(agency)\t实施单位\t\(unit)", fundsHeader] + funds
            lines += ["年度总体目标\t预期目标\t实际完成情况"] + goals + [indicatorHeader] + indicators
            if let total { lines.append(total) }
            return (lines + extra).joined(separator: "\n") + "\n"
        }
    }

    private func findings(_ form: Form, rule: String, settings: CheckSettings = CheckSettings(), file: StaticString = #filePath, line: UInt = #line) -> [Finding] {
        let s = readText(form.text)
        XCTAssertEqual(s.projects.count, 1, "the test form reads as one project", file: file, line: line)
        guard let p = s.projects.first else { return [] }
        return Rules.check(p, context: CheckContext(settings: settings, projects: s.projects)).filter { $0.kind == rule }
    }

    private func findings(_ text: String, rule: String) -> [Finding] {
        let s = readText(text)
        return s.projects.flatMap { Rules.check($0, context: CheckContext(projects: s.projects)) }.filter { $0.kind == rule }
    }

    func testTheCleanFormTriggersNoRule() {
        let s = readText(Form().text)
        XCTAssertEqual(Rules.check(s.projects[0], context: CheckContext(projects: s.projects)).map(\.kind), [])
    }

    // MARK: - Funds

    func testFundSourceSum() {
        var f = Form()
        f.funds += ["\t其中：当年财政拨款\t60\t60\t60\t—\t—\t—", "\t上年结转资金\t30\t30\t30\t—\t—\t—"]
        let hits = findings(f, rule: "fund-source-sum")
        XCTAssertEqual(hits.count, 3, "each column: 60 + 30 ≠ 100")
        XCTAssertEqual(hits.first?.severity, .error)
        XCTAssertTrue(hits.first?.message.contains("当年财政拨款 60.00 + 上年结转资金 30.00") ?? false, hits.first?.message ?? "")
        f.funds[2] = "\t上年结转资金\t40\t40\t40\t—\t—\t—"
        XCTAssertEqual(findings(f, rule: "fund-source-sum"), [])
    }

    func testFundSourceSumInItemisedText() {
        var f = Form()
        f.goals = ["\t其中二期60.5万元，三期40万元\t已完成"]
        XCTAssertEqual(findings(f, rule: "fund-source-sum").map(\.severity), [.warning], "60.5 + 40 = 100.5 ≠ 100")
        f.goals = ["\t其中二期60万元，三期40万元\t已完成"]
        XCTAssertEqual(findings(f, rule: "fund-source-sum"), [])
    }

    func testRateMismatch() {
        var f = Form()
        f.funds = ["\t年度资金总额\t100\t100\t90\t10\t96.5%\t9"]
        let hits = findings(f, rule: "rate-mismatch")
        XCTAssertEqual(hits.count, 1)
        XCTAssertTrue(hits[0].message.contains("96.5%") && hits[0].message.contains("90.0%"))
        f.funds = ["\t年度资金总额\t100\t100\t90\t10\t90.05%\t9"]
        XCTAssertEqual(findings(f, rule: "rate-mismatch"), [], "within 0.1 point")
    }

    func testRateScoreMismatch() {
        var f = Form()
        f.funds = ["\t年度资金总额\t100\t100\t80\t10\t80%\t10"]
        XCTAssertTrue(findings(f, rule: "rate-score-mismatch").first?.message.contains("应为 8 分") ?? false)
        f.funds = ["\t年度资金总额\t112.12\t112.12\t74.68\t10\t66.6%\t6.67"]
        XCTAssertEqual(findings(f, rule: "rate-score-mismatch"), [], "rounding of the printed rate is allowed")
        f.funds = ["\t年度资金总额\t100\t100\t100\t10\t100%\t分"]
        XCTAssertEqual(findings(f, rule: "rate-score-mismatch").count, 1, "an unreadable score is reported")
    }

    func testLowExecutionIsAWarningWithoutAReasonAndInfoWithOne() {
        var f = Form()
        f.funds = ["\t年度资金总额\t100\t100\t80\t10\t80%\t8"]
        XCTAssertEqual(findings(f, rule: "low-execution").map(\.severity), [.warning])
        f.indicators[0] = "\t产出指标\t数量指标\t检查次数\t≥10次\t12次\t50\t50\t部分采购延至次年"
        XCTAssertEqual(findings(f, rule: "low-execution").map(\.severity), [.info])
        var settings = CheckSettings()
        settings.lowExecution = 0.75
        XCTAssertEqual(findings(f, rule: "low-execution", settings: settings), [], "the threshold comes from site.yml")
        XCTAssertEqual(findings(Form(), rule: "low-execution"), [])
    }

    func testOverExecution() {
        var f = Form()
        f.funds = ["\t年度资金总额\t100\t100\t105\t10\t105%\t10"]
        XCTAssertTrue(findings(f, rule: "over-execution").first?.message.contains("超出 5.00 万元") ?? false)
        XCTAssertEqual(findings(Form(), rule: "over-execution"), [])
    }

    func testBudgetAdjusted() {
        var f = Form()
        f.funds = ["\t年度资金总额\t80\t100\t100\t10\t100%\t10"]
        let hits = findings(f, rule: "budget-adjusted")
        XCTAssertEqual(hits.map(\.severity), [.info])
        XCTAssertTrue(hits[0].message.contains("追加 20.00 万元"))
        XCTAssertEqual(findings(Form(), rule: "budget-adjusted"), [])
    }

    func testCostAboveBudget() {
        var f = Form()
        f.indicators.append("\t\t成本指标\t成本控制\t专项投入控制450万\t已完成\t\t\t")
        f.funds = ["\t年度资金总额\t450\t405\t405\t10\t100%\t10"]
        let above = findings(f, rule: "cost-above-budget")
        XCTAssertEqual(above.map(\.severity), [.warning])
        XCTAssertTrue(above[0].message.contains("高于全年预算数 405.00 万元"))
        XCTAssertTrue(above[0].message.contains("与年初预算数相同"))
        f.indicators[3] = "\t\t成本指标\t成本控制\t≤13万元\t已完成\t\t\t"
        f.funds = ["\t年度资金总额\t20\t20\t20\t10\t100%\t10"]
        XCTAssertEqual(findings(f, rule: "cost-above-budget").map(\.severity), [.info], "differs, below the budget")
        f.indicators[3] = "\t\t成本指标\t成本控制\t不超预算数20万元\t已完成\t\t\t"
        XCTAssertEqual(findings(f, rule: "cost-above-budget"), [])
    }

    // MARK: - Scores

    func testWeightsSum() {
        var f = Form()
        f.indicators[0] = "\t产出指标\t数量指标\t检查次数\t≥10次\t12次\t30\t30\t"
        f.total = "总分\t100\t80"
        let hits = findings(f, rule: "weights-sum")
        XCTAssertEqual(hits.map(\.severity), [.warning, .info])
        XCTAssertTrue(hits[0].message.contains("之和为 80"))
        XCTAssertTrue(hits[1].message.contains("产出指标 30（方案 50）"))
        XCTAssertEqual(findings(Form(), rule: "weights-sum"), [])
    }

    func testScoreAboveWeight() {
        var f = Form()
        f.indicators[1] = "\t效益指标\t社会效益指标\t群众安全感\t≥90%\t95%\t30\t32\t"
        f.total = "总分\t100\t102"
        XCTAssertEqual(findings(f, rule: "score-above-weight").map(\.severity), [.error])
        XCTAssertEqual(findings(Form(), rule: "score-above-weight"), [])
    }

    func testTotalScoreMismatch() {
        var f = Form()
        f.total = "总分\t100\t98"
        let hits = findings(f, rule: "total-score-mismatch")
        XCTAssertEqual(hits.count, 1)
        XCTAssertTrue(hits[0].message.contains("合计为 100"))
        XCTAssertEqual(findings(Form(), rule: "total-score-mismatch"), [])
    }

    func testTotalScoreUnreadable() {
        var f = Form()
        f.total = "总分\t100\t94.67 999994.67"
        let hits = findings(f, rule: "total-score-unreadable")
        XCTAssertEqual(hits.map(\.severity), [.error])
        XCTAssertTrue(hits[0].message.contains("应为 100 分"))
        XCTAssertEqual(findings(Form(), rule: "total-score-unreadable"), [])
    }

    // MARK: - Targets

    func testTargetNotMetQuantities() {
        var f = Form()
        f.indicators[0] = "\t产出指标\t数量指标\t检查次数\t不低于10次\t8次\t50\t45\t经费不足"
        f.total = "总分\t100\t95"
        XCTAssertEqual(findings(f, rule: "target-not-met").count, 1)
        f.indicators[0] = "\t产出指标\t数量指标\t检查次数\t10次以上\t12次\t50\t50\t"
        f.total = "总分\t100\t100"
        XCTAssertEqual(findings(f, rule: "target-not-met"), [])
        f.indicators[0] = "\t产出指标\t数量指标\t成本\t以内100万\t已完成\t50\t50\t"
        XCTAssertEqual(findings(f, rule: "target-not-met"), [], "已完成 cannot be compared")
    }

    func testTargetNotMetDeadlines() {
        var f = Form()
        f.indicators.append("\t\t时效指标\t完成时间\t截止12月31日前\t2022年1月15日\t\t\t")
        XCTAssertEqual(findings(f, rule: "target-not-met").count, 0, "no year on the target: the months are compared")
        f.indicators[3] = "\t\t时效指标\t完成时间\t12月20日\t1月31日\t\t\t"
        XCTAssertTrue(findings(f, rule: "target-not-met").first?.message.contains("按次年理解") ?? false)
        f.indicators[3] = "\t\t时效指标\t完成时间\t12月20日\t12月10日\t\t\t"
        XCTAssertEqual(findings(f, rule: "target-not-met"), [])
        f.indicators[3] = "\t\t时效指标\t完成时间\t2020年底\t2021年3月\t\t\t"
        XCTAssertEqual(findings(f, rule: "target-not-met").count, 1)
    }

    func testDeviationMissing() {
        var f = Form()
        f.indicators[0] = "\t产出指标\t数量指标\t检查次数\t≥10次\t8次\t50\t45\t无"
        f.total = "总分\t100\t95"
        XCTAssertEqual(findings(f, rule: "deviation-missing").count, 1, "「无」 is no reason")
        f.indicators[0] = "\t产出指标\t数量指标\t检查次数\t≥10次\t8次\t50\t45\t疫情停工两个月"
        XCTAssertEqual(findings(f, rule: "deviation-missing"), [])
    }

    func testActualMissing() {
        var f = Form()
        f.indicators[2] = "\t满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t\t10\t10\t"
        XCTAssertTrue(findings(f, rule: "actual-missing").first?.message.contains("群众满意度") ?? false)
        XCTAssertEqual(findings(Form(), rule: "actual-missing"), [])
    }

    // MARK: - Fields

    func testFieldMissing() {
        var f = Form()
        f.unit = ""
        f.year = ""
        f.goals = []
        let messages = findings(f, rule: "field-missing").map(\.message)
        XCTAssertTrue(messages.contains("表内没有填写实施单位"))
        XCTAssertTrue(messages.contains("表内和提交说明中都没有年度"))
        XCTAssertTrue(messages.contains("没有填写年度总体目标"))
        let withSidecar = readText(f.text, sidecar: Sidecar(year: 2021))
        let fromSidecar = Rules.check(withSidecar.projects[0], context: CheckContext()).filter { $0.kind == "field-missing" && $0.message.hasPrefix("表内没有年度") }
        XCTAssertEqual(fromSidecar.map(\.severity), [.info])
        XCTAssertEqual(findings(Form(), rule: "field-missing"), [])
    }

    func testMisplacedValue() {
        let text = Form().text.replacingOccurrences(of: "主管部门\t某局", with: "主管部门\t某局\t地方主管部门\t100")
        let hits = findings(text, rule: "misplaced-value")
        XCTAssertEqual(hits.count, 1)
        XCTAssertTrue(hits[0].message.contains("恰好等于全年预算数"))
        XCTAssertEqual(findings(Form(), rule: "misplaced-value"), [])
    }

    func testPlaceholderText() {
        var f = Form()
        f.indicators[0] = "\t产出指标\t数量指标\t检查次数\t≥**个\t12次\t50\t50\t"
        XCTAssertEqual(findings(f, rule: "placeholder-text").map(\.severity), [.warning])
        f.indicators[0] = "\t产出指标\t数量指标\t指标1：检查次数\t≥10次\t12次\t50\t50\t"
        XCTAssertEqual(findings(f, rule: "placeholder-text").map(\.severity), [.info], "template numbering kept before real text")
        XCTAssertEqual(findings(Form(), rule: "placeholder-text"), [])
    }

    func testVagueTarget() {
        var f = Form()
        f.indicators[1] = "\t效益指标\t社会效益指标\t群众安全感\t效果明显\t良好\t30\t30\t"
        let hits = findings(f, rule: "vague-target")
        XCTAssertEqual(hits.map(\.severity), [.info])
        XCTAssertTrue(hits[0].message.contains("3 项年度指标值中有 1 项"))
        XCTAssertEqual(findings(Form(), rule: "vague-target"), [])
    }

    func testLevel1Coverage() {
        var f = Form()
        f.indicators.removeLast()
        f.total = "总分\t100\t90"
        XCTAssertTrue(findings(f, rule: "level1-coverage").first?.message.contains("满意度指标") ?? false)
        XCTAssertEqual(findings(Form(), rule: "level1-coverage"), [])
    }

    func testDuplicateProject() {
        let twice = Form().text + Form().text
        XCTAssertEqual(findings(twice, rule: "duplicate-project").count, 2, "each names the other")
        var other = Form()
        other.name = "另一个项目"
        XCTAssertEqual(findings(Form().text + other.text, rule: "duplicate-project"), [])
    }

    // MARK: - Target tables

    private func targetTable(plan: String) -> String {
        """
        1. 测试项目绩效目标表
        \t项目编码\t2040220\t项目名称\t测试项目
        \t预算规模及资金用途\t预算数\t50\t其中：财政资金\t50\t其他资金\t
        \t\t用于测试
        \t资金支出计划（%）\t3月底\t6月底\t10月底\t12月底
        \t\(plan)
        \t绩效目标\t目标1\t完成测试
        \t一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\t指标值确定依据
        \t产出指标\t数量指标\t测试次数\t次数\t≥10次\t计划
        \t效益指标\t社会效益指标\t覆盖率\t比例\t≥90%\t计划
        \t满意度指标\t服务对象满意度指标\t满意度\t比例\t≥90%\t调查

        """
    }

    func testSpendPlan() {
        XCTAssertEqual(findings(targetTable(plan: "10\t40\t80\t100"), rule: "spend-plan"), [])
        XCTAssertEqual(findings(targetTable(plan: "10\t40\t30\t100"), rule: "spend-plan").map(\.severity), [.warning], "not cumulative")
        XCTAssertEqual(findings(targetTable(plan: "10\t40\t80\t90"), rule: "spend-plan").map(\.severity), [.warning], "not 100% by 12月底")
        XCTAssertEqual(findings(targetTable(plan: "\t\t\t100"), rule: "spend-plan").map(\.severity), [.info], "blank quarters")
        XCTAssertEqual(findings(targetTable(plan: "\t100\t\t"), rule: "spend-plan"), [], "done by 6月底")
    }

    // MARK: - The samples

    func testTheSamplesRealProblemsAreFound() {
        let report = CheckReport(corpus: samples)
        let found = Set(report.lines.filter { $0.rule != "read" }.map { "\(($0.path as NSString).lastPathComponent.prefix(3)):\($0.line): \($0.rule)" })
        for expected in [
            "002:799: total-score-unreadable",     // 94.67 999994.67
            "002:423: total-score-mismatch",       // weights sum to 80, 总分 98
            "002:613: total-score-mismatch",
            "002:2725: total-score-mismatch",
            "002:1235: rate-mismatch",             // 96.5% printed, 11.99 / 12.33 = 97.2%
            "002:656: low-execution",              // 环卫经费 66.6%
            "002:2085: cost-above-budget",         // 5.72 万 against 1.61
            "001:46: cost-above-budget",           // 450 万 against 405 after the revision
            "001:68: cost-above-budget",           // 40 万 against 36
            "001:246: cost-above-budget",          // 100 万 against 35
            "001:120: misplaced-value",            // 地方主管部门 550
            "003:451: total-score-unreadable",     // 总分 "分"
            "003:371: target-not-met",             // >=4个 against 0
            "004:930: fund-source-sum",            // 10.98 + 7.33 ≠ 18.3
            "004:1352: misplaced-value",           // indicator named "4"
            "004:241: placeholder-text",           // ≥**个
        ] {
            XCTAssertTrue(found.contains(expected), expected)
        }
        XCTAssertEqual(report.count(.error), 6)
        XCTAssertEqual(report.exitStatus, 1)
        XCTAssertFalse(found.contains { $0.hasSuffix("duplicate-project") }, "001 supersedes 000: a revision, not a duplicate")
    }
}

/// Name similarity on prepared profiles agrees with the plain definition (containment, or
/// Dice of character bigrams ≥ 0.75) over every pair of names in the samples and a few
/// made-up neighbours.
final class SimilarityTests: XCTestCase {
    private func reference(_ a: String, _ b: String) -> Bool {
        let a = Text.key(a), b = Text.key(b)
        guard a.count >= 4, b.count >= 4 else { return false }
        if a.contains(b) || b.contains(a) { return true }
        func bigrams(_ s: String) -> [String] { let c = Array(s); return (0..<(c.count - 1)).map { String(c[$0...$0 + 1]) } }
        var counts: [String: Int] = [:]
        for g in bigrams(a) { counts[g, default: 0] += 1 }
        var shared = 0
        for g in bigrams(b) where (counts[g] ?? 0) > 0 { counts[g]! -= 1; shared += 1 }
        return 2 * Double(shared) / Double(bigrams(a).count + bigrams(b).count) >= 0.75
    }

    func testProfilesAgreeWithTheDefinition() {
        let names = samples.projects.compactMap(\.name) + ["扫黑除恶专项经费", "扫黑除恶专项斗争经费", "扫黑除恶", "社区警务室工作经费", "经费经费经费经费", "经费经费经费"]
        let profiles = names.map(NameProfile.init)
        var near = 0
        for i in names.indices {
            for j in names.indices where i != j {
                XCTAssertEqual(Similarity.isNear(profiles[i], profiles[j]), reference(names[i], names[j]), "\(names[i]) / \(names[j])")
                if reference(names[i], names[j]) { near += 1 }
            }
        }
        XCTAssertGreaterThan(near, 4, "the pairs include near names, not only distant ones")
        XCTAssertTrue(Similarity.isNear(profiles[names.firstIndex(of: "扫黑除恶专项经费")!], profiles[names.firstIndex(of: "扫黑除恶专项斗争经费")!]))
    }
}

/// The quick test in front of the placeholder check never turns a placeholder away: on
/// every field of the samples and of a synthetic corpus, and on edge cases.
final class PlaceholderShortcutTests: XCTestCase {
    func testQuickTestKeepsEveryPlaceholder() throws {
        let corpus = scratchPath("placeholder")
        defer { try? FileManager.default.removeItem(atPath: corpus) }
        _ = try CorpusGenerator(options: .init(forms: 600, seed: 11)).write(to: corpus)
        var texts: [String] = []
        for p in samples.projects + Corpus.load(content: corpus).projects {
            texts += [p.name, p.unit].compactMap { $0 } + p.goals.compactMap(\.planned)
            texts += p.indicators.flatMap { [$0.name, $0.target, $0.actual, $0.description, $0.basis] }.compactMap { $0 }
        }
        texts += ["≥**个", "......", "…", "XXX", "指标1：", "指标1：基层组织活动", " 请填写", "\u{3000}、、", "* *", "＊＊", "××万元", "x x x", "\u{301}。。", "　指标2:", "请输入内容", "。好", "已完成", "指标3：培训人数", "指标12:覆盖率", "指标："]
        var placeholders = 0
        for text in texts {
            XCTAssertEqual(PlaceholderText.isPlaceholder(text), PlaceholderText.isPlaceholderText(text), text.debugDescription)
            let k = Text.key(text), numbered = FormText.isNumbered(Substring(k), word: "指标")
            let templateNumbering = k.hasPrefix("指标") && numbered.matched && (numbered.rest.first == ":" || numbered.rest.first == "：") && numbered.rest.count > 1
            XCTAssertEqual(PlaceholderText.hasTemplateNumbering(text), templateNumbering, text.debugDescription)
            if PlaceholderText.isPlaceholderText(text) { placeholders += 1 }
        }
        XCTAssertGreaterThan(placeholders, 10)
        // The forms on bytes agree with the forms by characters, for every text that compares
        // by bytes.
        let forms = texts + ["指标12", "指标12:", "指标12::", "指标", "指标a1", "指标1 ", "....", ". .", ".", "请填写", "请输", "请输入x", "指标说明", "1指标2", "指标０"]
        var plain = 0
        for text in forms where Text.comparesByBytes(text) {
            plain += 1
            XCTAssertEqual(PlaceholderText.isPlaceholderForm(bytesOf: text), PlaceholderText.isPlaceholderForm(text), text.debugDescription)
        }
        XCTAssertGreaterThan(plain, 100)
    }

    /// Each mark is seen at every position of a text, among ideographs and ASCII (the quick
    /// test reads eight bytes at a time), and text without one is turned away.
    func testQuickTestSeesAMarkAnywhere() {
        let filler = Array("项目资金ab用于建设".unicodeScalars)
        for mark in ["*", "X", "x", "＊", "×"] {
            for position in 0...filler.count {
                var scalars = filler
                scalars.insert(contentsOf: mark.unicodeScalars, at: position)
                var text = "完成"
                text.unicodeScalars.append(contentsOf: scalars)
                XCTAssertTrue(PlaceholderText.mayBePlaceholder(text), text)
            }
        }
        XCTAssertFalse(PlaceholderText.mayBePlaceholder("完成项目资金ab用于建设（全部），已验收"))
    }
}
