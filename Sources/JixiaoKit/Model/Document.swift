/// The text encodings a submission can come in; detected, never configured.
public enum TextEncoding: String, Sendable, Codable, Equatable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 (BOM)"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
    case gb18030 = "GB18030"
}

/// How the tables of a document were exported to text.
public enum Layout: String, Sendable, Codable, Equatable {
    /// One table row per line, cells separated by TABs; merged cells leave empty fields.
    case tabRows = "tab-rows"
    /// One cell per line starting with a TAB, blank lines between rows.
    case cellLines = "cell-lines"
    /// Prose with headings and numbered sections.
    case prose = "prose"
    /// Prose followed by tables in cell-lines layout.
    case proseAndCellLines = "prose+cell-lines"
    /// Prose followed by tables in tab-rows layout.
    case proseAndTabRows = "prose+tab-rows"
    /// Nothing readable.
    case empty = "empty"
}

/// One submission file as read: what it is and what was found in it.
public struct Document: Sendable, Codable {
    public var path: String
    public var encoding: TextEncoding?
    public var layout: Layout
    /// Forms found: project forms plus department documents.
    public var forms: Int
    public var diagnostics: [Diagnostic]
    /// Lines before the first form that belong to no form (附件5：), kept as printed.
    public var preamble: [String]
    public var sidecar: Sidecar?

    public init(path: String, encoding: TextEncoding?, layout: Layout, forms: Int,
                diagnostics: [Diagnostic], preamble: [String], sidecar: Sidecar?) {
        self.path = path
        self.encoding = encoding
        self.layout = layout
        self.forms = forms
        self.diagnostics = diagnostics
        self.preamble = preamble
        self.sidecar = sidecar
    }
}
