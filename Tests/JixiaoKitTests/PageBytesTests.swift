import XCTest
@testable import JixiaoKit

/// The page buffer is a value: a copy that is written to does not change the original,
/// whatever the sizes, and the bytes come back in order.
final class PageBytesTests: XCTestCase {
    func testCopiesAreValuesAndBytesComeBackInOrder() {
        var a = PageBytes()
        XCTAssertTrue(a.isEmpty)
        XCTAssertEqual(a.array, [])
        var expected: [UInt8] = []
        for n in 0..<300 {
            let piece = (0..<(n % 37)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ n) }
            piece.withUnsafeBytes { a.append($0) }
            expected += piece
            if n % 5 == 0 { a.append(UInt8(n & 0xFF)); expected.append(UInt8(n & 0xFF)) }
        }
        XCTAssertEqual(a.array, expected)
        XCTAssertEqual(a.count, expected.count)
        let before = a
        var b = a
        b.append(0xFF)
        a.append(UInt8(1))
        XCTAssertEqual(before.array, expected, "a copy taken before either was written to")
        XCTAssertEqual(b.array, expected + [0xFF])
        XCTAssertEqual(a.array, expected + [1])
        var c = PageBytes(capacity: 4)
        let d = c
        c.append(b)
        XCTAssertEqual(c.array, b.array)
        XCTAssertTrue(d.isEmpty)
        var m = MarkdownBuffer()
        m += "<td>"
        m.html("a<b & \"c\"\n")
        m.text("*x*")
        XCTAssertEqual(m.string, "<td>a&lt;b &amp; &quot;c&quot;<br>\\*x\\*")
        XCTAssertEqual(m.bytes, Array(m.string.utf8))
    }
}
