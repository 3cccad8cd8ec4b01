import Foundation

/// The base layout rendered once per kind of page, with each per-page value replaced by a
/// marker, then split at the markers: filling a page is joining literal pieces and the
/// page's values, HTML-escaped where the template escaped the marker.
///
/// A marker is `U+E000 tT<n>& U+E001`. Mustache's `{{x}}` turns its `&` into `&amp;`,
/// `{{{x}}}` leaves it, so each occurrence tells which escaping the template used. Any
/// other shape (a transform such as `uppercased(title)` changed the marker) means the
/// layout cannot be filled this way, and the caller renders through Mustache instead.
/// Values are never empty here (the caller checks), so sections on them (`{{#title}}`)
/// take the same branch for the marker as for the value.
final class LayoutMemo: @unchecked Sendable {
    struct Layout: Sendable {
        enum Piece: Sendable {
            case literal(String)
            case slot(Int, escaped: Bool)
        }
        let pieces: [Piece]

        /// Splits a layout rendered with `markers(slots)`; nil when a marker was altered.
        init?(marked html: String, slots: Int) {
            var pieces: [Piece] = []
            var literal = Substring.UnicodeScalarView()
            var scalars = html.unicodeScalars[...]
            while let scalar = scalars.popFirst() {
                guard scalar == LayoutMemo.open else {
                    if scalar == LayoutMemo.close { return nil }
                    literal.append(scalar)
                    continue
                }
                guard let end = scalars.firstIndex(of: LayoutMemo.close) else { return nil }
                let inner = String(scalars[..<end])
                scalars = scalars[scalars.index(after: end)...]
                guard inner.hasPrefix("tT") else { return nil }
                let rest = inner.dropFirst(2)
                let escaped: Bool
                let digits: Substring
                if rest.hasSuffix("&amp;") { escaped = true; digits = rest.dropLast(5) }
                else if rest.hasSuffix("&") { escaped = false; digits = rest.dropLast(1) }
                else { return nil }
                guard let slot = Int(digits), (0..<slots).contains(slot), String(slot) == digits else { return nil }
                if !literal.isEmpty { pieces.append(.literal(String(literal))); literal = Substring.UnicodeScalarView() }
                pieces.append(.slot(slot, escaped: escaped))
            }
            if !literal.isEmpty { pieces.append(.literal(String(literal))) }
            self.pieces = pieces
        }

        /// The page: the literal pieces and the values, slot 1 (the body) from `body`'s bytes.
        func fill(_ values: [String], body: UnsafeRawBufferPointer) -> [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(pieces.reduce(0) {
                switch $1 {
                case .literal(let text): $0 + text.utf8.count
                case .slot(1, _): $0 + body.count
                case .slot(let n, _): $0 + values[n].utf8.count + 16
                }
            })
            func append(_ s: String) { var s = s; s.withUTF8 { out.append(contentsOf: $0) } }
            for piece in pieces {
                switch piece {
                case .literal(let text): append(text)
                case .slot(1, escaped: false): out.append(contentsOf: body)
                case .slot(1, escaped: true): var e = ""; LayoutMemo.escape(String(decoding: body, as: UTF8.self), into: &e); append(e)
                case .slot(let n, escaped: false): append(values[n])
                case .slot(let n, escaped: true): var e = ""; LayoutMemo.escape(values[n], into: &e); append(e)
                }
            }
            return out
        }
    }

    static let open: Unicode.Scalar = "\u{E000}", close: Unicode.Scalar = "\u{E001}"

    /// The marker values for `count` slots.
    static func markers(_ count: Int) -> [String] {
        (0..<count).map { "\u{E000}tT\($0)&\u{E001}" }
    }

    /// Mustache's `{{x}}` escaping, character for character (a `<` with a combining mark
    /// is another character and stays as it is, as it does in Mustache).
    private static let mustacheSpecials = Text.mask("<>&\"'")

    static func escape(_ value: String, into out: inout String) {
        if !Text.hasByte(value, in: mustacheSpecials) {
            out += value
            return
        }
        for character in value {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
    }

    /// What a page's layout depends on besides the site: its folder depth, whether it is the
    /// home page, and which navigation entries are marked current.
    struct Kind: Hashable {
        let root: String
        let isHome: Bool
        let current: [Bool]
    }

    /// The site the memoised layouts were rendered for: its title, description, base URL
    /// and navigation. Compared in place on every page (the build passes the same strings
    /// each time, so each comparison is of two references) rather than joined into a key
    /// and hashed: that key was half of the layout's cost per page, 1.2 % of a build.
    private struct Site {
        let title: String, description: String, baseURL: String
        let navigation: [(title: String, path: String)]

        init(_ config: SiteConfig, _ navigation: [(title: String, path: String, section: Page.Section)]) {
            title = config.title
            description = config.description
            baseURL = config.baseURL
            self.navigation = navigation.map { ($0.title, $0.path) }
        }

        func matches(_ config: SiteConfig, _ navigation: [(title: String, path: String, section: Page.Section)]) -> Bool {
            guard title == config.title, description == config.description, baseURL == config.baseURL,
                  self.navigation.count == navigation.count else { return false }
            for (a, b) in zip(self.navigation, navigation) where a.title != b.title || a.path != b.path { return false }
            return true
        }
    }

    private let lock = NSLock()
    private var site: Site?
    /// By page kind, for `site`; `.some(nil)` records a layout that cannot be memoised.
    private var layouts: [Kind: Layout?] = [:]

    /// The layout of pages of `kind` on the site `config` and `navigation` describe, made by
    /// `make` the first time it is asked for. Another site (a theme used for two) starts over.
    func layout(for kind: Kind, config: SiteConfig, navigation: [(title: String, path: String, section: Page.Section)],
                make: () -> Layout?) -> Layout? {
        lock.lock()
        if site?.matches(config, navigation) != true {
            site = Site(config, navigation)
            layouts = [:]
        }
        if let known = layouts[kind] { lock.unlock(); return known }
        lock.unlock()
        let made = make()
        lock.lock()
        // Kept only while the memo is still this site's (another thread may have moved it on).
        if site?.matches(config, navigation) == true { layouts[kind] = made }
        lock.unlock()
        return made
    }
}
