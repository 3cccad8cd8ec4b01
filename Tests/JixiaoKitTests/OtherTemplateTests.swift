import XCTest
@testable import JixiaoKit

/// A new user's document: another province's template (other labels, an extra 指标性质
/// column, amounts in 元, no 实施单位). Read as far as it goes; the rest is reported.
final class OtherTemplateTests: XCTestCase {
    private let document = """
        项目支出绩效自评表
        （2022年度）
        项目名称\t乡村振兴培训专项资金
        主管部门\t某县农业农村局
        项目资金（元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分
        \t年度资金总额\t1200000\t1200000\t1080000\t10\t90%\t9
        \t其中：财政拨款\t1200000\t1200000\t1080000\t—\t—\t—
        年度总体目标\t预期目标\t实际完成情况
        \t培训农户500人次\t培训农户520人次
        绩效指标\t一级指标\t二级指标\t三级指标\t指标性质\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施
        \t产出指标\t数量指标\t培训农户人次\t正向指标\t≥500人次\t520人次\t20\t20\t无
        \t效益指标\t社会效益指标\t农户增收\t正向指标\t≥5%\t4.2%\t30\t25\t市场价格下行
        绩效自评结论\t良好
        总分\t100\t\t\t\t\t\t\t54\t

        """

    func testReadsWhatItUnderstands() throws {
        let s = readText(document, name: "guangdong.txt")
        let p = try XCTUnwrap(s.projects.first)
        XCTAssertEqual(p.year, 2022)
        XCTAssertEqual(p.name, "乡村振兴培训专项资金")
        XCTAssertEqual(p.agency, "某县农业农村局")
        XCTAssertNil(p.unit, "this template has no 实施单位")
        XCTAssertEqual(p.funds.budget.value, 120, "1,200,000 元 is 120 万元")
        XCTAssertEqual(p.funds.executed.value, 108)
        XCTAssertEqual(p.funds.budget.printed, "1200000", "and the printed value is kept")
        XCTAssertEqual(p.funds.statedRate.value, 0.9)
        XCTAssertEqual(p.funds.sources.first?.name, "当年财政拨款")
        XCTAssertEqual(p.funds.sources.first?.executed.value, 108)
        XCTAssertEqual(p.goals.first?.planned, "培训农户500人次")
        XCTAssertEqual(p.indicators.count, 2)
        assertIndicator(p.indicators[1], level1: "效益指标", level2: "社会效益指标", name: "农户增收",
                        target: "≥5%", actual: "4.2%", weight: 30, score: 25)
        XCTAssertEqual(p.indicators[1].deviation, "市场价格下行")
        XCTAssertEqual(p.indicators[0].extra, ["指标性质": "正向指标"], "the unknown column's values are kept under its label")
        XCTAssertEqual(p.totalWeight.value, 100)
        XCTAssertEqual(p.totalScore.value, 54)
    }

    func testReportsWhatItDoesNotUnderstand() {
        let s = readText(document, name: "guangdong.txt")
        XCTAssertEqual(messages(s, .warning), [
            "10: indicator column \"指标性质\" is not one this reader knows; its values are kept as printed under that name",
            "13: row not understood in a self-evaluation form; kept out of the data: 绩效自评结论 | 良好",
        ])
    }
}
