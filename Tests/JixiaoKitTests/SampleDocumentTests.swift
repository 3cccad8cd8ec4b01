import Foundation
import XCTest
@testable import JixiaoKit

/// The five bundled samples against values read from them by eye (Fixtures/HandReadForms.swift).
final class SampleDocumentTests: XCTestCase {
    func testEverySampleFormIsReadInDocumentOrder() {
        let counts = ["000": 13, "001": 13, "002": 15, "003": 2, "004": 15]
        for (file, count) in counts {
            XCTAssertEqual(sampleProjects(file).count, count, "projects in \(file)")
        }
        XCTAssertEqual(samples.projects.count, 58)
        XCTAssertEqual(samples.departments.count, 1)
        XCTAssertEqual(sampleDocument("004")?.forms, 16, "15 target tables and the department goals")
        XCTAssertEqual(handReadForms.count, 58)
    }

    func testEachFormMatchesTheHandReading() {
        for expected in handReadForms {
            let projects = sampleProjects(expected.file)
            guard expected.form <= projects.count else {
                XCTFail("\(expected.file) form \(expected.form) missing"); continue
            }
            let p = projects[expected.form - 1]
            let at = "\(expected.file)#\(expected.form) \(expected.name ?? "")"
            XCTAssertEqual(p.source.line, expected.titleLine, "title line of \(at)")
            XCTAssertEqual(p.kind.rawValue, expected.kind, at)
            XCTAssertEqual(p.name.map(Text.clean), expected.name.map(Text.clean), "name of \(at)")
            XCTAssertEqual(p.code, expected.code, "code of \(at)")
            XCTAssertEqual(p.agency, expected.agency, "agency of \(at)")
            XCTAssertEqual(p.unit, expected.unit, "unit of \(at)")
            XCTAssertEqual(p.funds.initialBudget.value, expected.initialBudget, "年初预算数 of \(at)")
            XCTAssertEqual(p.funds.budget.value, expected.budget, "预算数 of \(at)")
            XCTAssertEqual(p.funds.executed.value, expected.executed, "执行数 of \(at)")
            XCTAssertEqual(p.funds.statedRate.value, expected.statedRate.flatMap { ValueReader.percent($0).value },
                           "执行率 of \(at)")
            XCTAssertEqual(p.totalWeight.value, expected.totalScoreWeight, "总分 weight of \(at)")
            XCTAssertEqual(p.totalScore.printed.isEmpty ? nil : p.totalScore.printed, expected.totalScore, "总分 of \(at)")
            XCTAssertEqual(p.indicators.count, expected.indicatorCount, "indicators of \(at)")
        }
    }

    func testYearsComeFromTitlesThenTheDocumentThenTheSidecar() {
        XCTAssertEqual(Set(sampleProjects("002").map(\.year)), [2020], "（   2020年度） in each title")
        XCTAssertEqual(Set(sampleProjects("003").map(\.year)), [2021], "(2021年度) on the line under each title")
        XCTAssertEqual(Set(sampleProjects("004").map(\.year)), [2021], "2021年部门整体绩效目标 heads the document")
        XCTAssertEqual(Set(sampleProjects("000").map(\.year)), [2021], "from the sidecar")
        XCTAssertEqual(Set(sampleProjects("001").map(\.year)), [2021], "from the sidecar")
    }

    func testAgencyResolvesFromFormThenSidecar() {
        let p000 = sampleProjects("000")
        XCTAssertNil(p000[5].agency, "禁毒专项经费 leaves 市级主管部门 blank")
        XCTAssertEqual(p000[5].localAgency, "550", "and puts its budget in 地方主管部门")
        XCTAssertEqual(p000[5].agencyResolved, "衡阳市公安局", "the sidecar's agency")
        XCTAssertEqual(Set(sampleProjects("004").map(\.agencyResolved)), ["高新公安分局"])
        XCTAssertEqual(Set(sampleProjects("002").map(\.agencyResolved)), ["攀枝花市西区河门口街道办事处"])
        XCTAssertEqual(sampleProjects("003")[0].agencyResolved, "中共昌吉回族自治州委员会政法委员会")
    }

    func testDocumentsReportEncodingLayoutAndForms() {
        XCTAssertEqual(sampleDocument("000")?.layout, .cellLines)
        XCTAssertEqual(sampleDocument("001")?.layout, .tabRows)
        XCTAssertEqual(sampleDocument("002")?.layout, .cellLines)
        XCTAssertEqual(sampleDocument("004")?.layout, .proseAndCellLines)
        XCTAssertEqual(Set(samples.documents.map(\.encoding)), [.utf8])
        XCTAssertEqual(sampleDocument("002")?.preamble, ["附件5："])
    }

    // MARK: - Funds

    func testScoredFundsTableReadsEveryColumnAndSource() throws {
        let p = sampleProjects("002")[3]   // 环卫经费项目
        XCTAssertEqual(p.name, "环卫经费项目")
        XCTAssertEqual(p.funds.initialBudget.value, nil)
        XCTAssertEqual(p.funds.budget.value, 112.12)
        XCTAssertEqual(p.funds.executed.value, 74.68)
        XCTAssertEqual(p.funds.weight.value, 10)
        XCTAssertEqual(p.funds.statedRate.value, 0.666)
        XCTAssertEqual(p.funds.score.value, 6.67)
        XCTAssertEqual(try XCTUnwrap(p.funds.rate), 74.68 / 112.12, accuracy: 1e-12)
        XCTAssertEqual(p.funds.sources.map(\.name), ["当年财政拨款", "上年结转资金", "其他资金"])
        XCTAssertEqual(p.funds.sources[1].budget.value, 112.12)
        XCTAssertEqual(p.funds.sources[1].executed.value, 74.68)
        XCTAssertEqual(p.funds.sources[0].budget.value, nil)
    }

    func testPercentSplitOverTwoLinesIsOnePercent() {
        let p = sampleProjects("002")[0]
        XCTAssertEqual(p.funds.statedRate.value, 1.0, "100% then a blank line then %")
        XCTAssertEqual(p.funds.score.value, 10, "the 得分 cell after the split percent still lands in 得分")
    }

    func testDecimalAmountsAndScoresWithUnits() {
        let p = sampleProjects("003")[0]
        XCTAssertEqual(p.funds.budget.printed, "100.00")
        XCTAssertEqual(p.funds.budget.value, 100)
        XCTAssertEqual(p.funds.score.printed, "10.00分")
        XCTAssertEqual(p.funds.score.value, 10)
        XCTAssertEqual(p.totalScore.printed, "100.00分")
        XCTAssertEqual(p.totalScore.value, 100)
    }

    func testGarbageTotalIsKeptAsPrintedAndNotANumber() {
        let p = sampleProjects("002")[3]
        XCTAssertEqual(p.totalScore.printed, "94.67 999994.67")
        XCTAssertNil(p.totalScore.value)
        XCTAssertEqual(p.totalWeight.value, 100)
    }

    func testTabRowsFundsFollowTheHeaderWhereverItsColumnsSit() {
        let p = sampleProjects("001")
        XCTAssertEqual(p[1].funds.budget.value, 405, "移动警务平台: header and values one column right")
        XCTAssertEqual(p[1].funds.sources.first { $0.name == "市级资金" }?.budget.value, 405)
        XCTAssertEqual(p[5].funds.budget.value, 550, "禁毒专项经费: values one column left")
        XCTAssertEqual(p[4].funds.statedRate.value, 1.0)
    }

    // MARK: - Goals

    func testGoalsPlannedAndActual() {
        let p = sampleProjects("001")[0]
        XCTAssertEqual(p.goals.count, 1)
        XCTAssertEqual(p.goals[0].planned, "完成打击涉黑性质犯罪组织案件 2 起，涉恶类犯罪案件 13 起。")
        XCTAssertEqual(p.goals[0].actual, "已完成")
        XCTAssertEqual(sampleProjects("001")[9].goals.count, 0, "强戒人员教育、诊断评估费 has an empty goals row")
        let q = sampleProjects("002")[3]
        XCTAssertEqual(q.goals[0].planned, "河门口片区主次干道的道路清扫及公厕管理等")
        XCTAssertEqual(q.goals[0].actual, "已完成2020年规定作业范围内的卫生清扫保洁工作")
    }

    // MARK: - Indicators in each layout

    func testCellLinesIndicatorsCarryLevelsDownMergedCells() {
        let p = sampleProjects("000")[0]
        assertIndicator(p.indicators[0], level1: "产出指标", level2: "数量指标", name: "涉黑性质案件", target: "侦破2起", actual: "已完成")
        assertIndicator(p.indicators[1], level1: "产出指标", level2: "数量指标", name: "涉恶性质案件", target: "侦破13起", actual: "已完成")
        assertIndicator(p.indicators[2], level1: "产出指标", level2: "质量指标", name: "涉黑性质案件", target: "移诉2起", actual: "已完成")
        assertIndicator(p.indicators[4], level1: "产出指标", level2: "时效指标", name: "涉黑性质案件", target: "截至12月31日前", actual: "按时按成")
        assertIndicator(p.indicators.last, level1: "满意度指标", level2: "服务对象满意度指标", name: "群众满意度和案件受害人满意度",
                        target: "保持民调满意度同比上升，案件受害人满意度达90%", actual: "已完成")
    }

    func testCellLinesRowSplitByABlankLineIsOneIndicator() {
        let p = sampleProjects("000")[9]   // 强戒人员教育、诊断评估费, lines 1512–1520
        assertIndicator(p.indicators.last, level1: "满意度指标", level2: "服务对象满意度指标", name: "戒毒学员满意度",
                        target: "大于90%", actual: "已完成")
        XCTAssertEqual(p.indicators.count, 6)
    }

    func testTabRowsShiftedRowsAreReadByOrder() {
        let p = sampleProjects("001")[0]
        // Line 22: ⇥⇥成本指标⇥⇥成本控制⇥⇥专项投入控制 500 万⇥已完成 — one column right of the header.
        assertIndicator(p.indicators[6], level1: "产出指标", level2: "成本指标", name: "成本控制", target: "专项投入控制 500 万", actual: "已完成")
        // Line 25: 满意度指标⇥服务对象满意度指标⇥… — one column left.
        assertIndicator(p.indicators[9], level1: "满意度指标", level2: "服务对象满意度指标", name: "群众满意度和案件受害人满意度",
                        target: "保持民调满意度同比上升，案件受害人满意度达 90%", actual: "已完成")
        // Line 47: an empty target stays empty (read by position).
        assertIndicator(sampleProjects("001")[1].indicators[6], level1: "效益指标", level2: "经济效益指标", name: "挽回群众经济损失", target: nil, actual: "已完成")
    }

    func testTabRowsNameOnItsOwnRowJoinsTheIndicatorAbove() {
        let p = sampleProjects("001")[10]   // 被拘留人员给养费, lines 247–248
        assertIndicator(p.indicators[4], level1: "效益指标", level2: "可持续影响指标", name: "教育警示方面",
                        target: "主要对被拘留人员起到警示教育作用，促进社会治安持续向好", actual: nil)
    }

    func testLevelTwoLabelImpliesItsLevelOne() {
        let p = sampleProjects("001")[2]   // 特巡警支队伙食补助经费: 可持续影响指标 right under 成本指标
        assertIndicator(p.indicators[4], level1: "效益指标", level2: "可持续影响指标", name: "对公安特警工作促进作用",
                        target: "为特警值班备勤人员按照标准提供就餐", actual: "已完成")
    }

    func testScoredIndicatorsHaveWeightAndScore() {
        let p = sampleProjects("002")[0]
        assertIndicator(p.indicators[0], level1: "产出指标", level2: "数量指标", name: "指标1： 基层组织活动",
                        target: "构建了“街道+社区+院落”的三级便民服务体系，强化街道公共服务中心综合服务、管理、指导等职能",
                        actual: "组织开展专题理论学习讨论18次、成果分享会2次，整改党员及领导班子检视问题86个。组织干部赴外学习考察17人次。社区建制调整改革圆满收官，原有3个社区调减为2个社区",
                        weight: 10, score: 10)
        assertIndicator(p.indicators[9], level1: "效益指标", level2: "经济效益指标", name: "指标1：为辖区经济发展提供保障。",
                        target: "服务辖区经济发展",
                        actual: "探索建立了1+6+n工作模式，1是以传承三线文化、弘扬三线精神为主线，6是在全省率先成立了嘉惠、永欣2家社区公司和众创、爱分享、雷永家、三线教育培训中心4家社会组织",
                        weight: 10, score: 9)
        let q = sampleProjects("003")[0]
        assertIndicator(q.indicators[0], level1: "产出指标", level2: "数量指标", name: "支持县市政法委数量（个，含3个园区）",
                        target: "=10", actual: "10个", weight: 4, score: 4)
        XCTAssertEqual(q.indicators[0].targetMeasure, .quantity(op: .equal, value: 10, unit: ""))
        XCTAssertEqual(q.indicators[4].targetMeasure, .date(year: nil, month: 12, day: 20, before: false))
        XCTAssertEqual(q.indicators[4].actualMeasure, .date(year: nil, month: 1, day: 31, before: false))
    }

    func testTargetTableReadsCodeBudgetPlanGoalsAndIndicators() {
        let p = sampleProjects("004")[0]
        XCTAssertEqual(p.kind, .target)
        XCTAssertEqual(p.name, "办案维稳经费")
        XCTAssertEqual(p.code, "2040220")
        XCTAssertEqual(p.funds.budget.value, 50)
        XCTAssertEqual(p.funds.sources.map(\.name), ["财政资金", "其他资金"])
        XCTAssertEqual(p.funds.sources[0].budget.value, 50)
        XCTAssertEqual(p.purpose, "主要用于保障分局办理各种案件，维稳工作、及禁毒、特情等")
        XCTAssertEqual([p.plan?.q1.value, p.plan?.q2.value, p.plan?.q3.value, p.plan?.q4.value], [10, 40, 80, 100])
        XCTAssertEqual(p.goals.map(\.label), ["目标1", "目标2", "......"])
        XCTAssertEqual(p.goals[1].planned, "保障分局耳目眼线的发展")
        XCTAssertNil(p.funds.rate, "a target table has no execution")
        let first = p.indicators[0]
        XCTAssertEqual(first.level1, "产出指标")
        XCTAssertEqual(first.name, "发案数")
        XCTAssertEqual(first.description, "每年分局发难数量")
        XCTAssertEqual(first.target, "100%")
        XCTAssertEqual(first.basis, "工作经验")
        let sustain = p.indicators.first { $0.level2 == "可持续影响指标" }
        XCTAssertEqual(sustain?.level1, "效益指标", "效果指标 is read as 效益指标")
        XCTAssertEqual(sustain?.name, "治安环境持续好转")
    }

    func testPlaceholderTargetIsKeptAsPrinted() {
        let p = sampleProjects("004")[4]   // 科防一期、二期维护费
        assertIndicator(p.indicators[0], level1: "产出指标", level2: "数量指标", name: nil, target: "≥**个", actual: nil)
        XCTAssertNil(p.indicators[0].targetMeasure)
        XCTAssertEqual([p.plan?.q1.value, p.plan?.q2.value, p.plan?.q3.value, p.plan?.q4.value], [nil, 25, nil, 100])
    }

    // MARK: - 说明 and notes

    func testInstructionTextMeansNothingWasReported() {
        for p in sampleProjects("001") {
            XCTAssertNil(p.notes, "\(p.id)")
            XCTAssertTrue(p.notesPrinted?.hasPrefix("请在此处简要说明") ?? false, "\(p.id)")
        }
        XCTAssertEqual(sampleProjects("002")[0].footnotes.count, 2, "注：1… and 2.… under the table")
    }

    // MARK: - Department goals

    func testDepartmentGoalsFromProse() throws {
        let d = try XCTUnwrap(samples.departments.first)
        XCTAssertEqual(d.year, 2021)
        XCTAssertEqual(d.source.line, 3)
        XCTAssertEqual(d.agency, "高新公安分局")
        XCTAssertTrue(d.overallGoal?.hasPrefix("2021年继续坚持以习近平新时代中国特色") ?? false)
        XCTAssertEqual(d.goals.map(\.title), ["加强公安日常整治工作", "加强公安严打整治工作", "加强公安科技化建设",
                                              "加强公安规范化执法建设", "加强公安队伍建设", "加强公安基础设施建设"])
        XCTAssertEqual(d.goals.map(\.line), [10, 13, 17, 20, 24, 29])
        XCTAssertEqual(d.goals[0].indicators, ["公安专项业务", "办案维稳特情", "科防一二期维护"])
        XCTAssertEqual(d.goals[3].indicators, ["公安专项业务", "执法办案自助系统", "保密设备"])
        XCTAssertTrue(d.goals[0].goal?.hasPrefix("坚守底线，忠诚担当保稳定。") ?? false)
        XCTAssertEqual(d.measures.count, 8, "the opening paragraph and measures 1、…7、")
        XCTAssertTrue(d.measures[0].contains("（一）资金申请"), "inline (一) in a measure is not a sub-goal")
    }

    // MARK: - Nothing lost: the samples' diagnostics are their real oddities
    // (Numbers in name fields are the misplaced-value rule's, in RuleTests.)

    func testSampleDiagnosticsAreTheRealOddities() {
        let all = samples.documents.flatMap { doc in doc.diagnostics.map { (doc.path, $0) } }
        XCTAssertFalse(all.contains { $0.1.severity == .error }, "no errors on the samples")
        let warnings = all.filter { $0.1.severity == .warning }
            .map { "\(($0.0 as NSString).lastPathComponent.prefix(3)):\($0.1.line): \($0.1.message)" }
        XCTAssertEqual(warnings.sorted(), [
            "000:1149: completion value \"已完成\" stands in a row of its own with no indicator; not counted",
            "000:1286: completion value \"已完成\" stands in a row of its own with no indicator; not counted",
            "000:1606: completion value \"已完成\" stands in a row of its own with no indicator; not counted",
            "001:179: completion value \"已完成\" stands in a row of its own with no indicator; not counted",
            "001:201: completion value \"已完成\" stands in a row of its own with no indicator; not counted",
            "001:243: completion value \"已完成\" stands in a row of its own with no indicator; not counted",
            "002:810: 总分 score \"94.67 999994.67\" is not a number; kept as printed, not read as a score",
            "003:227: 年度资金总额: \"分\" is not an amount; kept as printed",
            "003:461: 总分 score \"分\" is not a number; kept as printed, not read as a score",
        ].sorted())
        XCTAssertTrue(sampleDocument("004")?.diagnostics.isEmpty ?? false, "004 reads cleanly")
    }
}
