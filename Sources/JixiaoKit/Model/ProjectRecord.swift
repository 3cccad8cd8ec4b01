/// What the site's lists, totals, revisions and peer checks read of a project: a few
/// fields, kept for every project of the corpus. The whole form (`Project`) is needed only
/// for its own page, its own checks and the data files; a rebuild keeps these records from
/// the last build and reads again only the forms whose pages must change. A class: lists,
/// groups and revisions hold the same record many times over, and a copy is then one
/// reference, not a dozen strings.
public final class ProjectRecord: Sendable, Equatable {
    public let id: String
    public let kind: FormKind
    public let source: SourceLocation
    public let year: Int?
    public let name: String?
    public let code: String?
    public let agencyResolved: String
    public let unit: String?
    /// 全年预算数 (A), or 预算数 of a target table, 万元.
    public let budget: Double?
    /// 全年执行数 (B), 万元.
    public let executed: Double?
    public let totalScore: Amount
    /// Annual targets that state a quantity or a date, and all annual targets (placeholders aside).
    public let measurableTargets: Int
    public let targets: Int
    /// The project's row of `data/projects.csv` (and of its agency's CSV), CRLF-terminated.
    public var csvRow: String { csvRowText.string }
    /// The row as made, or where it is in a loaded build state: a rebuild asks for the rows of
    /// a few agencies only, and making every record's row a String again (checking its UTF-8)
    /// was a tenth of loading the state.
    let csvRowText: StoredText
    /// Who the project is across submissions (`Revisions.key`: kind, year, agency, unit and
    /// name in matching form), made once when the form is read and kept with the record.
    let revisionKey: String
    /// The print of what the comparing rules read of the project (`Ledger.peerPrint`), made
    /// once when the form is read and kept with the record: its peer group's print is made of
    /// its members' on every build.
    let peerPrint: UInt64
    /// The record's position in the ledger that arranged it last (`Ledger.records`), so the
    /// ledger finds its category and findings by position instead of hashing its id (at
    /// 10,000 forms a rebuild made some 300,000 such lookups). Set only while a ledger is
    /// made, before it is shared; a ledger checks the position holds this very record
    /// before using it, and otherwise looks the record up by id.
    nonisolated(unsafe) var slot = -1

    public static func == (a: ProjectRecord, b: ProjectRecord) -> Bool {
        a === b || (a.id == b.id && a.kind == b.kind && a.source == b.source && a.year == b.year && a.name == b.name
            && a.code == b.code && a.agencyResolved == b.agencyResolved && a.unit == b.unit && a.budget == b.budget
            && a.executed == b.executed && a.totalScore == b.totalScore && a.measurableTargets == b.measurableTargets
            && a.targets == b.targets && a.csvRow == b.csvRow)
    }

    public init(_ p: Project) {
        id = p.id
        kind = p.kind
        source = p.source
        year = p.year
        name = p.name
        code = p.code
        agencyResolved = p.agencyResolved
        unit = p.unit
        budget = p.funds.budget.value
        executed = p.funds.executed.value
        totalScore = p.totalScore
        let counts = Measurability.counts(p)
        measurableTargets = counts.measurable
        targets = counts.all
        csvRowText = .text(Corpus.projectsCSVRow(p))
        revisionKey = Revisions.key(kind: p.kind, year: p.year, agency: p.agencyResolved, unit: p.unit, name: p.name ?? p.id)
        peerPrint = Ledger.peerPrint(id: p.id, source: p.source, name: p.name, unit: p.unit, agency: p.agencyResolved,
                                     year: p.year, kind: p.kind)
    }

    /// The record as stored (see `BuildState`).
    init(id: String, kind: FormKind, source: SourceLocation, year: Int?, name: String?, code: String?, agencyResolved: String,
         unit: String?, budget: Double?, executed: Double?, totalScore: Amount, measurableTargets: Int, targets: Int, csvRow: StoredText,
         revisionKey: String, peerPrint: UInt64) {
        self.id = id
        self.kind = kind
        self.source = source
        self.year = year
        self.name = name
        self.code = code
        self.agencyResolved = agencyResolved
        self.unit = unit
        self.budget = budget
        self.executed = executed
        self.totalScore = totalScore
        self.measurableTargets = measurableTargets
        self.targets = targets
        self.csvRowText = csvRow
        self.revisionKey = revisionKey
        self.peerPrint = peerPrint
    }

    /// B / A, as `Funds.rate` computes it.
    public var rate: Double? {
        guard let b = budget, let e = executed, b != 0 else { return nil }
        return e / b
    }
}

/// A text made by the program, or kept as a loaded build state's bytes until it is asked for.
enum StoredText: Sendable {
    case text(String)
    /// `range` of `state.buffer`: UTF-8 this program wrote (the state is read only by the
    /// program that saved it, see `BuildEnvironment`).
    case stored(StateBytes, Range<Int>)

    var string: String {
        switch self {
        case .text(let s): s
        case .stored(let state, let range): String(decoding: UnsafeRawBufferPointer(rebasing: state.buffer[range]), as: UTF8.self)
        }
    }

    /// The text's UTF-8, in place.
    func withUTF8<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        switch self {
        case .text(var s): try s.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
        case .stored(let state, let range): try body(UnsafeRawBufferPointer(rebasing: state.buffer[range]))
        }
    }

    /// Whether the two are the same text as `String` compares them (canonical equivalence),
    /// without making Strings of two that are the same bytes of the same state.
    func isSameText(as other: StoredText) -> Bool {
        if case .stored(let a, let x) = self, case .stored(let b, let y) = other, a === b, x == y { return true }
        return string == other.string
    }
}
