import Foundation

extension Rules {
    /// Two current projects that look like one: same agency, unit and year, names nearly equal.
    public static let nearDuplicate = Rule(
        id: "near-duplicate", title: "疑似同一项目", severity: .warning,
        checks: "同一年度、同一主管部门和实施单位下，名称相近但不完全相同的两个项目（如「扫黑除恶专项经费」与「扫黑除恶专项斗争经费」）。",
        why: "改名后重新提交的项目会被当作两个项目重复计算；是否同一项目需要人来判断。",
        how: "去掉空白后，一个名称包含另一个，或两两相邻字符（二元组）的重合度（Dice 系数）不低于 0.75，即报告，并注明另一个项目的位置。名称完全相同的由重复填报规则和重新提交规则处理。",
        peers: { p, context in
            guard let group = context.peerGroup(of: p), let profile = group.peers[group.me].name else { return [] }
            let me = group.peers[group.me]
            return context.peers(of: p, in: group) { other in
                guard other.unit == me.unit, other.nameKey != me.nameKey, let otherName = other.name else { return false }
                return Similarity.isNear(profile, otherName)
            }.map { other in
                RuleHit(line: p.source.line,
                        "名称与 \(other.source.path):\(other.source.line) 的「\(other.name ?? "")」相近（\(Format.year(p.year))，\(p.agencyResolved)，\(p.unit ?? "未填实施单位")），请确认是否同一项目")
            }
        })
}

/// A name prepared for comparison: its key, its characters as numbers (canonically
/// equivalent characters get the same number), a 64-bit mask of those and its sorted
/// bigrams.
struct NameProfile: Sendable {
    let key: String
    let count: Int
    let mask: UInt64
    let bigrams: [UInt64]

    init(_ name: String) {
        key = Text.key(name)
        var ids: [UInt32]
        if Text.isOneScalarPerCharacter(key) {
            // Nearly every name: one character per scalar, each its own only spelling.
            ids = key.unicodeScalars.map(\.value)
        } else {
            // A character that is one scalar in NFC is that scalar (so U+F9E4 counts as 理);
            // one of several scalars (a letter and its marks) is numbered by a hash of its
            // NFC bytes, above every scalar value.
            ids = key.map { character -> UInt32 in
                let nfc = String(character).precomposedStringWithCanonicalMapping
                let scalars = nfc.unicodeScalars
                if scalars.count == 1 { return scalars.first!.value }
                var f = Fingerprint()
                f.field(nfc)
                return 0x8000_0000 | UInt32(truncatingIfNeeded: f.value & 0x7FFF_FFFF)
            }
        }
        count = ids.count
        mask = ids.reduce(0) { $0 | 1 << UInt64($1 % 64) }
        bigrams = ids.count > 1 ? zip(ids, ids.dropFirst()).map { UInt64($0) << 32 | UInt64($1) }.sorted() : []
    }
}

/// Name similarity for Chinese: containment, or the Dice coefficient of character bigrams.
enum Similarity {
    static func isNear(_ a: NameProfile, _ b: NameProfile) -> Bool {
        guard a.count >= 4, b.count >= 4 else { return false }
        // One contains the other only if its characters all occur there (the masks say
        // when they cannot).
        if b.count <= a.count, b.mask & ~a.mask == 0, a.key.contains(b.key) { return true }
        if a.count <= b.count, a.mask & ~b.mask == 0, b.key.contains(a.key) { return true }
        return dice(a.bigrams, b.bigrams) >= 0.75
    }

    /// 2 × shared bigrams (as multisets) / all bigrams, over two sorted lists.
    static func dice(_ x: [UInt64], _ y: [UInt64]) -> Double {
        guard !x.isEmpty, !y.isEmpty else { return 0 }
        var i = 0, j = 0, shared = 0
        while i < x.count, j < y.count {
            if x[i] == y[j] { shared += 1; i += 1; j += 1 }
            else if x[i] < y[j] { i += 1 }
            else { j += 1 }
        }
        return 2 * Double(shared) / Double(x.count + y.count)
    }
}
