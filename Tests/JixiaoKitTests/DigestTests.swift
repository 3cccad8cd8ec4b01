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

    /// The state's table of shared texts numbers each text once, tells texts apart by their
    /// bytes (two canonically equivalent spellings are two texts, each coming back exactly),
    /// and a table extending a loaded one keeps the loaded numbers, numbering texts written
    /// again after them.
    func testStringNumbersAreByBytesAndKeepALoadedTablesNumbers() {
        var numbers = StringNumbers(extending: nil)
        let texts = (0..<5000).map { "指标「验收合格率」没有填写完成值 \($0 % 3000)" } + ["", "a", "实施单位", "caf\u{E9}", "cafe\u{301}"]
        var first: [Int] = []
        for round in 0..<2 {
            for (k, text) in texts.enumerated() {
                let n = numbers.number(of: text)
                if round == 0 { first.append(n) } else { XCTAssertEqual(n, first[k]) }
            }
        }
        XCTAssertEqual(numbers.count, 3000 + 5)
        XCTAssertEqual(numbers.added.count, 3000 + 5)
        let precomposed = numbers.number(of: "caf\u{E9}"), decomposed = numbers.number(of: "cafe\u{301}")
        XCTAssertNotEqual(precomposed, decomposed)
        XCTAssertEqual(Array(numbers.added[decomposed].utf8), Array("cafe\u{301}".utf8))
        XCTAssertEqual(numbers.added[first[4999]], texts[4999])

        // A loaded table: its texts where a state's bytes hold them.
        func table(_ strings: [String], used: Int) -> StringTable {
            var data = Data()
            var ranges: [Range<Int>] = []
            for text in strings {
                let start = data.count
                data.append(contentsOf: Array(text.utf8))
                ranges.append(start..<data.count)
            }
            return StringTable(source: StateBytes(copying: data), texts: ranges, bytes: 0..<data.count, used: used)
        }
        let loaded = table(numbers.added, used: 3005)
        XCTAssertEqual(loaded.strings, numbers.added, "a loaded table reads back its texts byte for byte")
        var extended = StringNumbers(extending: loaded)
        XCTAssertEqual(extended.inherited, 3005)
        // The loaded table is kept as it is and not looked through: a text of it written
        // again is a new text after it, numbered once however often it is written.
        XCTAssertEqual(extended.number(of: "新的说明"), 3005)
        XCTAssertEqual(extended.number(of: texts[1234]), 3006)
        XCTAssertEqual(extended.number(of: "新的说明"), 3005)
        XCTAssertEqual(extended.number(of: texts[1234]), 3006)
        XCTAssertEqual(extended.count, 3007)
        XCTAssertEqual(extended.added, ["新的说明", texts[1234]])
        XCTAssertTrue(loaded.worthKeeping)
        XCTAssertFalse(table(numbers.added, used: 1500).worthKeeping)
    }
}
