/// One page of the site, first written as Markdown.
public struct Page: Sendable {
    /// The navigation section a page belongs to, for the highlighted tab.
    public enum Section: String, Sendable { case home, agencies, categories, issues, search, about }

    /// Path of the HTML file, relative to the site root (`agencies/agency-1a2b3c4d.html`).
    public var path: String
    /// Plain text title (escaped by the template).
    public var title: String
    public var section: Section
    /// The page body in CommonMark, as UTF-8; data tables and charts are HTML blocks.
    /// Kept as the buffer the page writer made: the bytes go to the Markdown file and to
    /// cmark as they are, never copied into an array or through a String (which would
    /// check them again).
    private var contents: PageBytes
    /// The body's bytes, copied out.
    public var body: [UInt8] { contents.array }
    /// The body as text.
    public var markdown: String { withBody { String(decoding: $0, as: UTF8.self) } }

    public init(path: String, title: String, section: Section, markdown: String) {
        var markdown = markdown
        self.init(path: path, title: title, section: section, contents: markdown.withUTF8 { PageBytes(copying: UnsafeRawBufferPointer($0)) })
    }

    public init(path: String, title: String, section: Section, body: [UInt8]) {
        self.init(path: path, title: title, section: section, contents: body.withUnsafeBytes { PageBytes(copying: $0) })
    }

    /// A page of what `markdown` holds (its buffer, not a copy).
    init(path: String, title: String, section: Section, body markdown: MarkdownBuffer) {
        self.init(path: path, title: title, section: section, contents: markdown.contents)
    }

    private init(path: String, title: String, section: Section, contents: PageBytes) {
        self.path = path
        self.title = title
        self.section = section
        self.contents = contents
    }

    /// The body's bytes, in place.
    func withBody<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R { try contents.withUnsafeBytes(body) }
}

/// What every page writer reads.
public struct SiteContext: Sendable {
    public let ledger: Ledger
    public let paths: Paths
    public let config: SiteConfig
    /// The current projects' issues counted once, for the issues pages and the rules page.
    let issues: IssuesPage.Tally
    /// The findings' list items made once for the build (a full build's; nil otherwise).
    var findingItems: FindingItems?

    public init(ledger: Ledger, config: SiteConfig) {
        self.ledger = ledger
        self.config = config
        self.paths = Paths(agencies: Array(ledger.allAgencies))
        self.issues = IssuesPage.Tally(ledger)
    }

    /// A link from the page at `from` to the file at `to`, both site-relative.
    public func href(_ from: String, _ to: String) -> String { Paths.relative(from: from, to: to) }
}
