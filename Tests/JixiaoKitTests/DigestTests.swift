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
}
