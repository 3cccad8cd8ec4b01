#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes → text. Detects the encoding (BOM, then strict UTF-8, then GB18030 via iconv),
/// unifies CRLF/CR line ends to LF and reports every line holding bytes it cannot decode.
public enum TextDecoder {
    /// The decoded text, its encoding, and the 1-based lines that held undecodable bytes.
    public struct Result: Sendable {
        public var text: String
        public var encoding: TextEncoding
        public var badLines: [Int]
    }

    public static func decode(_ bytes: [UInt8]) -> Result {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let (text, bad) = decodeUTF8(bytes[3...])
            return Result(text: unifyLineEnds(text), encoding: .utf8BOM, badLines: bad)
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            let (text, bad) = decodeUTF16(bytes[2...], bigEndian: false)
            return Result(text: unifyLineEnds(text), encoding: .utf16LE, badLines: bad)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            let (text, bad) = decodeUTF16(bytes[2...], bigEndian: true)
            return Result(text: unifyLineEnds(text), encoding: .utf16BE, badLines: bad)
        }
        if let utf8 = bytes.withUnsafeBufferPointer({ String(validating: $0, as: UTF8.self) }) {
            return Result(text: unifyLineEnds(utf8), encoding: .utf8, badLines: [])
        }
        // Not valid UTF-8: GB18030 (a superset of GBK and GB2312) is what Chinese
        // Windows exports use. Keep whichever reading loses fewer lines (the UTF-8 reading is
        // made only when it is kept: of a GB18030 file nearly every line is bad UTF-8).
        let utf8Bad = bytes.withUnsafeBufferPointer(badUTF8Lines)
        let (gb, gbBad) = decodeGB18030(bytes)
        if gbBad.count <= utf8Bad.count {
            return Result(text: unifyLineEnds(gb), encoding: .gb18030, badLines: gbBad)
        }
        return Result(text: unifyLineEnds(String(decoding: bytes, as: UTF8.self)), encoding: .utf8, badLines: utf8Bad)
    }

    // MARK: - Line ends

    static func unifyLineEnds(_ text: String) -> String {
        var text = text
        // Most exports end lines with LF alone: memchr finds no CR (a generic `contains` on the
        // UTF-8 view went a byte at a time through index checks, 0.7 % of a 10,000-form build).
        guard text.withUTF8({ $0.count > 0 && memchr($0.baseAddress!, 0x0D, $0.count) != nil }) else { return text }
        // CR and LF are ASCII, so on the UTF-8 bytes: CR LF and a lone CR become LF.
        return text.withUTF8 { b in
            String(unsafeUninitializedCapacity: b.count) { out in
                var n = 0, i = 0
                while i < b.count {
                    let byte = b[i]
                    if byte == 0x0D {
                        out[n] = 0x0A
                        if i + 1 < b.count, b[i + 1] == 0x0A { i += 1 }
                    } else {
                        out[n] = byte
                    }
                    n += 1
                    i += 1
                }
                return n
            }
        }
    }

    // MARK: - UTF-8

    /// The text, each undecodable sequence replaced by U+FFFD, and the lines holding one.
    static func decodeUTF8(_ bytes: ArraySlice<UInt8>) -> (String, [Int]) {
        bytes.withUnsafeBufferPointer { buffer in
            // Nearly every file is valid throughout: one pass, no per-line strings.
            if let whole = String(validating: buffer, as: UTF8.self) { return (whole, []) }
            // Replaced over the whole text as line by line: a line feed is never part of a
            // multi-byte sequence, so a sequence cut short by one is replaced either way.
            return (String(decoding: buffer, as: UTF8.self), badUTF8Lines(buffer))
        }
    }

    /// The 1-based lines of `bytes` that are not valid UTF-8, each checked in place (a
    /// String made and appended per line took some 4,800 instructions a line).
    static func badUTF8Lines(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        var bad: [Int] = []
        var line = 1
        var start = 0
        while true {
            var end = bytes.count
            if start < bytes.count, let base = bytes.baseAddress, let feed = memchr(base + start, 0x0A, bytes.count - start) {
                end = UnsafeRawPointer(feed) - UnsafeRawPointer(base)
            }
            if String(validating: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self) == nil { bad.append(line) }
            if end == bytes.count { return bad }
            line += 1
            start = end + 1
        }
    }

    // MARK: - UTF-16

    static func decodeUTF16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> (String, [Int]) {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let a = UInt16(bytes[index]), b = UInt16(bytes[index + 1])
            units.append(bigEndian ? (a << 8 | b) : (b << 8 | a))
            index += 2
        }
        var out = String.UnicodeScalarView()
        var bad: [Int] = []
        var line = 1
        var iterator = units.makeIterator()
        var codec = UTF16()
        loop: while true {
            switch codec.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1 }
                out.append(scalar)
            case .error:
                if bad.last != line { bad.append(line) }
                out.append("\u{FFFD}")
            case .emptyInput:
                break loop
            }
        }
        if (bytes.count % 2) == 1 {
            if bad.last != line { bad.append(line) }
            out.append("\u{FFFD}")
        }
        return (String(out), bad)
    }

    // MARK: - GB18030 through glibc's iconv

    /// Converts with iconv; an illegal or truncated sequence becomes U+FFFD and its line is reported.
    static func decodeGB18030(_ bytes: [UInt8]) -> (String, [Int]) {
        guard let cd = openConverter() else {
            // No converter: fall back to lossy UTF-8 and call every non-ASCII line bad.
            let (text, bad) = decodeUTF8(bytes[...])
            return (text, bad.isEmpty ? [1] : bad)
        }
        defer { iconv_close(cd) }

        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 3 / 2 + 16)
        var badOffsets: [Int] = []
        var input = bytes
        let total = input.count
        var consumed = 0
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)

        input.withUnsafeMutableBufferPointer { inBuf in
            while consumed < total {
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress! + consumed)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = total - consumed
                let (result, produced, left) = buffer.withUnsafeMutableBufferPointer { outBuf -> (Int, Int, Int) in
                    var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!)
                        .assumingMemoryBound(to: CChar.self)
                    var outLeft = outBuf.count
                    let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                    return (r, outBuf.count - outLeft, inLeft)
                }
                let savedErrno = errno
                output.append(contentsOf: buffer[0..<produced])
                consumed = total - left
                if result != -1 { break }
                if savedErrno == E2BIG { continue }
                // EILSEQ or EINVAL: skip one byte, mark it, carry on.
                badOffsets.append(consumed)
                output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                consumed += 1
            }
        }
        let text = String(decoding: output, as: UTF8.self)
        return (text, linesOf(offsets: badOffsets, in: bytes))
    }

    private static func openConverter() -> iconv_t? {
        let cd = iconv_open("UTF-8", "GB18030")
        if cd == iconv_t(bitPattern: -1) { return nil }
        return cd
    }

    /// The other way round, for writing test and benchmark corpora: UTF-8 text in `encoding`
    /// (an iconv name such as "GB18030"); nil when iconv lacks it or a character has no form there.
    static func encode(_ text: String, to encoding: String) -> [UInt8]? {
        let cd = iconv_open(encoding, "UTF-8")
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        let produced: Int? = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count, outLeft = outBuf.count
                guard iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1 else { return nil }
                return outBuf.count - outLeft
            }
        }
        return produced.map { Array(output[0..<$0]) }
    }

    private static func linesOf(offsets: [Int], in bytes: [UInt8]) -> [Int] {
        var lines: [Int] = []
        var line = 1
        var position = 0
        for offset in offsets {
            while position < offset && position < bytes.count {
                if bytes[position] == 0x0A { line += 1 }
                position += 1
            }
            if lines.last != line { lines.append(line) }
        }
        return lines
    }
}
