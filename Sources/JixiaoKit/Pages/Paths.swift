/// Where every page and file of the site lives. All paths are relative to the site root,
/// ASCII, and made only from slugs this file builds, so nothing a submission says can
/// name a file outside `site/` (`../x`, `a/b`) or collide with another page.
public struct Paths: Sendable {
    private var agencySlugs = NameTable<String>()

    public init(agencies: [String]) {
        var used: Set<String> = []
        for agency in agencies.sorted() {
            var slug = "agency-" + Digest.fnv32(agency)
            var n = 2
            while used.contains(slug) { slug = "agency-" + Digest.fnv32(agency) + "-\(n)"; n += 1 }
            used.insert(slug)
            agencySlugs[agency] = slug
        }
    }

    public static let home = "index.html"
    public static let agencies = "agencies/index.html"
    public static let categories = "categories/index.html"
    public static let issues = "issues.html"
    public static let search = "search.html"
    public static let rules = "rules.html"
    public static let changes = "changes.html"
    public static let feed = "feed.xml"
    /// The `n`th hundred submissions of the changes list, oldest first: changes-1.html, …
    /// (beside changes.html: the entries' links are made from there).
    public static func changesArchive(_ n: Int) -> String { "changes-\(n).html" }

    public func agency(_ name: String) -> String { "agencies/\(agencySlug(name)).html" }
    public func agencySlug(_ name: String) -> String { agencySlugs[name] ?? "agency-" + Digest.fnv32(name) }
    public func agencyCSV(_ name: String) -> String { "data/agencies/\(agencySlug(name)).csv" }
    public static func category(_ c: Category) -> String { "categories/\(c.slug).html" }
    public static func project(_ id: String) -> String {
        // Made with room for the whole path first (asked for every record on every build,
        // interpolation took some 1,400 instructions).
        var slug = safe(id)
        return slug.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: 14 + bytes.count) { out in
                var at = 0
                func put(_ part: UnsafeBufferPointer<UInt8>) {
                    _ = UnsafeMutableBufferPointer(rebasing: out[at...]).initialize(from: part)
                    at += part.count
                }
                let head: StaticString = "projects/", tail: StaticString = ".html"
                put(UnsafeBufferPointer(start: head.utf8Start, count: head.utf8CodeUnitCount))
                put(bytes)
                put(UnsafeBufferPointer(start: tail.utf8Start, count: tail.utf8CodeUnitCount))
                return at
            }
        }
    }
    public static func page(_ slug: String) -> String { "\(safe(slug)).html" }
    /// One page of the issues of one kind: issues/KIND.html, issues/KIND-2.html, …
    public static func issueKind(_ kind: String, page: Int) -> String {
        "issues/\(safe(kind))" + (page > 1 ? "-\(page)" : "") + ".html"
    }

    /// The Markdown source of a page: `markdown/` + the page's path with `.md`.
    public static func markdown(of page: String) -> String {
        "markdown/" + page.dropLast(".html".count) + ".md"
    }

    /// A path from `from` (a page) to `to` (a file), both relative to the site root.
    public static func relative(from: String, to: String) -> String {
        root(of: from) + to
    }

    /// The prefix that leads from a page back to the site root ("", "../").
    public static func root(of page: String) -> String {
        var depth = 0
        for byte in page.utf8 where byte == 0x2F { depth += 1 }
        return String(repeating: "../", count: depth)
    }

    /// Lowercase ASCII letters, digits and '-' only, not empty, not starting with '-'.
    public static func isSafeSlug(_ s: String) -> Bool {
        !s.isEmpty && !s.hasPrefix("-") && s.count <= 80
            && s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// Any id → a file-name-safe slug: kept when already safe (ids are ASCII letters, digits,
    /// '-' and '_'), else hashed.
    static func safe(_ s: String) -> String {
        func allowed(_ b: UInt8) -> Bool {
            switch b {
            case 0x61...0x7A, 0x41...0x5A, 0x30...0x39, 0x2D, 0x5F: true
            default: false
            }
        }
        // Over the bytes in place (every record's page path is made on every build).
        var text = s
        let ok = text.withUTF8 { bytes in !bytes.isEmpty && bytes[0] != 0x2E && bytes.allSatisfy(allowed) }
        return ok ? s : "p-" + Digest.fnv32(s)
    }
}
