import XCTest
@testable import JixiaoKit

/// libcmark is linked and renders CommonMark.
final class CMarkTests: XCTestCase {
    func testRendersMarkdownThroughLibcmark() {
        XCTAssertEqual(CMark.html("# 绩效\n\n*执行率* 100%\n"), "<h1>绩效</h1>\n<p><em>执行率</em> 100%</p>\n")
        XCTAssertFalse(CMark.version.isEmpty)
    }
}
