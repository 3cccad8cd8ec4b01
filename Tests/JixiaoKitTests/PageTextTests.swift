import Foundation
import XCTest
@testable import JixiaoKit

/// The pieces pages are written with: numbers as C's printf prints them, text escaped for
/// where it lands, tables written in place.
final class PageTextTests: XCTestCase {
    private func printf(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }

    /// `Format.fixed` takes a short cut for values a form states; it must print exactly what
    /// `%.*f` prints, ties and binary near-misses (1.005, 2.675, 0.125) included.
    func testFixedMatchesPrintf() {
        var values: [Double] = [0, -0.0, 0.125, 0.375, 1.005, 2.675, 1.115, 0.045, 99.995, 100, 562.01, 524.23,
                                524.23 / 562.01, 1e-5, 0.0001, 123_456_789.015, 999_999_999_999.99, 1e12, 1.5e12, 1e16, -7.25, -0.005]
        var state: UInt64 = 20_261_123
        func next() -> UInt64 { state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407; return state >> 11 }
        for _ in 0..<20_000 {
            let cents = Double(next() % 10_000_000_000) / 100           // a typed amount, two decimals
            let mills = Double(next() % 1_000_000_000) / 1000            // three decimals
            let ratio = Double(next() % 100_000) / Double(next() % 100_000 + 1)
            values += [cents, -cents, mills, ratio, ratio * 100, cents + mills]
        }
        for v in values {
            for digits in [1, 2, 3] {
                XCTAssertEqual(Format.fixed(v, digits), printf(v, digits), "\(v) to \(digits) decimals")
            }
        }
        XCTAssertEqual(Format.amount(1_234_567.8), "1,234,567.80")
        XCTAssertEqual(Format.percent(0.9328), "93.3%")
    }

    /// Amounts are grouped on their bytes; it must give what grouping character by character
    /// gives, for every amount `fixed` prints and for text it does not print.
    func testGroupingOnBytesMatchesGroupingByCharacters() {
        var state: UInt64 = 20_261_203
        func next() -> UInt64 { state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407; return state >> 11 }
        var values: [Double] = [0, -0.0, -0.001, 0.5, 999.99, 999.995, 1000, -1000, 12_345.6, 1_234_567.8, 1e12, -1.5e15, 9e18]
        for _ in 0..<5_000 { values.append((Double(next() % 10_000_000_000_000) - 5e12) / 100) }
        for v in values {
            let printed = Format.fixed(v, 2)
            XCTAssertNotNil(Format.groupedDigits(printed), printed)
            XCTAssertEqual(Format.grouped(printed), Format.groupedByCharacters(printed), printed)
        }
        XCTAssertEqual(Format.grouped("-1234567.80"), "-1,234,567.80")
        XCTAssertEqual(Format.grouped("123456"), "123,456")
        XCTAssertEqual(Format.grouped("999.99"), "999.99")
        for other in ["inf", "-inf", "nan", "1e+20", "12.", ".5", "1.2.3", "-5x", "１２３４", "12a34"] {
            XCTAssertNil(Format.groupedDigits(other), other)
            XCTAssertEqual(Format.grouped(other), Format.groupedByCharacters(other), other)
        }
    }

    func testEscapingForEachPlace() {
        let hostile = "<script>alert('x')</script> & \"q\"\r\nline2 *[a](b)* #"
        XCTAssertEqual(Markdown.html(hostile),
                       "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;<br>line2 *[a](b)* #")
        XCTAssertEqual(Markdown.attribute(hostile),
                       "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot; line2 *[a](b)* #")
        XCTAssertEqual(Markdown.text("a*b [c](d) <e> #1\n中文"), "a\\*b \\[c\\]\\(d\\) \\<e\\> \\#1 中文")
        XCTAssertEqual(Markdown.link("名称 [1]", to: "projects/a b).html"), "[名称 \\[1\\]](projects/a%20b%29.html)")
        XCTAssertEqual(Markdown.htmlLink("A&B", to: "x.html?a=1&b=\"2\""), "<a href=\"x.html?a=1&amp;b=&quot;2&quot;\">A&amp;B</a>")
        // Text with nothing to escape comes back as it is.
        XCTAssertEqual(Markdown.html("四川省交通运输厅"), "四川省交通运输厅")
        // The escaping's byte mask is a literal; it is the mask of exactly these characters.
        XCTAssertEqual(MarkdownBuffer.specials, Text.mask("&<>\"'\n\r"))
    }

    func testTableRowsWrittenInPlace() {
        var a = HTMLTable(caption: "表<1>", columns: [("项目", .left), ("金额", .right)])
        var b = HTMLTable(caption: "表<1>", columns: [("项目", .left), ("金额", .right)])
        a.row([Markdown.html("x<y"), "1,000.00", "dropped"])
        b.row { $0.html("x<y"); $0.raw("1,000.00"); $0.raw("dropped") }
        a.row([Markdown.htmlLink("链接", to: "p.html"), "12"])
        b.row { $0.link("链接", to: "p.html"); $0.number(12) }
        XCTAssertEqual(a.markdown, b.markdown)
        XCTAssertEqual(a.markdown, """
            <div class="table-wrap"><table class="data">
            <caption>表&lt;1&gt;</caption>
            <thead><tr><th scope="col">项目</th><th scope="col" class="num">金额</th></tr></thead>
            <tbody>
            <tr><td>x&lt;y</td><td class="num">1,000.00</td></tr>
            <tr><td><a href="p.html">链接</a></td><td class="num">12</td></tr>
            </tbody>
            </table></div>


            """)
        var md = MarkdownBuffer()
        md += "前 "
        md += b
        md.number(-305)
        XCTAssertEqual(md.string, "前 " + b.markdown + "-305")
        XCTAssertTrue(HTMLTable(columns: [("a", .left)]).isEmpty)
    }
}
