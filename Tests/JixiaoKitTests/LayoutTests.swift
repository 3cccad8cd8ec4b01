import XCTest
@testable import JixiaoKit

/// Text → rows: the two table exports and prose, with the quirks the samples show.
final class LayoutTests: XCTestCase {
    func testTabRowsKeepEmptyFieldsAsCells() {
        let (layout, rows) = GridReader.read("a\t\tb\t\n\tc\td\n")
        XCTAssertEqual(layout, .tabRows)
        XCTAssertEqual(rows.map { $0.cells.map(\.text) }, [["a", "", "b", ""], ["", "c", "d"]])
        XCTAssertEqual(rows.map(\.line), [1, 2])
    }

    func testCellLinesJoinContinuationLinesWithoutSpacesBetweenChinese() {
        let (layout, rows) = GridReader.read("\t负责人\n及电话\n\t　张三\n\n\tx\n")
        XCTAssertEqual(layout, .cellLines)
        XCTAssertEqual(rows.map { $0.cells.map(\.text) }, [["负责人及电话", "张三"], ["x"]])
    }

    func testCellLinesTabPlusFullWidthSpaceIsAnEmptyCellNotABlankLine() {
        let (_, rows) = GridReader.read("\t项目资金名称\n\t　\n\t实施单位\n")
        XCTAssertEqual(rows.map { $0.cells.map(\.text) }, [["项目资金名称", "", "实施单位"]])
    }

    func testCellLinesRowSplitByBlankLinesIsJoinedBackWhileItFitsTheTable() {
        let text = "\t项目资金\n\t\n\t全年预算数\n\t全年执行数\n\t执行率\n\t得分\n\n"
            + "\t\n\t年度资金总额\n\t10\n\t10\n\t100%\n\n%\n\n\t10\n\n"
            + "\t年度总体目标\n\t预期目标\n\t实际完成情况\n\n\t\n\t目标\n\t完成\n"
        let (_, rows) = GridReader.read(text)
        XCTAssertEqual(rows.map { $0.cells.map(\.text) }, [
            ["项目资金", "", "全年预算数", "全年执行数", "执行率", "得分"],
            ["", "年度资金总额", "10", "10", "100%%", "10"],
            ["年度总体目标", "预期目标", "实际完成情况"],
            ["", "目标", "完成"],
        ], "the fragment \"10\" joins its row; the goals row (width 3) is not joined to its header")
    }

    /// Lines are read as bytes: a line of the other spaces only (U+3000, NBSP, U+2003,
    /// U+FEFF) ends a row as an empty line does; one with any other character, CJK or
    /// ASCII, continues the open cell; a lone TAB line is an empty cell.
    func testCellLinesBlankLinesOfWideSpacesEndARow() {
        let text = "\t项目名称\n\t甲\n\u{3000}\u{A0}\u{2003}\u{FEFF} \n\t实施单位\n\u{3000}乙\n\t\n\t丙\td\n"
        let (layout, rows) = GridReader.read(text)
        XCTAssertEqual(layout, .cellLines)
        XCTAssertEqual(rows.map { $0.cells.map(\.text) }, [["项目名称", "甲"], ["实施单位乙", "", "丙", "d"]])
        XCTAssertEqual(rows.map(\.line), [1, 4])
        XCTAssertEqual(rows.map(\.endLine), [2, 7])
        XCTAssertEqual(rows[1].cells.map(\.line), [4, 6, 7, 7])
    }

    func testProseLinesAreRowsOfTheirOwn() {
        let (layout, rows) = GridReader.read("第一部分\n\n2021年部门整体绩效目标\n总体绩效目标\n")
        XCTAssertEqual(layout, .prose)
        XCTAssertEqual(rows.map(\.isProse), [true, true, true])
        XCTAssertEqual(rows.map(\.line), [1, 3, 4])
    }

    func testSeveralFormsOneAfterAnother() {
        let text = """
            项目支出绩效自评表
            项目名称\t\t甲
            项目支出绩效自评表
            项目名称\t\t乙
            1. 丙项目绩效目标表
            \t项目编码\t1\t项目名称\t丙

            """
        let s = readText(text)
        XCTAssertEqual(s.projects.map(\.name), ["甲", "乙", "丙"])
        XCTAssertEqual(s.projects.map(\.kind), [.selfEvaluation, .selfEvaluation, .target])
        XCTAssertEqual(s.projects.map(\.source.line), [1, 3, 5])
        XCTAssertEqual(s.projects.map(\.id), ["inline-01", "inline-02", "inline-03"])
    }

    func testTabRowsFormWithShiftedColumns() {
        let text = """
            项目支出绩效自评表
            项目资金名称\t\t测试经费\t\t负责人及电话\t\t
            市级主管部门\t\t某局\t\t\t
            地方主管部门\t\t\t\t实施单位\t某队\t
            项目资金（万元）\t\t\t\t全年预算数（A）\t全年执行数（B）\t执行率（B/A）
            \t\t年度资金总额\t\t80\t72\t90%
            \t\t市级资金\t\t80\t\t
            年度总体目标\t年初设定目标\t\t\t全年实际完成情况\t\t
            \t完成任务\t\t\t已完成\t\t
            绩效指标\t一级指标\t二级指标\t三级指标\t\t年度指标值\t全年完成值\t未完成原因和改进措施
            \t产出指标\t数量指标\t检查次数\t\t≥10次\t12次\t
            \t\t成本指标\t\t成本控制\t\t不超过80万\t已完成
            满意度指标\t服务对象满意度指标\t群众满意度\t\t≥90%\t92%\t\t
            说明\t请在此处简要说明各级监督检查中发现的问题及其所涉及的金额，如没有请填无\t\t

            """
        let s = readText(text)
        let p = s.projects[0]
        XCTAssertEqual(p.name, "测试经费")
        XCTAssertEqual(p.agency, "某局")
        XCTAssertEqual(p.unit, "某队")
        XCTAssertEqual(p.funds.budget.value, 80)
        XCTAssertEqual(p.funds.executed.value, 72)
        XCTAssertEqual(p.funds.statedRate.value, 0.9)
        XCTAssertEqual(p.goals, [Goal(planned: "完成任务", actual: "已完成", line: 9)])
        assertIndicator(p.indicators[0], level1: "产出指标", level2: "数量指标", name: "检查次数", target: "≥10次", actual: "12次")
        assertIndicator(p.indicators[1], level1: "产出指标", level2: "成本指标", name: "成本控制", target: "不超过80万", actual: "已完成")
        assertIndicator(p.indicators[2], level1: "满意度指标", level2: "服务对象满意度指标", name: "群众满意度", target: "≥90%", actual: "92%")
        XCTAssertNil(p.notes)
        XCTAssertEqual(messages(s, .warning), [])
    }
}
