import XCTest
@testable import JixiaoKit

/// Slugs use FNV-1a (published test vectors; they appear in URLs, so they must not
/// change); content fingerprints do not depend on how the bytes are split, and tell apart
/// one changed byte, zero padding and moved part boundaries.
final class DigestTests: XCTestCase {
    func testSlugHashVectors() {
        XCTAssertEqual(Digest.fnv32("a"), "e40c292c")
        XCTAssertEqual(Digest.fnv32("foobar"), "bf9cf968")
    }

    func testFingerprints() throws {
        let text = Array(try String(contentsOfFile: repoRoot + "/Content/submissions/" + XCTUnwrap(FileManager.default.contentsOfDirectory(atPath: repoRoot + "/Content/submissions").sorted().first { $0.hasSuffix(".txt") }), encoding: .utf8).utf8.prefix(5000))
        let whole = Digest.hex(Data(text))
        XCTAssertEqual(whole.count, 16)
        for split in [1, 3, 7, 8, 9, 4099] {
            var pieces = Fingerprint()
            var rest = text[...]
            while !rest.isEmpty { pieces.add(Array(rest.prefix(split))); rest = rest.dropFirst(split) }
            XCTAssertEqual(Digest.hex(pieces.value), whole, "split every \(split)")
        }
        var seen: Set<String> = [whole]
        for position in stride(from: 0, to: text.count, by: 97) {
            var changed = text
            changed[position] ^= 1
            XCTAssertTrue(seen.insert(Digest.hex(Data(changed))).inserted, "byte \(position)")
        }
        XCTAssertNotEqual(Digest.hex(Data("a".utf8)), Digest.hex(Data("a\0".utf8)))
        XCTAssertNotEqual(Digest.hex(Data()), Digest.hex(Data([0])))
        XCTAssertNotEqual(Digest.hex([Data("ab".utf8), Data("c".utf8)]), Digest.hex([Data("a".utf8), Data("bc".utf8)]))
    }

    /// Fields start on a word boundary; their lengths keep the zero padding unambiguous.
    func testFieldsAreDelimited() {
        func print(_ fields: [String?]) -> UInt64 {
            var f = Fingerprint()
            for x in fields { f.field(x) }
            return f.value
        }
        let cases: [[String?]] = [["ab", "c"], ["a", "bc"], ["a"], ["a\0"], ["a", ""], ["", "a"], [nil], [""], [], ["abcdefgh"], ["abcdefg", "h"],
                                  ["衡阳市公安局"], ["衡阳市", "公安局"]]
        XCTAssertEqual(Set(cases.map(print)).count, cases.count)
        var numberFirst = Fingerprint(), numberLast = Fingerprint()
        numberFirst.field(7); numberFirst.field("x")
        numberLast.field("x"); numberLast.field(7)
        XCTAssertNotEqual(numberFirst.value, numberLast.value)
        XCTAssertEqual(print(["衡阳市", "公安局"]), print(["衡阳市", "公安局"]))
    }

    /// The state reader's shared strings give back exactly what `String(decoding:)` makes,
    /// the same text for the same bytes (past the table's growth), and repair bad bytes alike.
    func testSharedStringsAreTheTextsOfTheirBytes() {
        var table = SharedStrings()
        let texts = (0..<5000).map { "指标「验收合格率」没有填写完成值 \($0 % 3000)" } + ["", "a", "实施单位"]
        for _ in 0..<2 {
            for text in texts {
                let made = Array(text.utf8).withUnsafeBytes { table.string($0) }
                XCTAssertEqual(made, text)
            }
        }
        let bad: [UInt8] = [0xE4, 0xB8, 0x41, 0xFF]
        let repaired = bad.withUnsafeBytes { table.string($0) }
        XCTAssertEqual(repaired, String(decoding: bad, as: UTF8.self))
        XCTAssertEqual(bad.withUnsafeBytes { table.string($0) }, repaired, "made anew, the same text")
    }
}
