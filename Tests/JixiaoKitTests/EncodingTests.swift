import XCTest
@testable import JixiaoKit

/// Bytes → text: every encoding a submission comes in, and bytes that decode to nothing.
final class EncodingTests: XCTestCase {
    private let form = "项目支出绩效自评表\n项目名称\t\t禁毒专项经费\n"

    func testPlainUTF8() {
        let r = TextDecoder.decode(Array(form.utf8))
        XCTAssertEqual(r.encoding, .utf8)
        XCTAssertEqual(r.text, form)
        XCTAssertEqual(r.badLines, [])
    }

    func testUTF8WithBOM() {
        let r = TextDecoder.decode([0xEF, 0xBB, 0xBF] + Array(form.utf8))
        XCTAssertEqual(r.encoding, .utf8BOM)
        XCTAssertEqual(r.text, form, "the BOM is not part of the text")
    }

    func testUTF16LittleAndBigEndianWithBOM() {
        let units = Array(form.utf16)
        let le: [UInt8] = [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be: [UInt8] = [0xFE, 0xFF] + units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        XCTAssertEqual(TextDecoder.decode(le).encoding, .utf16LE)
        XCTAssertEqual(TextDecoder.decode(le).text, form)
        XCTAssertEqual(TextDecoder.decode(be).encoding, .utf16BE)
        XCTAssertEqual(TextDecoder.decode(be).text, form)
    }

    func testGB18030IsDetectedAndDecoded() {
        // 项目名称 in GBK/GB18030 bytes: 项 CF EE, 目 C4 BF, 名 C3 FB, 称 B3 C6.
        let bytes: [UInt8] = [0xCF, 0xEE, 0xC4, 0xBF, 0xC3, 0xFB, 0xB3, 0xC6, 0x0A]
        let r = TextDecoder.decode(bytes)
        XCTAssertEqual(r.encoding, .gb18030)
        XCTAssertEqual(r.text, "项目名称\n")
        XCTAssertEqual(r.badLines, [])
    }

    func testAWholeGB18030FormIsReadLikeItsUTF8Twin() throws {
        let text = """
            项目支出绩效自评表
            项目资金名称\t\t禁毒专项经费\t\t负责人及电话\t
            市级主管部门\t\t衡阳市公安局\t\t
            项目资金（万元）\t\t\t全年预算数（A）\t全年执行数（B）\t执行率（B/A）
            \t\t年度资金总额\t550\t550\t100%

            """
        let gb = try XCTUnwrap(TextDecoder.encode(text, to: "GB18030"))
        let fromGB = SubmissionReader.read(bytes: gb, displayPath: "inline.txt", sidecar: nil)
        let fromUTF8 = readText(text)
        XCTAssertEqual(fromGB.document.encoding, .gb18030)
        XCTAssertEqual(fromGB.projects.first?.name, "禁毒专项经费")
        XCTAssertEqual(fromGB.projects.first?.funds.budget.value, 550)
        XCTAssertEqual(fromGB.projects, fromUTF8.projects)
    }

    func testLineEndsCRLFAndCRBecomeLF() {
        XCTAssertEqual(TextDecoder.decode(Array("a\r\nb\rc\n".utf8)).text, "a\nb\nc\n")
        let r = readText("项目支出绩效自评表\r\n项目名称\t\t禁毒专项经费\r\n")
        XCTAssertEqual(r.projects.first?.name, "禁毒专项经费")
        XCTAssertEqual(r.projects.first?.source.line, 1)
    }

    func testUndecodableBytesAreReportedOnTheirLineNotACrash() {
        // Valid UTF-8 text with one stray byte on line 3 (0xFF is never valid in UTF-8 or GB18030 here).
        var bytes = Array("项目支出绩效自评表\n项目名称\t\t禁毒专项经费\n".utf8)
        bytes += [0x41, 0xFF, 0x42, 0x0A]
        let s = SubmissionReader.read(bytes: bytes, displayPath: "bad.txt", sidecar: nil)
        XCTAssertEqual(s.document.encoding, .utf8)
        XCTAssertEqual(s.projects.first?.name, "禁毒专项经费", "the rest of the document is still read")
        let errors = s.document.diagnostics.filter { $0.severity == .error }
        XCTAssertEqual(errors.map(\.line), [3])
        XCTAssertTrue(errors.first?.message.contains("UTF-8") ?? false)
    }

    /// Undecodable UTF-8 is replaced over the whole text exactly as line by line (a line feed
    /// is never part of a multi-byte sequence), and its lines are the ones reported.
    func testUndecodableUTF8IsReplacedAsLineByLine() {
        let lines: [[UInt8]] = [
            Array("项目名称".utf8), [0xE9, 0xA1], Array("禁毒".utf8) + [0xE9], [], [0xFF, 0x41, 0xC0, 0xAF, 0x42],
            [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], Array("完成值".utf8) + [0xE5, 0xAE], [0x0D], [0xEF, 0xBF, 0xBD], [0xF0, 0x9F, 0x98],
        ]
        for trailing in [false, true] {
            let bytes = Array(lines.joined(separator: [0x0A])) + (trailing ? [0x0A] : [])
            let expected = (lines + (trailing ? [[]] : [])).map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
            let (text, bad) = TextDecoder.decodeUTF8(bytes[...])
            XCTAssertEqual(text, expected)
            XCTAssertEqual(bad, [2, 3, 5, 6, 7, 8, 11])
        }
        XCTAssertEqual(TextDecoder.decodeUTF8([0x41, 0x0A, 0x42][...]).1, [])
        XCTAssertEqual(TextDecoder.badUTF8Lines(UnsafeBufferPointer(start: nil, count: 0)), [])
        // A GB18030 export: nearly every line is bad UTF-8, so GB18030 is the reading kept.
        let gb: [UInt8] = [0xCF, 0xEE, 0xC4, 0xBF, 0x0A, 0x41, 0x0A, 0xC3, 0xFB, 0xB3, 0xC6]   // 项目 / A / 名称
        let r = TextDecoder.decode(gb)
        XCTAssertEqual(r.encoding, .gb18030)
        XCTAssertEqual(r.text, "项目\nA\n名称")
        XCTAssertEqual(gb.withUnsafeBufferPointer { TextDecoder.badUTF8Lines($0) }, [1, 3])
    }

    func testOddLengthUTF16IsReportedNotACrash() {
        let r = TextDecoder.decode([0xFF, 0xFE, 0x41, 0x00, 0x42])
        XCTAssertEqual(r.text, "A\u{FFFD}")
        XCTAssertEqual(r.badLines, [1])
    }

    /// Windows and old Mac line ends become LF, bytes of other characters untouched.
    func testLineEndsUnified() {
        XCTAssertEqual(TextDecoder.unifyLineEnds("项目\r\n名称\r实施\n\r\n单位\r\r"), "项目\n名称\n实施\n\n单位\n\n")
        XCTAssertEqual(TextDecoder.unifyLineEnds("无回车"), "无回车")
        XCTAssertEqual(TextDecoder.decode(Array("a\r\n\tb\r\n".utf8)).text, "a\n\tb\n")
    }
}
