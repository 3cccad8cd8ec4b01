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

/// The memo gives what its function gives, for texts that repeat and texts that do not, as
/// its table grows past its first size and is emptied at its capacity; and it computes a
/// repeated text once.
final class TextMemoTests: XCTestCase {
    func testTheMemoGivesWhatItsFunctionGives() {
        final class Calls: @unchecked Sendable { var count = 0 }
        let calls = Calls()
        let memo = TextMemo(capacity: 3_000) { (text: String) -> [Int] in
            calls.count += 1
            return [text.utf8.count, text.unicodeScalars.count]
        }
        let texts = (0..<5_000).map { n in n % 3 == 0 ? "项目\(n % 700)" : n % 3 == 1 ? "x\(n)" : "预算执行率 \(n % 1_900)%" }
        for text in texts + texts.reversed() {
            XCTAssertEqual(memo.value(of: text), [text.utf8.count, text.unicodeScalars.count], text)
        }
        XCTAssertLessThan(calls.count, 2 * texts.count, "repeated texts come from the table")
        calls.count = 0
        for _ in 0..<3 { XCTAssertEqual(memo.value(of: "已完成"), [9, 3]) }
        XCTAssertLessThanOrEqual(calls.count, 1)
        // Bytes decide: é composed and decomposed are two texts.
        XCTAssertEqual(memo.value(of: "caf\u{E9}"), [5, 4])
        XCTAssertEqual(memo.value(of: "cafe\u{301}"), [6, 5])
    }
}
