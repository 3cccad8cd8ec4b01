import Foundation

/// Reads cell text for what it is: an amount, a percent, a target with an operator,
/// a deadline, a completion word. Anything else stays text; nothing is guessed.
public enum ValueReader {
    /// An amount in 万元 ("24.67", "100.00", "1,234.5", "10.00分", "5万", "74.68万元").
    /// `scale` converts the column's unit (0.0001 for a column in 元).
    public static func amount(_ printed: String, scale: Double = 1) -> Amount {
        // Most amounts are printed as plain ASCII numbers ("24.67"): such text is its own clean
        // and matching form and ends in no unit, so it is read as it is.
        if Text.isASCIIKey(printed.utf8), let v = plainNumber(printed) { return Amount(printed: printed, value: v * scale) }
        let text = Text.clean(printed)
        if text.isEmpty || Text.isDash(text) { return Amount(printed: text, value: nil) }
        var k = Text.key(text)
        // Compared as bytes (String's hasSuffix walks characters, slowly for CJK text) when
        // what precedes the unit is ASCII, which cannot join the unit into one character.
        func hasUnit(_ suffix: String) -> Bool {
            let n = suffix.utf8.count, bytes = k.utf8
            guard bytes.count >= n, bytes.reversed().starts(with: suffix.utf8.reversed()) else { return false }
            let before = bytes.dropLast(n).last
            return before == nil || before! < 0x80 || k.hasSuffix(suffix)
        }
        for suffix in ["万元", "万", "元", "分"] where hasUnit(suffix) {
            k.removeLast(suffix.count)
            if suffix == "元" { return Amount(printed: text, value: plainNumber(k).map { $0 * 0.0001 }) }
            break
        }
        return Amount(printed: text, value: plainNumber(k).map { $0 * scale })
    }

    /// A rate as a fraction: "100%" → 1, "66.6%" → 0.666, "100%%" (a % split over two lines) → 1.
    public static func percent(_ printed: String) -> Amount {
        let text = Text.clean(printed)
        if text.isEmpty || Text.isDash(text) { return Amount(printed: text, value: nil) }
        var k = Text.key(text)
        guard k.hasSuffix("%") else { return Amount(printed: text, value: nil) }
        while k.hasSuffix("%") { k.removeLast() }
        // Rounded so 66.6% reads as 0.666, not 0.6659999999999999.
        return Amount(printed: text, value: plainNumber(k).map { ($0 / 100 * 1e12).rounded() / 1e12 })
    }

    /// A plain decimal number, with optional thousands separators and sign; nil for anything else.
    public static func plainNumber<S: StringProtocol>(_ s: S) -> Double? {
        // On the bytes: every character it accepts is ASCII, and any other byte ends it. The
        // digits are gathered on the stack, not in an array.
        let count = s.utf8.count
        guard count > 0 else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { digits -> Double? in
            var n = 0
            var sawDigit = false, sawDot = false
            var i = 0
            for byte in s.utf8 {
                switch byte {
                case 0x30...0x39: digits[n] = byte; n += 1; sawDigit = true
                case 0x2E where !sawDot: digits[n] = byte; n += 1; sawDot = true
                case 0x2C where sawDigit && !sawDot: break
                case 0x2D where i == 0, 0x2B where i == 0: digits[n] = byte; n += 1
                default: return nil
                }
                i += 1
            }
            guard sawDigit else { return nil }
            // A number's text fits a small string (no allocation); Double reads it in the C locale.
            return Double(String(decoding: UnsafeRawBufferPointer(start: digits.baseAddress, count: n), as: UTF8.self))
        }
    }

    // MARK: - Targets and completion values

    /// What a target or completion value states; nil for prose.
    public static func measure(_ printed: String) -> Measure? {
        let k = Text.key(printed)
        if k.isEmpty { return nil }
        if Text.isStatusKey(k) {
            return .status(done: !(k.hasPrefix("未") || k.hasPrefix("部分")))
        }
        if let date = date(k) { return date }
        return quantity(k)
    }

    /// "2020年底", "截止12月31日前", "截至12月31日", "12月20日", "2021年11月", "12月底".
    static func date(_ k: String) -> Measure? {
        // Every date names a month (月) or an end (底): most values do neither.
        guard Text.has(k, "月") || Text.has(k, "底") else { return nil }
        // Characters, without walking graphemes when each is one scalar (keys mostly are).
        let scalars = Text.isOneScalarPerCharacter(k) ? k.unicodeScalars.map(Character.init) : Array(k)
        var i = 0
        /// `hasPrefix` of the rest, character by character as `hasPrefix` compares.
        func restStarts(with word: String) -> Bool { scalars[i...].starts(with: word) }
        func number() -> Int? {
            var n = 0, len = 0
            while i < scalars.count, let d = scalars[i].wholeNumberValue, scalars[i].isASCII {
                n = n * 10 + d; i += 1; len += 1
            }
            return len > 0 ? n : nil
        }
        func skip(_ words: [String]) {
            for w in words where restStarts(with: w) { i += w.count; return }
        }
        skip(["截止", "截至", "于", "在"])
        var year: Int?
        let start = i
        if let n = number() {
            if i < scalars.count, scalars[i] == "年", n >= 1900, n <= 2200 {
                year = n; i += 1
                if restStarts(with: "底") || restStarts(with: "年底") {
                    return .date(year: n, month: 12, day: 31, before: true)
                }
                if i == scalars.count { return nil }
            } else {
                i = start
            }
        }
        guard let month = number(), (1...12).contains(month), i < scalars.count, scalars[i] == "月" else { return nil }
        i += 1
        var day: Int?
        if restStarts(with: "底") {
            day = lastDay(month)
            i += 1
        } else if let d = number(), (1...31).contains(d), i < scalars.count, scalars[i] == "日" || scalars[i] == "号" {
            day = d
            i += 1
        }
        let tail = String(scalars[i...])
        guard ["", "前", "之前", "以前", "底前", "完成", "前完成"].contains(tail) else { return nil }
        return .date(year: year, month: month, day: day, before: !tail.isEmpty || k.hasPrefix("截"))
    }

    private static func lastDay(_ month: Int) -> Int {
        [1: 31, 2: 28, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31][month] ?? 31
    }

    /// Operators as words, longest first.
    static let operatorWords: [(String, Comparison)] = [
        (">=", .atLeast), ("<=", .atMost), ("≥", .atLeast), ("≤", .atMost),
        ("不低于", .atLeast), ("不少于", .atLeast), ("不小于", .atLeast), ("大于等于", .atLeast),
        ("不超过", .atMost), ("不高于", .atMost), ("不大于", .atMost), ("不超", .atMost), ("小于等于", .atMost),
        ("控制在", .atMost), ("控制", .atMost),
        ("大于", .greater), ("高于", .greater), ("超过", .greater), (">", .greater),
        ("小于", .less), ("低于", .less), ("<", .less),
        ("等于", .equal), ("达到", .atLeast), ("达", .atLeast), ("=", .equal),
    ]

    /// One number with its unit and operator: "≥95%", "侦破2起", "专项投入控制450万", "90%以上".
    /// Text holding two numbers or none is not a quantity.
    static func quantity(_ k: String) -> Measure? {
        guard k.utf8.contains(where: { (0x30...0x39).contains($0) }) else { return nil }
        return Text.isOneScalarPerCharacter(k) ? quantityOfSimpleText(k) : quantityByCharacters(k)
    }

    /// `quantity` character by character, for any text.
    static func quantityByCharacters(_ k: String) -> Measure? {
        let chars = Array(k)
        var numbers: [(range: Range<Int>, value: Double)] = []
        var i = 0
        while i < chars.count {
            if chars[i].isASCII, chars[i].isNumber {
                let start = i
                while i < chars.count, chars[i].isASCII, chars[i].isNumber || chars[i] == "." || chars[i] == "," { i += 1 }
                var s = String(chars[start..<i])
                while s.hasSuffix(".") || s.hasSuffix(",") { s.removeLast(); i -= 1 }
                if let v = Double(s.filter { $0 != "," }) { numbers.append((start..<i, v)) }
            } else {
                i += 1
            }
        }
        guard numbers.count == 1, let number = numbers.first else { return nil }
        let before = String(chars[..<number.range.lowerBound])
        let after = String(chars[number.range.upperBound...])
        return quantity(before: before, number: number.value, after: after)
    }

    /// `quantity` for text whose characters are single scalars (nearly all): the number is
    /// found on the UTF-8 bytes (digits, `.` and `,` are ASCII) instead of on an array of
    /// characters. Gives what the general path gives, character for character.
    private static func quantityOfSimpleText(_ k: String) -> Measure? {
        var k = k
        return k.withUTF8 { bytes -> Measure? in
            var found: (range: Range<Int>, value: Double)?
            var i = 0
            while i < bytes.count {
                guard (0x30...0x39).contains(bytes[i]) else { i += 1; continue }
                let start = i
                var commas = false
                while i < bytes.count, (0x30...0x39).contains(bytes[i]) || bytes[i] == 0x2E || bytes[i] == 0x2C {
                    if bytes[i] == 0x2C { commas = true }
                    i += 1
                }
                while bytes[i - 1] == 0x2E || bytes[i - 1] == 0x2C { i -= 1 }
                // A number's text is a small string (no allocation) unless it held commas.
                let run = UnsafeBufferPointer(rebasing: bytes[start..<i])
                let digits = commas ? String(decoding: run.filter { $0 != 0x2C }, as: UTF8.self) : String(decoding: run, as: UTF8.self)
                if let v = Double(digits) {
                    if found != nil { return nil }   // two numbers: not a quantity
                    found = (start..<i, v)
                }
            }
            guard let number = found else { return nil }
            return quantity(before: String(decoding: UnsafeBufferPointer(rebasing: bytes[..<number.range.lowerBound]), as: UTF8.self),
                            number: number.value,
                            after: String(decoding: UnsafeBufferPointer(rebasing: bytes[number.range.upperBound...]), as: UTF8.self))
        }
    }

    /// The operator and unit around the one number of a quantity.
    private static func quantity(before: String, number: Double, after: String) -> Measure {
        var after = after
        var op: Comparison?
        // The operator may stand anywhere before the number: 不超预算数9.74万元, 满意度≥95%.
        for (word, comparison) in operatorWords where Text.has(before, word) {
            op = comparison
            break
        }
        for (suffix, comparison) in [("以上", Comparison.atLeast), ("及以上", .atLeast), ("以内", .atMost), ("以下", .atMost)] {
            if Text.has(after, suffix), let r = after.range(of: suffix) {
                op = op ?? comparison
                after.removeSubrange(r)
            }
        }
        let unit = String(after.prefix { $0 == "%" || !($0.isPunctuation || $0.isWhitespace) }.prefix(4))
        return .quantity(op: op, value: number, unit: unit)
    }
}
