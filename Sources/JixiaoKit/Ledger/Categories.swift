import Foundation
import Yams

/// A spending category from `Content/categories.yml`.
public struct Category: Sendable, Equatable, Hashable {
    public var name: String
    /// ASCII, used in file names and links.
    public var slug: String
    public var description: String?
    /// Words looked for in a project's name, then in its purpose and goals.
    public var keywords: [String]
    /// 项目编码 prefixes that place a project here whatever its name says.
    public var codes: [String]

    public init(name: String, slug: String, description: String? = nil, keywords: [String], codes: [String] = []) {
        self.name = name
        self.slug = slug
        self.description = description
        self.keywords = keywords
        self.codes = codes
    }

    /// Where projects no rule places go; shown and counted like the others.
    public static let unclassified = Category(name: "未分类", slug: "unclassified",
                                              description: "没有任何分类规则匹配的项目。", keywords: [])
}

/// The ordered category rules: first match wins.
public struct Categories: Sendable, Equatable {
    public let list: [Category]
    /// Each category's keywords in matching form, computed once, not once per project.
    private let keywords: KeywordIndex
    /// Every category's 项目编码 prefixes with the category's position, in rule order: looked
    /// through without copying each category (five reference-counted fields) per project.
    private let codes: [(prefix: String, index: Int)]

    public init(list: [Category]) {
        self.list = list
        keywords = KeywordIndex(list.map { $0.keywords.map { Text.key($0) }.filter { !$0.isEmpty } })
        codes = list.enumerated().flatMap { i, category in category.codes.map { ($0, i) } }
    }

    public static func == (a: Categories, b: Categories) -> Bool { a.list == b.list }

    /// The category of a project: by 项目编码 prefix, then by a keyword in its name,
    /// then by a keyword in its purpose or goals; else 未分类.
    public func classify(_ p: Project) -> Category {
        if let code = p.code, let rule = codes.first(where: { code.hasPrefix($0.prefix) }) { return list[rule.index] }
        if let i = keywords.firstRule(in: Text.key(p.name ?? "")) { return list[i] }
        if let i = keywords.firstRule(in: Text.key(([p.purpose] + p.goals.map(\.planned)).compactMap { $0 }.joined())) { return list[i] }
        return .unclassified
    }

    /// Every category a page may show, 未分类 last.
    public var all: [Category] { list + [.unclassified] }

    /// Every scalar read as the text it is written as, null aside: a 项目编码 prefix such as
    /// `0204` stays 0204 (YAML 1.1's patterns read it as the octal number 132) and a keyword
    /// `yes` or `1.0` stays itself. Only the null pattern is tried on each scalar (YAML 1.1's
    /// whole set of patterns was most of reading a file of hundreds of categories). Merge
    /// keys (`<<`) are not read.
    static let asWritten = Resolver.basic.appending(.null)

    /// Reads the rules; problems become diagnostics on the file.
    public static func load(path: String, log: inout DiagnosticLog) -> Categories {
        load(data: FileManager.default.contents(atPath: path), log: &log)
    }

    /// The file's bytes read (nil: no file).
    static func load(data: Data?, log: inout DiagnosticLog) -> Categories {
        guard let data else {
            log.warning(1, "no categories file; every project is 未分类")
            return Categories(list: [])
        }
        // The document's nodes, read directly (not built into dictionaries of `Any` first:
        // half the time of reading hundreds of rules).
        let root: Node?
        do {
            root = try Yams.compose(yaml: String(decoding: data, as: UTF8.self), Self.asWritten, .default, .utf8)
        } catch {
            log.error(1, "categories file is not valid YAML: \(error)")
            return Categories(list: [])
        }
        // A scalar as the text it is written as (a tagged one too: `!!int 204` is 204); nil
        // for null, a list or a mapping.
        func text(_ node: Node?) -> String? {
            guard let node, let scalar = node.scalar, node.tag.rawValue != Tag.Name.null.rawValue else { return nil }
            return scalar.string
        }
        var list: [Category] = []
        var slugs: Set<String> = [Category.unclassified.slug]
        for (index, entry) in (root?["categories"]?.sequence.map(Array.init) ?? []).enumerated() {
            guard let mapping = entry.mapping else {
                log.error(1, "category \(index + 1) is not a mapping (name:, slug:, keywords:, codes:); skipped")
                continue
            }
            // Its values by key, the last of a repeated key winning (as Yams's lookup has it).
            var item: [String: Node] = [:]
            for (key, value) in mapping { if let key = key.scalar?.string { item[key] = value } }
            guard let name = text(item["name"]).map(Text.clean), !name.isEmpty else {
                log.error(1, "category \(index + 1) has no name; skipped")
                continue
            }
            var slug = text(item["slug"]) ?? ""
            if !Paths.isSafeSlug(slug) {
                if !slug.isEmpty { log.warning(1, "category \(name): slug \"\(slug)\" must be lowercase ASCII letters, digits and -; a hash is used") }
                slug = "c-" + Digest.fnv32(name)
            }
            if !slugs.insert(slug).inserted {
                log.error(1, "category \(name): slug \(slug) is used twice; skipped")
                continue
            }
            // A list, or one word on its own; null entries dropped. One word with commas in
            // it was most likely meant as a list.
            func words(_ key: String) -> [String] {
                let node = item[key]
                if let sequence = node?.sequence { return sequence.compactMap(text).filter { !$0.isEmpty } }
                guard let word = text(node), !word.isEmpty else { return [] }
                if word.contains(",") || word.contains("，") {
                    log.warning(1, "category \(name): \(key) \"\(word)\" is one entry; for several, write a list: [a, b]")
                }
                return [word]
            }
            let keywords = words("keywords")
            let codes = words("codes")
            list.append(Category(name: name, slug: slug, description: text(item["description"]).map(Text.clean),
                                 keywords: keywords, codes: codes))
        }
        return Categories(list: list)
    }
}

/// The rules' keywords by their first character. The first rule with a keyword in a text is
/// found by looking up each character of the text, not by searching the text once for every
/// keyword of every rule (hundreds of rules at national scale).
struct KeywordIndex: Sendable {
    /// A keyword's first character (its UTF-8 bytes, packed) → the keywords starting with it
    /// and their rules' positions, in rule order.
    private var byFirst: [UInt32: [(bytes: [UInt8], rule: Int)]] = [:]

    init(_ rules: [[String]]) {
        for (rule, words) in rules.enumerated() {
            for word in words {
                let bytes = Array(word.utf8)
                guard !bytes.isEmpty else { continue }
                let key = bytes.withUnsafeBufferPointer { Self.character(at: 0, in: $0).key }
                byFirst[key, default: []].append((bytes, rule))
            }
        }
    }

    /// The character starting at `i`: its bytes packed, and how many there are.
    private static func character(at i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (key: UInt32, length: Int) {
        let lead = bytes[i]
        let length = min(lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4, bytes.count - i)
        var key: UInt32 = 0
        for j in 0..<length { key = key << 8 | UInt32(bytes[i + j]) }
        return (key, length)
    }

    /// The position of the first rule with a keyword in `text` (a key, as `Text.key` makes it).
    func firstRule(in text: String) -> Int? {
        guard !byFirst.isEmpty else { return nil }
        var text = text
        return text.withUTF8 { h -> Int? in
            var best = Int.max
            var i = 0
            while i < h.count {
                let (key, length) = Self.character(at: i, in: h)
                if let candidates = byFirst[key] {
                    for c in candidates {
                        if c.rule >= best { break }
                        guard c.bytes.count <= h.count - i else { continue }
                        var j = length
                        while j < c.bytes.count, h[i + j] == c.bytes[j] { j += 1 }
                        if j == c.bytes.count { best = c.rule; break }
                    }
                }
                i += length
            }
            return best == Int.max ? nil : best
        }
    }
}
