import Foundation
import XCTest
@testable import JixiaoKit

/// The export contract and the CSVs.
final class ExportTests: XCTestCase {
    private func exported() throws -> [String: Any] {
        let data = Data(samples.json().serialized().utf8)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func testContractNamesNumbersAndNulls() throws {
        let root = try exported()
        XCTAssertEqual(Set(root.keys), ["documents", "projects", "departments"])
        let projects = try XCTUnwrap(root["projects"] as? [[String: Any]])
        XCTAssertEqual(projects.count, 58)
        let required = ["id", "kind", "source", "year", "name", "code", "agency", "localAgency", "unit",
                        "agencyResolved", "funds", "plan", "goals", "indicators", "totalScore", "notes"]
        for p in projects {
            for key in required { XCTAssertTrue(p.keys.contains(key), "\(key) in \(p["id"] ?? "")") }
        }
        let env = try XCTUnwrap(projects.first { $0["name"] as? String == "环卫经费项目" })
        let funds = try XCTUnwrap(env["funds"] as? [String: Any])
        XCTAssertEqual(funds["budget"] as? Double, 112.12)
        XCTAssertEqual(funds["statedRate"] as? Double, 0.666)
        XCTAssertTrue(funds["initialBudget"] is NSNull, "absent is null, not missing")
        XCTAssertEqual(env["kind"] as? String, "self-evaluation")
        XCTAssertTrue(env["plan"] is NSNull)
        XCTAssertTrue(env["totalScore"] is NSNull, "garbage total is null")
        XCTAssertEqual(env["totalScorePrinted"] as? String, "94.67 999994.67")
        let indicator = try XCTUnwrap((env["indicators"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(indicator.keys).isSuperset(of: ["level1", "level2", "name", "target", "actual", "weight", "score", "deviation", "description", "basis"]), true)
        let target = try XCTUnwrap(projects.first { $0["kind"] as? String == "target" })
        XCTAssertEqual((target["plan"] as? [String: Any])?["q4"] as? Double, 100)
        let departments = try XCTUnwrap(root["departments"] as? [[String: Any]])
        XCTAssertEqual(departments.first?["year"] as? Double, 2021)
        let documents = try XCTUnwrap(root["documents"] as? [[String: Any]])
        XCTAssertEqual(documents.map { $0["forms"] as? Int }, [13, 13, 15, 2, 16])
    }

    func testIdsAreUniqueASCIIAndStable() {
        let ids = samples.projects.map(\.id)
        XCTAssertEqual(Set(ids).count, ids.count)
        XCTAssertTrue(ids.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
        XCTAssertEqual(ids.first, "000_99f9f67b1f4c80f4-01")
        XCTAssertEqual(SubmissionReader.idStem("材料/衡阳市公安局自评.txt"), SubmissionReader.idStem("材料/衡阳市公安局自评.txt"))
        XCTAssertNotEqual(SubmissionReader.idStem("衡阳甲.txt"), SubmissionReader.idStem("衡阳乙.txt"))
        XCTAssertTrue(SubmissionReader.idStem("衡阳 2021.txt").unicodeScalars.allSatisfy(\.isASCII))
    }

    func testStreamedJSONIsTheSameAsTheWholeTree() {
        var streamed = ""
        samples.writeJSON { streamed += String(decoding: $0, as: UTF8.self) }
        XCTAssertEqual(streamed, samples.json().serialized())
        var empty = ""
        Corpus().writeJSON { empty += String(decoding: $0, as: UTF8.self) }
        XCTAssertEqual(empty, Corpus().json().serialized())
    }

    /// A record per line, compact, so the file greps and diffs by record: the samples' five
    /// documents, 58 projects and their departments each on one line that parses alone.
    func testEachRecordIsOneCompactLine() throws {
        let lines = samples.json().serialized().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let records = lines.filter { $0.hasPrefix("    ") }
        XCTAssertEqual(records.count, samples.documents.count + samples.projects.count + samples.departments.count)
        XCTAssertEqual(lines.count, records.count + 9, "{, three array heads and ends, }, the final newline")
        for line in records {
            let body = line.dropFirst(4).hasSuffix(",") ? String(line.dropFirst(4).dropLast()) : String(line.dropFirst(4))
            XCTAssertFalse(body.hasPrefix(" "))
            XCTAssertNotNil(try? JSONSerialization.jsonObject(with: Data(body.utf8)), body)
        }
        let environment = try XCTUnwrap(records.first { $0.contains("\"name\":\"环卫经费项目\"") })
        XCTAssertTrue(environment.contains("\"budget\":112.12,"), "compact: no space after a colon or comma")
    }

    func testTwoExportsAreIdentical() {
        XCTAssertEqual(Corpus.load(content: repoRoot + "/Content").json().serialized(), samples.json().serialized())
    }

    func testCSVQuotesAndDefusesFormulas() {
        XCTAssertEqual(CSVWriter.escape("a,b"), "\"a,b\"")
        XCTAssertEqual(CSVWriter.escape("say \"hi\""), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(CSVWriter.escape("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"")
        XCTAssertEqual(CSVWriter.escape("-12.5"), "-12.5", "a negative number stays a number")
        XCTAssertEqual(CSVWriter.escape("多行\n文本"), "\"多行\n文本\"")
    }

    func testCSVHasARowPerProjectAndPerIndicator() {
        let projects = samples.projectsCSV().components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertEqual(projects.count, 59, "header and 58 projects")
        XCTAssertTrue(projects[0].hasPrefix("id,kind,path,line,year,name"))
        let indicators = samples.indicatorsCSV().components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertEqual(indicators.count, 1 + samples.projects.reduce(0) { $0 + $1.indicators.count })
    }

    /// Every character JSON must escape is escaped wherever it falls in a text (the escaper
    /// looks at eight bytes at a time), next to Chinese and ASCII, as one character at a time
    /// would; and what it writes reads back as the text.
    func testJSONStringsEscapeEveryControlCharacterQuoteAndBackslashAtEveryPosition() throws {
        func oneByOne(_ text: String) -> String {
            var out = "\""
            for u in text.unicodeScalars {
                switch u {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{08}": out += "\\b"
                case "\u{0C}": out += "\\f"
                case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
                default: out.unicodeScalars.append(u)
                }
            }
            return out + "\""
        }
        let specials = (0..<0x20).map { Character(Unicode.Scalar($0)!) } + ["\"", "\\"]
        let base = Array("项目a名称bc禁毒 d")        // 8 characters, 22 bytes of UTF-8
        for special in specials {
            for position in 0...base.count {
                var chars = base + base
                chars.insert(special, at: position)
                let text = String(chars)
                let quoted = JSONValue.quote(text)
                XCTAssertEqual(quoted, oneByOne(text), "\(special.unicodeScalars.first!.value) at \(position)")
                XCTAssertEqual(try JSONSerialization.jsonObject(with: Data(quoted.utf8), options: .fragmentsAllowed) as? String, text)
            }
        }
        XCTAssertEqual(JSONValue.quote(""), "\"\"")
        XCTAssertEqual(JSONValue.quote("abcdefgh"), "\"abcdefgh\"")
        XCTAssertEqual(JSONValue.quote("abcdefg\""), "\"abcdefg\\\"\"")
        // Bytes just above and below what needs escaping, in one word, need none.
        XCTAssertEqual(JSONValue.quote(" !#[]~\u{7F}é"), "\" !#[]~\u{7F}é\"")
    }
}
